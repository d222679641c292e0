import Foundation

/// A real git repository in a temporary folder, built by the test: the retail-bank study committed,
/// then edited. Its own git commands run with no user or system config, so the machine's settings
/// (signing, hooks) cannot interfere.
struct GitFixture {
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let files = ["study.yaml", "baseline.yaml", "plan-a-data-platform.yaml", "plan-b-ai-service.yaml"]

    let dir: URL
    var repo: String { dir.appendingPathComponent("repo").path }
    var study: String { repo + "/scenarios/retail-bank/study.yaml" }
    func file(_ name: String) -> String { repo + "/scenarios/retail-bank/" + name }

    /// A repository with the retail-bank study committed once.
    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-diff-test-\(UUID().uuidString)")
        let folder = dir.appendingPathComponent("repo/scenarios/retail-bank")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for f in Self.files {
            try FileManager.default.copyItem(atPath: Self.root + "/scenarios/retail-bank/" + f, toPath: folder.appendingPathComponent(f).path)
        }
        try git("init", "-q", "-b", "main")
        try commit("the retail-bank study")
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    /// Replaces `old` (which must occur) with `new` in a study file.
    func edit(_ name: String, _ old: String, _ new: String) throws {
        let path = file(name)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard text.contains(old) else { throw FixtureError("\(name) does not contain \(old)") }
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    func commit(_ message: String) throws {
        try git("add", "-A")
        try git("-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", message)
    }

    /// Runs git in the repository (the test's own git, not clvsim's reader) and returns its output.
    @discardableResult
    func git(_ args: String...) throws -> String { try Self.run("/usr/bin/git", ["-C", repo] + args, env: [:]) }

    static func run(_ exe: String, _ args: [String], env extra: [String: String], cwd: String? = nil) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        var env = ["PATH": "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path,
                   "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "LC_ALL": "C"]
        env.merge(extra) { $1 }
        p.environment = env
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard p.terminationStatus == 0 else { throw FixtureError("\(exe) \(args.joined(separator: " ")): \(text)") }
        return text
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
