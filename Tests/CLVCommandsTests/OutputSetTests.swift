import Foundation
import Testing
@testable import CLVCommands

/// The outputs of a run as one set (issue 11, items 1, 3 and 4): written and synced aside, then
/// moved into place; on any failure every pre-existing output byte for byte as it was; no input
/// ever overwritten; special files written through, never replaced.
@Suite("Output set")
struct OutputSetTests {
    /// A temporary folder holding a copy of the fixture scenario as `bank.yaml`.
    final class Sandbox {
        let dir: String
        var scenario: String { dir + "/bank.yaml" }
        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-out-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: fixturesRoot + "/invalid/_base.yaml", toPath: scenario)
        }
        deinit { try? FileManager.default.removeItem(atPath: dir) }

        func run(_ args: [String]) -> (code: Int32, err: String) {
            let (console, captured) = Console.capture()
            let code = CLI.main(["run", scenario, "--trials", "20", "--clv-samples", "20", "--quiet"] + args, console: console)
            return (code, captured.err)
        }

        /// Every file under `path` (relative name → bytes), to compare before and after.
        func snapshot(_ path: String? = nil) -> [String: Data] {
            let root = path ?? dir
            var out: [String: Data] = [:]
            let e = FileManager.default.enumerator(atPath: root)
            while let name = e?.nextObject() as? String {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDir), !isDir.boolValue {
                    out[name] = FileManager.default.contents(atPath: root + "/" + name)
                }
            }
            return out
        }

        /// An old run's outputs: `report/` with a report and a README of the user's, and `old.json`.
        func oldOutputs() throws {
            try FileManager.default.createDirectory(atPath: dir + "/report", withIntermediateDirectories: true)
            try "old report".write(toFile: dir + "/report/report.md", atomically: true, encoding: .utf8)
            try "kept".write(toFile: dir + "/report/README.txt", atomically: true, encoding: .utf8)
            try "{\"old\": 1}".write(toFile: dir + "/old.json", atomically: true, encoding: .utf8)
        }
    }

    @Test("--json naming an input — directly, through a symlink, through '..', through a hard link — is refused with exit 2")
    func jsonOverInput() throws {
        let s = try Sandbox()
        try FileManager.default.createDirectory(atPath: s.dir + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: s.dir + "/link.yaml", withDestinationPath: s.scenario)
        #expect(link(s.scenario, s.dir + "/hard.yaml") == 0)
        let before = s.snapshot()
        for target in [s.scenario, s.dir + "/link.yaml", s.dir + "/sub/../bank.yaml", s.dir + "/hard.yaml"] {
            let r = s.run(["--json", target])
            #expect(r.code == 2, "\(target)")
            #expect(r.err.contains("an input of this run"), "\(r.err)")
        }
        #expect(s.snapshot() == before)
    }

    @Test("--report naming a folder that holds an input (or a link to one) is refused with exit 2")
    func reportOverInput() throws {
        let s = try Sandbox()
        try FileManager.default.createDirectory(atPath: s.dir + "/r", withIntermediateDirectories: true)
        #expect(link(s.scenario, s.dir + "/r/copy.yaml") == 0)
        let before = s.snapshot()
        #expect(s.run(["--report", s.dir]).code == 2)
        #expect(s.run(["--report", s.dir + "/r"]).code == 2)
        #expect(s.run(["--report", s.dir + "/r/.."]).code == 2)
        #expect(s.snapshot() == before)
    }

    @Test("--json directly in the --report folder is written with the report; a report file's name or a subfolder is refused")
    func jsonInReport() throws {
        let s = try Sandbox()
        let r = s.run(["--report", s.dir + "/new/report", "--json", s.dir + "/new/report/results.json"])
        #expect(r.code == 0, "\(r.err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: s.dir + "/new/report")
        #expect(names.contains("results.json") && names.contains("report.html") && names.contains("report.md"))
        // Again, over the first run: the JSON and the report replaced together.
        #expect(s.run(["--report", s.dir + "/new/report", "--json", s.dir + "/new/report/results.json"]).code == 0)
        #expect(s.run(["--report", s.dir + "/new/report", "--json", s.dir + "/new/report/report.html"]).code == 2)
        #expect(s.run(["--report", s.dir + "/new/report", "--json", s.dir + "/new/report/x/r.json"]).code != 0)
        #expect(s.run(["--report", s.dir + "/same", "--json", s.dir + "/same"]).code == 2)
    }

    @Test("a report replaces the old one as a whole; the user's other files stay byte-identical; no temporary names left")
    func replaceKeepsForeign() throws {
        let s = try Sandbox()
        try s.oldOutputs()
        #expect(s.run(["--report", s.dir + "/report", "--json", s.dir + "/old.json"]).code == 0)
        #expect(try String(contentsOfFile: s.dir + "/report/README.txt", encoding: .utf8) == "kept")
        #expect(try String(contentsOfFile: s.dir + "/report/report.md", encoding: .utf8) != "old report")
        #expect(try String(contentsOfFile: s.dir + "/old.json", encoding: .utf8).hasPrefix("{\n  \"schema\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir).sorted() == ["bank.yaml", "old.json", "report"])
    }

    @Test("a name blocked by a folder (report.html/ in the report folder): exit 3 before the run, every old byte kept")
    func blockedName() throws {
        let s = try Sandbox()
        try s.oldOutputs()
        try FileManager.default.createDirectory(atPath: s.dir + "/report/report.html", withIntermediateDirectories: true)
        let before = s.snapshot()
        let r = s.run(["--report", s.dir + "/report", "--json", s.dir + "/old.json"])
        #expect(r.code == 3)
        #expect(r.err.contains("it holds a folder 'report.html'"))
        #expect(s.snapshot() == before)
    }

    @Test("the JSON's rename failing after the report moved: the old report folder is put back, byte for byte")
    func rollback() throws {
        let s = try Sandbox()
        try s.oldOutputs()
        let outputs = try OutputSet(json: s.dir + "/later.json", report: s.dir + "/report", inputs: [s.scenario])
        // Between the check and the commit, a folder takes the JSON's name: its rename must fail.
        try FileManager.default.createDirectory(atPath: s.dir + "/later.json/x", withIntermediateDirectories: true)
        let before = s.snapshot()
        #expect(throws: OutputSet.Problem.self) {
            try outputs.commit(json: Data("{}".utf8), report: [("report.md", Data("new".utf8))])
        }
        #expect(s.snapshot() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir).sorted() == ["bank.yaml", "later.json", "old.json", "report"])
    }

    @Test("cancelled at the commit: nothing moved, no temporary names left")
    func cancelled() throws {
        let s = try Sandbox()
        try s.oldOutputs()
        let outputs = try OutputSet(json: s.dir + "/old.json", report: s.dir + "/report", inputs: [s.scenario])
        let before = s.snapshot()
        #expect(throws: OutputSet.Problem.self) {
            try outputs.commit(json: Data("{}".utf8), report: [("report.md", Data("new".utf8))], isCancelled: { true })
        }
        #expect(s.snapshot() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir).sorted() == ["bank.yaml", "old.json", "report"])
    }

    @Test("--json /dev/null and --json FIFO are written through: /dev/null stays a device, the FIFO a FIFO")
    func specialFiles() throws {
        let s = try Sandbox()
        #expect(s.run(["--json", "/dev/null"]).code == 0)
        let st = try #require(FileIO.status("/dev/null"))
        #expect((st.st_mode & S_IFMT) == S_IFCHR)
        let fifo = s.dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // No reader: refused at once rather than waiting forever.
        let lonely = s.run(["--json", fifo])
        #expect(lonely.code == 3)
        #expect(lonely.err.contains("no process is reading the FIFO"))
        // With a reader draining it: the JSON flows through.
        let fd = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(fd >= 0)
        let drained = Drain(fd: fd)
        Thread { drained.loop() }.start()
        let r = s.run(["--json", fifo])
        drained.stop()
        #expect(drained.text.contains("clvsim-results/1"))
        #expect(r.code == 0, "\(r.err)")
        #expect(FileIO.linkStatus(fifo).map { ($0.st_mode & S_IFMT) == S_IFIFO } == true)
    }

    @Test("--json through a symlink to a regular file replaces the file and keeps the link")
    func symlinkKept() throws {
        let s = try Sandbox()
        try "{}".write(toFile: s.dir + "/real.json", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: s.dir + "/link.json", withDestinationPath: "real.json")
        #expect(s.run(["--json", s.dir + "/link.json"]).code == 0)
        #expect(FileIO.linkStatus(s.dir + "/link.json").map(FileIO.isSymlink) == true)
        #expect(try String(contentsOfFile: s.dir + "/real.json", encoding: .utf8).contains("clvsim-results/1"))
    }

    @Test("--report . (the current folder) is refused: a folder replaced as a whole cannot be the one we stand in")
    func currentFolder() throws {
        let s = try Sandbox()
        let cwd = FileManager.default.currentDirectoryPath
        #expect(throws: OutputSet.Problem.self) { _ = try OutputSet(json: nil, report: cwd, inputs: [s.scenario]) }
    }

    /// Reads a FIFO until told to stop (a FIFO with no writer yet reads as empty).
    final class Drain: @unchecked Sendable {
        let fd: Int32
        private let lock = NSLock()
        private var done = false, finished = false, bytes: [UInt8] = []
        init(fd: Int32) { self.fd = fd }
        var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
        func loop() {
            var buf = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fd, &buf, buf.count)
                if n > 0 { lock.withLock { bytes += buf[..<n] }; continue }
                if lock.withLock({ done }) { break }
                usleep(1000)
            }
            lock.withLock { finished = true }
        }
        func stop() {
            lock.withLock { done = true }
            while !lock.withLock({ finished }) { usleep(1000) }
            close(fd)
        }
    }
}
