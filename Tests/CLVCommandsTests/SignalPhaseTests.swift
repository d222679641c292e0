import Foundation
import Testing

/// Signals at every phase of a run, and standard streams that fail (issue 11, items 2 and 5), on
/// the built executable. A signal is sent by the process to itself at the end of a phase
/// (`CLVSIM_TEST_SIGNAL_AT=phase:SIGNAL`), so each phase is hit for certain, without timing.
@Suite("Signals at every phase, failing streams", .serialized)
struct SignalPhaseTests {
    static let root = InterruptionTests.root
    static let binary = InterruptionTests.binary
    static var built: Bool { InterruptionTests.built }

    struct Outcome { var status: Int32; var stdout: String; var stderr: String }

    /// Runs the executable; `stdout` nil means a pipe read to the end.
    static func run(_ args: [String], environment: [String: String] = [:], stdout: FileHandle? = nil,
                    shell: String? = nil) throws -> Outcome {
        let p = Process()
        if let shell {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", shell, binary] + args
        } else {
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = args
        }
        p.currentDirectoryURL = root
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let err = Pipe(), out = Pipe()
        p.standardError = err
        p.standardOutput = stdout ?? out
        try p.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        let outData = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    static let phases = ["loading", "simulating", "analysing", "rendering", "committing"]

    @Test("SIGINT, SIGTERM or SIGHUP at each phase: exit 3, the old JSON and report byte for byte, nothing left over",
          .enabled(if: built, "needs .build/debug/clvsim"),
          arguments: zip(phases, ["SIGINT", "SIGTERM", "SIGHUP", "SIGINT", "SIGTERM"]))
    func phase(_ phase: String, _ signal: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-sig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/report", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{\"old\": 1}".write(toFile: dir + "/results.json", atomically: true, encoding: .utf8)
        try "old".write(toFile: dir + "/report/report.md", atomically: true, encoding: .utf8)
        let o = try Self.run(["run", "Tests/Fixtures/invalid/_base.yaml", "--trials", "20", "--clv-samples", "20", "--quiet",
                              "--json", dir + "/results.json", "--report", dir + "/report"],
                             environment: ["CLVSIM_TEST_SIGNAL_AT": "\(phase):\(signal)"])
        #expect(o.status == 3, "\(phase) \(signal): \(o.stderr)")
        #expect(o.stderr.contains("clvsim: interrupted; no output was written"))
        #expect(try String(contentsOfFile: dir + "/results.json", encoding: .utf8) == "{\"old\": 1}")
        #expect(try String(contentsOfFile: dir + "/report/report.md", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["report", "results.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/report") == ["report.md"])
    }

    @Test("a closed pipe on stdout (| head): SIGPIPE is ignored, the write fails, exit 3 with the reason on stderr",
          .enabled(if: built, "needs .build/debug/clvsim"))
    func brokenPipe() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let o = try Self.run(["run", "Tests/Fixtures/invalid/_base.yaml", "--trials", "20", "--clv-samples", "20"],
                             stdout: pipe.fileHandleForWriting)
        #expect(o.status == 3, "\(o.stderr)")
        #expect(o.stderr.contains("cannot write to standard output: Broken pipe"))
    }

    @Test("stdout on /dev/full or closed: no crash, exit 3, the reason on stderr",
          .enabled(if: built, "needs .build/debug/clvsim"),
          arguments: [("\"$0\" \"$@\" >/dev/full", "No space left on device"), ("\"$0\" \"$@\" >&-", "it is closed")])
    func failingStdout(_ shell: String, _ reason: String) throws {
        let o = try Self.run(["--help"], shell: shell)
        #expect(o.status == 3, "\(o.stderr)")
        #expect(o.stderr.contains("cannot write to standard output: \(reason)"), "\(o.stderr)")
    }

    @Test("stderr closed and stdout fine: an invalid file still exits 1 or 3, never a crash",
          .enabled(if: built, "needs .build/debug/clvsim"))
    func closedStderr() throws {
        let o = try Self.run(["validate", "Tests/Fixtures/invalid/blank.yaml"], shell: "\"$0\" \"$@\" 2>&-")
        #expect(o.status == 3)
        #expect(o.stdout.contains("cannot write to standard error: it is closed"))
    }

    @Test("no `try!` anywhere in Sources/ (a failed write or read must never trap)")
    func noTryBang() throws {
        var found: [String] = []
        let sources = Self.root.appendingPathComponent("Sources").path
        let e = FileManager.default.enumerator(atPath: sources)
        while let name = e?.nextObject() as? String {
            guard name.hasSuffix(".swift"), let text = try? String(contentsOfFile: sources + "/" + name, encoding: .utf8)
            else { continue }
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("try!") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                found.append("\(name):\(n + 1)")
            }
        }
        #expect(found.isEmpty, "try! in \(found)")
    }
}
