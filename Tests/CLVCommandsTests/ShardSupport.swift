import CLVCommands
import Foundation
import Testing

/// Running sharded studies through the command line, in process, for the shard tests.
enum ShardSupport {
    static let root = CLITests.root
    static let bank = root + "/scenarios/retail-bank/study.yaml"
    static let correlated = root + "/scenarios/retail-bank/what-if/study-correlated.yaml"

    /// The setting: a bank study at 2,000 trials, CLV samples above the trial count (so
    /// customers of one trial are spread over the sample: customer j lives in trial j mod n), and a
    /// small Saltelli design.
    static let bankFlags = ["--trials", "2000", "--clv-samples", "2500", "--sobol", "24", "--threads", "2"]
    /// Correlated inputs (ranked over all trials) without a design.
    static let correlatedFlags = ["--trials", "400", "--clv-samples", "300", "--threads", "2"]

    struct Outcome {
        var code: Int32
        var out: String
        var err: String
    }

    static func clvsim(_ args: [String]) -> Outcome {
        let (console, captured) = Console.capture()
        let code = CLI.main(args, console: console)
        return Outcome(code: code, out: captured.out, err: captured.err)
    }

    /// A plain run's results JSON and report files (name → bytes).
    struct Outputs: Equatable {
        var json: Data
        var report: [String: Data]
    }

    static func read(json: String, report: String?) throws -> Outputs {
        var files: [String: Data] = [:]
        if let report {
            for name in try FileManager.default.contentsOfDirectory(atPath: report) {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: report + "/" + name))
            }
        }
        return Outputs(json: try Data(contentsOf: URL(fileURLWithPath: json)), report: files)
    }

    /// `clvsim run STUDY FLAGS --json [--report]`, once per study and flags for the whole test run
    /// (tests asking for the same run wait for the first to make it).
    static func plain(_ study: String, _ flags: [String], report: Bool) throws -> Outputs {
        let key = ([study] + flags + [report ? "report" : ""]).joined(separator: " ")
        return try cache.withLock { c in
            if let hit = c[key] { return hit }
            let dir = try CLITests.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let json = dir.path + "/results.json", rep = dir.path + "/report"
            let r = clvsim(["run", study] + flags + ["--json", json, "--quiet"] + (report ? ["--report", rep] : []))
            #expect(r.code == 0, "\(r.err)")
            let o = try read(json: json, report: report ? rep : nil)
            c[key] = o
            return o
        }
    }
    static let cache = Locked<[String: Outputs]>([:])

    /// Runs every shard of an N-way split into `dir`; returns the part paths in shard order.
    static func shards(_ study: String, _ flags: [String], count: Int, into dir: String, prefix: String = "part") throws -> [String] {
        try (0..<count).map { i in
            let part = "\(dir)/\(prefix)-\(i)-of-\(count).clvpart"
            let r = clvsim(["run", study] + flags + ["--shard", "\(i)/\(count)", "--out", part, "--quiet"])
            #expect(r.code == 0, "shard \(i)/\(count): \(r.err)")
            return part
        }
    }
}

/// A value behind a lock (test helper).
final class Locked<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ v: T) { value = v }
    func withLock<R>(_ f: (inout T) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try f(&value)
    }
}
