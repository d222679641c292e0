import Foundation
import Testing

/// Ctrl-C and SIGTERM during a run of the built executable: it stops within a second or two, exits 3,
/// says so, and leaves an existing output file byte for byte as it was.
@Suite("Interrupting a run", .serialized)
struct InterruptionTests {
    /// Package root, from this file's path (Tests/CLVCommandsTests/InterruptionTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/clvsim").path
    static var built: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    struct Outcome {
        var status: Int32
        var secondsAfterSignal: Double
        var stderr: String
    }

    /// Starts a long run writing `--json` over `output`, signals it after `after` seconds, waits.
    static func interruptedRun(output: String, after: Double, send: (Process) -> Void) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.currentDirectoryURL = root
        p.arguments = ["run", "scenarios/retail-bank/study.yaml", "--trials", "5000000", "--clv-samples", "1000",
                       "--max-memory", "1000G", "--json", output, "--quiet"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: after)
        #expect(p.isRunning, "the run finished before it could be interrupted")
        let signalled = Date()
        send(p)
        p.waitUntilExit()
        let seconds = Date().timeIntervalSince(signalled)
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Outcome(status: p.terminationStatus, secondsAfterSignal: seconds, stderr: text)
    }

    static func check(_ signalName: String, send: (Process) -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-int-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("results.json").path
        let old = Data("{\"old\": \"results that must survive\"}\n".utf8)
        try old.write(to: URL(fileURLWithPath: output))

        let outcome = try interruptedRun(output: output, after: 2, send: send)
        print("\(signalName): stopped \(String(format: "%.3f", outcome.secondsAfterSignal)) s after the signal")
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("clvsim: interrupted; no output was written"))
        #expect(outcome.secondsAfterSignal < 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["results.json"])
    }

    @Test("SIGINT mid-run: exit 3 within 2 s, the old JSON untouched", .enabled(if: built, "needs .build/debug/clvsim"))
    func sigint() throws {
        try Self.check("SIGINT") { $0.interrupt() }
    }

    @Test("SIGTERM mid-run: exit 3 within 2 s, the old JSON untouched", .enabled(if: built, "needs .build/debug/clvsim"))
    func sigterm() throws {
        try Self.check("SIGTERM") { $0.terminate() }
    }
}
