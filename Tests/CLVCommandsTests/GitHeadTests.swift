import Foundation
import Testing
@testable import CLVCommands

/// The scenario folder's commit is read from `.git` directly (issue 11, item 7): a received bundle
/// whose `.git/config` names programs (`core.fsmonitor`, hooks) runs none of them. The tests build
/// their repositories with git itself; the code under test never runs it.
@Suite("Git head without git", .serialized)
struct GitHeadTests {
    static let hasGit = FileManager.default.isExecutableFile(atPath: "/usr/bin/git")

    @discardableResult
    static func git(_ args: [String], in dir: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main",
                       "-c", "core.fsmonitor=false"] + args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func repo() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-git-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/scenarios", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixturesRoot + "/invalid/_base.yaml", toPath: dir + "/scenarios/bank.yaml")
        try git(["init", "-q"], in: dir)
        try git(["add", "."], in: dir)
        try git(["commit", "-q", "-m", "one"], in: dir)
        return dir
    }

    @Test("HEAD on a branch, detached, after pack-refs, in a worktree; nil outside a repository",
          .enabled(if: hasGit, "needs git to build the test repositories"))
    func resolves() throws {
        let dir = try Self.repo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let head = try Self.git(["rev-parse", "HEAD"], in: dir)
        #expect(GitHead.commit(of: dir + "/scenarios") == head)
        try Self.git(["pack-refs", "--all", "--prune"], in: dir)
        #expect(GitHead.commit(of: dir + "/scenarios") == head)
        try Self.git(["checkout", "-q", "--detach"], in: dir)
        #expect(GitHead.commit(of: dir + "/scenarios") == head)
        try Self.git(["checkout", "-q", "main"], in: dir)
        try Self.git(["worktree", "add", "-q", dir + "/wt", "-b", "other"], in: dir)
        #expect(GitHead.commit(of: dir + "/wt/scenarios") == head)
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-nogit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        // /tmp may itself be inside no repository; a folder with a broken .git gives nil, not a guess.
        try "garbage".write(toFile: outside + "/.git", atomically: true, encoding: .utf8)
        #expect(GitHead.commit(of: outside) == nil)
    }

    @Test("a hostile .git/config (core.fsmonitor, hooks, pager) runs nothing; the report still names HEAD",
          .enabled(if: hasGit, "needs git to build the test repository"))
    func hostileConfig() throws {
        let dir = try Self.repo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let marker = dir + "/PWNED"
        let evil = "touch \(marker)"
        try Self.git(["config", "core.fsmonitor", evil], in: dir)
        try Self.git(["config", "core.pager", evil], in: dir)
        try Self.git(["config", "core.hooksPath", dir + "/hooks"], in: dir)
        try FileManager.default.createDirectory(atPath: dir + "/hooks", withIntermediateDirectories: true)
        for hook in ["post-checkout", "post-index-change", "pre-commit"] {
            try "#!/bin/sh\n\(evil)\n".write(toFile: dir + "/hooks/" + hook, atomically: true, encoding: .utf8)
            chmod(dir + "/hooks/" + hook, 0o755)
        }
        let head = try String(contentsOfFile: dir + "/.git/refs/heads/main", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let (console, captured) = Console.capture()
        let code = CLI.main(["run", dir + "/scenarios/bank.yaml", "--trials", "10", "--clv-samples", "10", "--quiet",
                             "--report", dir + "/report"], console: console)
        #expect(code == 0, "\(captured.err)")
        #expect(!FileManager.default.fileExists(atPath: marker), "a repository-configured program ran")
        let md = try String(contentsOfFile: dir + "/report/report.md", encoding: .utf8)
        #expect(md.contains(head))
    }
}
