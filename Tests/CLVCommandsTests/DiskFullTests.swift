import Foundation
import Testing
@testable import CLVCommands

/// A disk that fills up while the outputs are written (issue 11, item 1): on a tiny tmpfs (root
/// only — CI runs as root), the run exits 3 and the old report folder and JSON are byte for byte
/// as they were, with no temporary name left behind.
@Suite("Disk full", .serialized)
struct DiskFullTests {
    static var isRoot: Bool { getuid() == 0 }

    static func sh(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test("ENOSPC while staging the report: exit 3, every old byte kept", .enabled(if: isRoot, "needs root to mount a tmpfs"))
    func tmpfs() throws {
        let mount = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        defer { _ = Self.sh("umount '\(mount)'"); try? FileManager.default.removeItem(atPath: mount) }
        try #require(Self.sh("mount -t tmpfs -o size=1m tmpfs '\(mount)'") == 0, "mount failed")
        // Scenario and old outputs on the small disk, then fill it up to a few kilobytes.
        try FileManager.default.copyItem(atPath: fixturesRoot + "/invalid/_base.yaml", toPath: mount + "/bank.yaml")
        try FileManager.default.createDirectory(atPath: mount + "/report", withIntermediateDirectories: true)
        try "old report".write(toFile: mount + "/report/report.md", atomically: false, encoding: .utf8)
        try "{\"old\": 1}".write(toFile: mount + "/results.json", atomically: false, encoding: .utf8)
        _ = Self.sh("dd if=/dev/zero of='\(mount)/filler' bs=1k 2>/dev/null; truncate -s -8K '\(mount)/filler'")
        let before = try FileManager.default.contentsOfDirectory(atPath: mount).sorted()
        let (console, captured) = Console.capture()
        let code = CLI.main(["run", mount + "/bank.yaml", "--trials", "20", "--clv-samples", "20", "--quiet",
                             "--json", mount + "/results.json", "--report", mount + "/report"], console: console)
        #expect(code == 3, "\(captured.err)")
        #expect(captured.err.contains("No space left on device"), "\(captured.err)")
        #expect(try String(contentsOfFile: mount + "/report/report.md", encoding: .utf8) == "old report")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mount + "/report") == ["report.md"])
        #expect(try String(contentsOfFile: mount + "/results.json", encoding: .utf8) == "{\"old\": 1}")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mount).sorted() == before)
    }
}
