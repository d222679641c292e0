import Foundation
import Testing
import CLVCommands

/// The no-code-execution rule: reading revisions runs nothing the repository configures.
@Suite("Diff reads git without running the repository's code")
struct DiffGitSafetyTests {
    @Test("a repository whose config sets core.fsmonitor, a hook, a filter driver and a textconv runs none of them")
    func nothingRuns() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        try repo.edit("plan-b-ai-service.yaml", "{ category: marketing, amount: 300000, at: 1 }",
                      "{ category: marketing, amount: 400000, at: 1 }")
        try repo.commit("Plan B: bigger campaign")
        // The trap: every program the repository may name touches the marker.
        let marker = repo.dir.appendingPathComponent("ran").path
        let script = repo.dir.appendingPathComponent("trap.sh").path
        // It reads nothing: a trap that waited on its input could stall git (a process filter's handshake).
        try "#!/bin/sh\ntouch '\(marker)'\nexit 0\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let hooks = repo.repo + "/.git/hooks"
        for hook in ["pre-commit", "post-checkout", "post-merge", "reference-transaction", "fsmonitor-watchman"] {
            try FileManager.default.copyItem(atPath: script, toPath: hooks + "/" + hook)
        }
        try repo.git("config", "core.fsmonitor", script)
        try repo.git("config", "core.pager", script)
        try repo.git("config", "filter.trap.smudge", script)
        try repo.git("config", "filter.trap.clean", script)
        try repo.git("config", "filter.trap.process", script)
        try repo.git("config", "diff.trap.textconv", script)
        try repo.git("config", "core.sshCommand", script)
        try repo.git("config", "credential.helper", "!" + script)
        try "*.yaml filter=trap diff=trap\n".write(toFile: repo.repo + "/.gitattributes", atomically: true, encoding: .utf8)

        // Positive control: ordinary git in this repository does run the trap.
        _ = try? repo.git("status")
        #expect(FileManager.default.fileExists(atPath: marker), "the trap must fire under a plain `git status`")
        try FileManager.default.removeItem(atPath: marker)

        let (console, captured) = Console.capture()
        let code = CLI.main(["diff", "HEAD~1", "HEAD", repo.study, "--quiet", "--no-attribution",
                             "--trials", "100", "--clv-samples", "50"], console: console)
        #expect(code == 0, "\(captured.err)")
        #expect(!FileManager.default.fileExists(atPath: marker), "clvsim diff ran a program the repository configured")
        // The working tree as B: the same (read from disk), so still nothing may run.
        let code2 = CLI.main(["diff", repo.study, "--quiet", "--no-attribution", "--trials", "100", "--clv-samples", "50"],
                             console: console)
        #expect(code2 == 0, "\(captured.err)")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
