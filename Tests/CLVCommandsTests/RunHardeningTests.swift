import Foundation
import Testing
@testable import CLVCommands

/// `clvsim run` on inputs that used to give wrong, misleading or unbounded results (issue 11,
/// items 6, 9, 10, 11, 23).
@Suite("Run hardening")
struct RunHardeningTests {
    static let base = fixturesRoot + "/invalid/_base.yaml"

    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let (console, captured) = Console.capture()
        let code = CLI.main(args, console: console)
        return (code, captured.out, captured.err)
    }

    static func temp() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-rh-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test("--stress values pass the file's ±1e15 limit: 1e308 is a usage error, not a trap (item 6)")
    func stressMagnitude() {
        let r = Self.run(["run", Self.base, "--trials", "5", "--clv-samples", "5", "--quiet",
                          "--stress", "segments.mass.value.active.revenue=1e308"])
        #expect(r.code == 2)
        #expect(r.err.contains("number '1e308' is beyond ±1e15"), "\(r.err)")
    }

    @Test("--precision with --max-trials 1 is never 'met': one trial has no standard error (item 11)")
    func precisionOneTrial() throws {
        let d = try Self.temp()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try """
            schema: clvsim/1
            study: One
            baseline: \(Self.base)
            plans: [plan.yaml]
            """.write(toFile: d + "/study.yaml", atomically: true, encoding: .utf8)
        try """
            schema: clvsim/1
            name: Plan
            extends: \(Self.base)
            costs: [{category: technology, amount: "uniform(10, 20)", at: 0}]
            effects: [{target: transitions.active.gone, relative: "pert(-0.3, -0.2, -0.1)"}]
            """.write(toFile: d + "/plan.yaml", atomically: true, encoding: .utf8)
        let r = Self.run(["run", d + "/study.yaml", "--precision", "5%", "--max-trials", "1", "--clv-samples", "5"])
        #expect(r.code == 0, "\(r.err)")
        let line = r.out.split(separator: "\n").first { $0.hasPrefix("Precision:") } ?? ""
        #expect(line.contains("NOT met"), "\(line)")
    }

    @Test("an NPV that overflows to ±∞ or NaN stops the run with the cause; nothing is summarised as 0% (item 9)")
    func nonFinite() throws {
        let d = try Self.temp()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let effects = String(repeating: "  - {target: value.active.revenue, relative: 1000000000000000}\n", count: 25)
        // On the terminal basis, where the overflow shows.
        try (String(contentsOfFile: Self.base, encoding: .utf8) + "terminal_value: clv\n")
            .write(toFile: d + "/base.yaml", atomically: true, encoding: .utf8)
        try "schema: clvsim/1\nname: Boom\nextends: base.yaml\ncosts: [{category: technology, amount: 10, at: 0}]\neffects:\n\(effects)"
            .write(toFile: d + "/plan.yaml", atomically: true, encoding: .utf8)
        try "schema: clvsim/1\nstudy: S\nbaseline: base.yaml\nplans: [plan.yaml]\n"
            .write(toFile: d + "/study.yaml", atomically: true, encoding: .utf8)
        let r = Self.run(["run", d + "/study.yaml", "--trials", "4", "--clv-samples", "4", "--json", d + "/out.json"])
        #expect(r.code == 3)
        #expect(r.err.contains("of 'Boom' is") && r.err.contains("no output was written"), "\(r.err)")
        #expect(!r.out.contains("0.0%"))
        #expect(!FileManager.default.fileExists(atPath: d + "/out.json"))
    }

    @Test("a negative value for a numeric flag names the allowed range, not 'Missing value' (item 23)",
          arguments: [["--trials", "-5"], ["--threads", "-2"], ["--clv-samples", "-1"]])
    func negativeFlags(_ flag: [String]) {
        let r = Self.run(["run", Self.base, "--quiet"] + flag)
        #expect(r.code == 2)
        #expect(!r.err.contains("Missing value"), "\(r.err)")
        #expect(r.err.contains("must be between"), "\(r.err)")
    }

    @Test("a report folder that cannot be created names the cause, never 'NSCocoaErrorDomain' (item 23)")
    func reportUnderAFile() throws {
        let d = try Self.temp()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try "x".write(toFile: d + "/file", atomically: true, encoding: .utf8)
        let r = Self.run(["run", Self.base, "--trials", "5", "--clv-samples", "5", "--quiet", "--report", d + "/file/report"])
        #expect(r.code == 3)
        #expect(!r.err.contains("NSCocoaErrorDomain") && !r.err.contains("error 512"), "\(r.err)")
        #expect(r.err.contains("is not a folder"), "\(r.err)")
    }

    /// A study wide in inputs and short in trials: 2,500 uncertain cost items, 400 trials. Before
    /// the fix the tornado held two moved copies of the input vector per input (inputs² doubles,
    /// ~150 MB here) and the estimate left the sensitivity phase out (~15 MB).
    static func wideStudy(in d: String) throws -> String {
        var base = "schema: clvsim/1\nname: Wide\nhorizon: 4\ndiscount_rate: 0.08\n"
            + "states: {new: {stage: acquisition}, active: {stage: retention}, gone: {stage: churn}}\nsegments:\n"
        for i in 0..<5 {
            base += "  s\(i):\n    initial: {active: \"uniform(900, 1100)\"}\n    arrivals: {new: \"gamma(50, 10)\"}\n"
                + "    transitions: {new: {active: 0.5, gone: 0.2}, active: {gone: \"pert(0.02, 0.05, 0.08)\"}}\n"
                + "    value: {active: {revenue: \"lognormal(100, 20)\", cost: 20}}\n"
        }
        try base.write(toFile: d + "/base.yaml", atomically: true, encoding: .utf8)
        var plan = "schema: clvsim/1\nname: P\nextends: base.yaml\ncosts:\n"
        for i in 0..<2500 { plan += "  - {category: c\(i), amount: \"uniform(100, 200)\", at: 1}\n" }
        plan += "effects:\n  - {target: transitions.active.gone, relative: \"pert(-0.2, -0.1, 0)\"}\n"
        try plan.write(toFile: d + "/plan.yaml", atomically: true, encoding: .utf8)
        try "schema: clvsim/1\nstudy: W\nbaseline: base.yaml\nplans: [plan.yaml]\n"
            .write(toFile: d + "/study.yaml", atomically: true, encoding: .utf8)
        return d + "/study.yaml"
    }

    /// `clvsim run` of the wide study with --stats (10 CLV samples, quiet) and `extra`, in a folder of its own.
    static func runWide(_ extra: [String]) throws -> SignalPhaseTests.Outcome {
        let d = try temp()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let study = try wideStudy(in: d)
        return try SignalPhaseTests.run(["run", study, "--clv-samples", "10", "--quiet", "--stats"] + extra)
    }

    @Test("--stats: its total covers loading and every phase it lists (the wide study's 2 500 costs take a while to load)",
          .enabled(if: InterruptionTests.built, "needs .build/debug/clvsim"))
    func statsTotal() throws {
        let o = try Self.runWide(["--trials", "200"])
        #expect(o.status == 0, "\(o.stderr)")
        // The seconds after the label of each line, as --stats prints them ("%.3f s").
        func seconds(_ prefix: String, after marker: String) throws -> Double {
            let line = try #require(o.stderr.split(separator: "\n").first { $0.hasPrefix(prefix) }, "\(o.stderr)")
            let tail = try #require(line.range(of: marker).map { line[$0.upperBound...] }, "\(line)")
            return try #require(Double(tail.split(separator: " ").first ?? ""), "\(line)")
        }
        let load = try seconds("load:", after: "load: ")
        let population = try seconds("population:", after: "trial-scenarios in ")
        let clv = try seconds("CLV:", after: "customer-periods in ")
        let analysis = try seconds("analysis:", after: "analysis: ")
        let sensitivity = try seconds("analysis:", after: "global): ")
        let total = try seconds("total (load, run, analysis, outputs rendered):", after: "rendered): ")
        #expect(load > 0, "\(o.stderr)")
        // Each figure is rounded to the millisecond: 3 ms of slack for five of them.
        #expect(total + 0.003 >= load + population + clv + analysis + sensitivity, "\(o.stderr)")
    }

    @Test("the memory estimate covers every phase: within 2× of the measured peak on a wide study (item 10)",
          .enabled(if: InterruptionTests.built, "needs .build/debug/clvsim"))
    func memoryEstimate() throws {
        let o = try Self.runWide(["--trials", "400", "--max-memory", "64G"])
        #expect(o.status == 0, "\(o.stderr)")
        let line = o.stderr.split(separator: "\n").first { $0.hasPrefix("memory: estimated") }.map(String.init) ?? ""
        // memory: estimated 71 MB (74970112 bytes), peak 58 MB (60559360 bytes)
        let numbers = line.split(separator: "(").dropFirst().compactMap { Double($0.split(separator: " ").first ?? "") }
        try #require(numbers.count == 2, "\(line)")
        let (estimate, peak) = (numbers[0], numbers[1])
        print("wide study: estimated \(Int(estimate / 1_048_576)) MB, peak \(Int(peak / 1_048_576)) MB")
        #expect(estimate <= 2 * peak && peak <= 2 * estimate, "\(line)")
    }
}
