import Foundation
import Testing
import CLVCommands

/// `clvsim run` refuses what it cannot finish before it starts: too much memory, unwritable outputs.
@Suite("Run guards")
struct RunGuardTests {
    static let base: String = fixturesRoot + "/invalid/_base.yaml"

    static func run(_ args: [String]) -> (code: Int32, err: String) {
        let (console, captured) = Console.capture()
        return (CLI.main(["run", base] + args, console: console), captured.err)
    }

    @Test("a run estimated above --max-memory is refused with exit 1, naming the flags that shrink it")
    func memory() {
        let r = Self.run(["--trials", "1000000", "--max-memory", "64M", "--quiet"])
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("clvsim: error: this run needs about "))
        #expect(r.err.contains("more than --max-memory 64 MB; lower --trials (now 1000000) or --clv-samples"))
    }

    @Test("--max-memory reads 512M, 4G, 1.5GB; other text is a usage error", arguments: ["512M", "4G", "1.5GB", "100000000"])
    func sizes(_ text: String) {
        #expect(Self.run(["--trials", "10", "--clv-samples", "10", "--max-memory", text, "--quiet"]).code == 0)
    }

    @Test("an unreadable --max-memory is a usage error", arguments: ["4X", "-1G", "", "G"])
    func badSizes(_ text: String) {
        #expect(Self.run(["--trials", "10", "--max-memory", text, "--quiet"]).code == 2)
    }

    @Test("an output in a missing folder is refused before the run, exit 3, nothing written")
    func missingFolder() {
        let r = Self.run(["--trials", "10", "--json", "/nonexistent-clvsim/out.json", "--quiet"])
        #expect(r.code == 3)
        #expect(r.err == "clvsim: error: cannot write /nonexistent-clvsim/out.json: no such directory '/nonexistent-clvsim'\n")
    }

    @Test("an output that is a folder is refused, exit 3")
    func folderOutput() {
        let dir = FileManager.default.temporaryDirectory.path
        let r = Self.run(["--trials", "10", "--json", dir, "--quiet"])
        #expect(r.code == 3)
        #expect(r.err == "clvsim: error: cannot write \(dir): '\(dir)' is a directory\n")
    }

    @Test("discount rate 0 and a state that never churns: the run ends (customer paths are capped)")
    func neverChurns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-d1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("forever.yaml").path
        try """
            schema: clvsim/1
            horizon: 4
            states: { a: { stage: retention }, z: { stage: churn } }
            segments: { s: { initial: { a: 10 }, arrivals: { a: 1 }, value: { a: { revenue: 1, cost: 0 } } } }

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let (console, captured) = Console.capture()
        let code = CLI.main(["run", file, "--trials", "4", "--clv-samples", "8", "--quiet"], console: console)
        #expect(code == 0, "\(captured.err)")
    }

    @Test("10^12 arrivals per period for 1,200 months: no trap, finite customer counts")
    func hugeCounts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-huge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("huge.yaml").path
        let json = dir.appendingPathComponent("huge.json").path
        try """
            schema: clvsim/1
            period: month
            horizon: 1200
            discount_rate: 0.05
            states: { n: { stage: acquisition }, a: { stage: retention }, z: { stage: churn } }
            segments:
              s:
                initial: { a: 1000000000000 }
                arrivals: { n: 1000000000000, a: "uniform(0, 1000000000000)" }
                acquisition_cost: 1
                transitions: { n: { a: 0.5 }, a: { z: "beta_ab(0.001, 1000)" } }
                value:
                  n: { revenue: 1, cost: 1, revenue_cv: 0.000000001 }
                  a: { revenue: "normal(10, 5)", cost: 1, revenue_cv: 2 }

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let (console, captured) = Console.capture()
        let code = CLI.main(["run", file, "--trials", "2", "--clv-samples", "4", "--json", json, "--quiet"], console: console)
        #expect(code == 0, "\(captured.err)")
        let text = try String(contentsOfFile: json, encoding: .utf8)
        #expect(text.contains("\"customers\""))
    }
}
