import Foundation
import Testing
import CLVCommands

/// End to end through `CLI.main`, as the executable runs it (model.md 6).
@Suite("Command line, end to end")
struct CLITests {
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    /// The shipped studies, the Makefile's STUDIES: the source report's five cases (issue 19).
    static let studies = ["retail-bank", "insurer", "internet-finance", "securities", "service-centre"]

    /// A fresh temporary folder, removed by the caller.
    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static let summaryKeys: Set<String> = ["mean", "sd", "se", "p5", "p25", "p50", "p75", "p95", "min", "max"]

    static func keys(_ x: Any?) -> Set<String> { Set((x as? [String: Any])?.keys.map { $0 } ?? []) }

    /// Checks a SUMMARY object: its keys, and that each value is a number (or null only for an empty summary).
    static func checkSummary(_ x: Any?, _ what: String) {
        #expect(keys(x) == summaryKeys, "\(what)")
        let o = x as? [String: Any] ?? [:]
        for k in summaryKeys { #expect(o[k] is NSNumber, "\(what).\(k)") }
        if let lo = o["min"] as? Double, let hi = o["max"] as? Double, let m = o["mean"] as? Double,
           let p50 = o["p50"] as? Double {
            #expect(lo <= m && m <= hi && lo <= p50 && p50 <= hi, "\(what) ordered")
        }
    }

    @Test("run on each example study: exit 0, a clvsim-results/1 JSON with the documented keys, a summary naming each plan",
          arguments: CLITests.studies)
    func runExample(_ name: String) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("results.json").path
        let (console, out) = Console.capture()
        // --clv-samples keeps the debug-build test fast; it changes no key.
        let code = CLI.main(["run", Self.root + "/scenarios/\(name)/study.yaml", "--trials", "300",
                             "--clv-samples", "2000", "--json", json], console: console)
        #expect(code == 0, "\(out.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        // model.md 6 first, in its order; then sensitivity (docs/what-if.md); then the board pack's keys (docs/results-json.md).
        #expect(Self.keys(doc) == ["schema", "tool", "study", "seed", "trials", "inputs", "scenarios", "sensitivity",
                                   "settings", "head_to_head", "assumptions", "value_of_information", "board", "labels", "decision"])
        #expect(doc["schema"] as? String == "clvsim-results/1")
        #expect(Self.keys(doc["tool"]) == ["name", "version"] && (doc["tool"] as? [String: Any])?["name"] as? String == "clvsim")
        #expect(doc["trials"] as? Int == 300 && doc["seed"] as? Int == 20_251_129)
        let inputs = try #require(doc["inputs"] as? [[String: Any]])
        #expect(inputs.count == 4)
        for i in inputs {
            #expect(Set(i.keys) == ["file", "sha256"])
            #expect((i["sha256"] as? String)?.count == 64)
        }
        let scenarios = try #require(doc["scenarios"] as? [[String: Any]])
        // The bank study also weighs its two plans funded together (a portfolio: one more scenario).
        let portfolios = name == "retail-bank" ? 1 : 0
        #expect(scenarios.count == 3 + portfolios)
        #expect(scenarios.map { $0["role"] as? String } == ["baseline", "plan", "plan"] + Array(repeating: "plan", count: portfolios))
        let scenarioKeys: Set<String> = ["name", "role", "customer_equity", "customer_equity_terminal", "analytic",
                                         "row_overflows", "segments", "series", "paths", "check"]
        for (k, s) in scenarios.enumerated() {
            let sname = s["name"] as? String ?? "?"
            let extra: Set<String> = k == 0 ? [] : k < 3 ? ["vs_baseline"] : ["vs_baseline", "portfolio"]
            #expect(Set(s.keys) == scenarioKeys.union(extra), "\(sname)")
            Self.checkSummary(s["customer_equity"], "\(sname).customer_equity")
            Self.checkSummary(s["customer_equity_terminal"], "\(sname).customer_equity_terminal")
            #expect(Self.keys(s["analytic"]) == ["customer_equity", "customer_equity_terminal"])
            let analytic = s["analytic"] as? [String: Any]
            #expect(analytic?["customer_equity"] is NSNumber && analytic?["customer_equity_terminal"] is NSNumber)
            #expect(s["row_overflows"] as? Int == 0)
            let segs = try #require(s["segments"] as? [[String: Any]])
            #expect(segs.count == (name == "retail-bank" ? 3 : 2))   // bank: mass, affluent, sme; the others two each
            for g in segs {
                #expect(Set(g.keys) == ["name", "customer_equity", "clv"])
                Self.checkSummary(g["customer_equity"], "\(sname).segment.customer_equity")
                let clv = try #require(g["clv"] as? [[String: Any]])
                #expect(!clv.isEmpty)
                for c in clv {
                    #expect(Set(c.keys) == ["entry_state", "mean", "se", "p5", "p50", "p95", "top10_share", "top20_share",
                                            "p_negative", "analytic", "pays_acquisition", "quantiles"])
                    #expect(c["entry_state"] is String)
                    for key in ["mean", "se", "p5", "p50", "p95", "p_negative", "analytic"] {
                        #expect(c[key] is NSNumber, "\(sname) clv.\(key)")
                    }
                }
            }
            let series = try #require(s["series"] as? [String: Any])
            #expect(Set(series.keys) == ["period", "customers", "cash_flow", "by_stage"])
            let periods = try #require(series["period"] as? [Int])
            #expect(periods == Array(1...periods.count) && !periods.isEmpty)
            for band in ["customers", "cash_flow"] {
                let b = try #require(series[band] as? [String: Any])
                #expect(Set(b.keys) == ["mean", "p5", "p50", "p95"])
                for q in b.values { #expect((q as? [Double])?.count == periods.count, "\(band)") }
            }
            let stages = try #require(series["by_stage"] as? [String: Any])
            #expect(Set(stages.keys) == ["acquisition", "retention", "expansion", "churn"])
            for st in stages.values { #expect(((st as? [String: Any])?["mean"] as? [Double])?.count == periods.count) }
            if k > 0 {
                let v = try #require(s["vs_baseline"] as? [String: Any])
                // risk_categories is present exactly when a risk has a category or a response (every shipped study's do).
                let categorised = true
                #expect(Self.keys(v) == Set(["basis", "benefit", "cost", "npv", "roi", "bcr", "bcr_of_means",
                                             "p_npv_positive", "payback_period", "npv_horizon", "terminal_part_mean",
                                             "roi_of_means", "bcr_of_means_se", "p_npv_positive_se", "npv_quantiles",
                                             "cumulative_mean", "cost_by_period", "cost_by_category", "risks",
                                             "non_finite_trials"] + (categorised ? ["risk_categories"] : [])))
                #expect(["horizon", "terminal"].contains(v["basis"] as? String ?? ""))
                for m in ["benefit", "cost", "npv", "roi", "bcr"] { Self.checkSummary(v[m], "\(sname).\(m)") }
                #expect(v["bcr_of_means"] is NSNumber && v["p_npv_positive"] is NSNumber)
                #expect(Self.keys(v["payback_period"]) == ["p50", "p_within_horizon"])
                #expect((v["payback_period"] as? [String: Any])?["p_within_horizon"] is NSNumber)
                #expect(out.out.contains(sname), "summary names \(sname)")
            }
        }
        // The basis follows the baseline's terminal_value: the bank and the securities firm use clv, the others none.
        let basis = (scenarios[1]["vs_baseline"] as? [String: Any])?["basis"] as? String
        #expect(basis == (["retail-bank", "securities"].contains(name) ? "terminal" : "horizon"))
        #expect(out.out.contains("1 : "))
        #expect(out.out.contains("300 trials"))
    }

    static let broken = """
        schema: clvsim/1
        name: bad
        horizon: 4
        states:
          a: { stage: retention }
          b: { stage: retention }
          gone: { stage: churn }
        segments:
          s:
            initial: { a: 10 }
            transitions:
              a: { gone: 0.7, b: 0.34 }
        """

    @Test("validate on a broken file exits 1 and prints the exact compiler-style line")
    func validateBroken() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.yaml").path
        try Self.broken.write(toFile: path, atomically: true, encoding: .utf8)
        let (console, out) = Console.capture()
        #expect(CLI.main(["validate", path], console: console) == 1)
        #expect(out.err == "\(path):12:7: error: segments.s.transitions.a: moves sum to 1.04 (> 1)\n")
        #expect(out.out == "")
        // The same file fixed validates.
        try Self.broken.replacingOccurrences(of: "b: 0.34", with: "b: 0.3").write(toFile: path, atomically: true, encoding: .utf8)
        let (c2, o2) = Console.capture()
        #expect(CLI.main(["validate", path], console: c2) == 0)
        #expect(o2.out == "1 file valid\n" && o2.err == "")
    }

    @Test("an unknown flag is a usage error: exit 2")
    func unknownFlag() {
        let (console, out) = Console.capture()
        #expect(CLI.main(["run", Self.root + "/scenarios/insurer/study.yaml", "--bogus"], console: console) == 2)
        #expect(out.err.contains("Unknown option '--bogus'"))
        let (c2, _) = Console.capture()
        #expect(CLI.main(["run", "x.yaml", "--trials", "0"], console: c2) == 2)
    }

    @Test("a failed run writes no JSON and leaves an existing one untouched")
    func failedRunWritesNothing() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml").path
        try Self.broken.write(toFile: bad, atomically: true, encoding: .utf8)
        let existing = dir.appendingPathComponent("old.json").path
        try "previous results\n".write(toFile: existing, atomically: true, encoding: .utf8)
        let fresh = dir.appendingPathComponent("new.json").path
        for json in [existing, fresh] {
            let (console, out) = Console.capture()
            #expect(CLI.main(["run", bad, "--trials", "10", "--json", json], console: console) == 1)
            #expect(out.err.hasPrefix("\(bad):12:7: error: "))
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "previous results\n")
        #expect(!FileManager.default.fileExists(atPath: fresh))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["bad.yaml", "old.json"])
    }
}

@Suite("Command line: what-if")
struct WhatIfCLITests {
    @Test("sensitivity on the retail bank: exit 0, tornado and break-even printed, a clvsim-sensitivity/1 JSON")
    func sensitivity() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("s.json").path
        let (console, out) = Console.capture()
        let code = CLI.main(["sensitivity", CLITests.root + "/scenarios/retail-bank/study.yaml", "--json", json], console: console)
        #expect(code == 0, "\(out.err)")
        #expect(out.out.contains("Plan B — AI service desk: NPV at mean inputs without risks"))
        #expect(out.out.contains("value.*.cost (relative) must reach at least −8.2% for NPV ≥ 0; the plan assumes −14.3%"))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect(doc["schema"] as? String == "clvsim-sensitivity/1")
        let s = try #require(doc["sensitivity"] as? [String: Any])
        #expect(CLITests.keys(s) == ["basis", "tornado", "break_even"])
    }

    @Test("run --stress and --precision: notes under the summary, stress and precision in the JSON; usage errors exit 2")
    func runFlags() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("r.json").path
        let (console, out) = Console.capture()
        let study = CLITests.root + "/scenarios/retail-bank/study.yaml"
        let code = CLI.main(["run", study, "--precision", "20%", "--max-trials", "400", "--clv-samples", "50",
                             "--stress", "segments.mass.arrivals.onboarding=P10", "--json", json], console: console)
        #expect(code == 0, "\(out.err)")
        #expect(out.out.contains("Stress: segments.mass.arrivals.onboarding = 351.001 (P10 of gamma(450, 80))"))
        #expect(out.out.contains("Precision: target 20.00% of |mean NPV|"))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect(CLITests.keys(doc).isSuperset(of: ["sensitivity", "stress", "precision"]))
        #expect(CLITests.keys(doc["precision"]) == ["target", "batch", "max_trials", "met", "passes", "reached"])
        for bad in [["--precision", "0.5%", "--trials", "100"], ["--max-trials", "10"], ["--stress", "x=P200"],
                    ["--stress", "nope.nothing=P90", "--trials", "5"]] {
            let (c, o) = Console.capture()
            #expect(CLI.main(["run", study] + bad, console: c) == 2, "\(bad): \(o.err)")
        }
    }
}

extension WhatIfCLITests {
    @Test("the correlated retail-bank example validates and runs; the JSON reports achieved rank correlations")
    func correlatedExample() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = CLITests.root + "/scenarios/retail-bank/what-if"
        let (c1, o1) = Console.capture()
        #expect(CLI.main(["validate", folder + "/study-correlated.yaml"], console: c1) == 0, "\(o1.err)")
        let json = dir.appendingPathComponent("c.json").path
        let (console, out) = Console.capture()
        let code = CLI.main(["run", folder + "/study-correlated.yaml", "--trials", "400", "--clv-samples", "50",
                             "--json", json, "--quiet"], console: console)
        #expect(code == 0, "\(out.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let s = try #require(doc["sensitivity"] as? [String: Any])
        let pairs = try #require(s["correlations"] as? [[String: Any]])
        #expect(pairs.count == 3)
        for p in pairs {
            let target = try #require(p["target"] as? Double), achieved = try #require(p["achieved"] as? Double)
            #expect(abs(achieved - target) < 0.1, "\(p)")
        }
    }
}

extension WhatIfCLITests {
    /// Three pairs no joint distribution has (a ~ b 0.9, a ~ c 0.9, b ~ c −0.9).
    static let contradictory = """
        schema: clvsim/1
        name: Contradictory correlations
        horizon: 2
        states: { active: { stage: retention }, gone: { stage: churn } }
        segments:
          s:
            initial: { active: 100 }
            transitions: { active: { gone: "uniform(0.1, 0.2)" } }
            value: { active: { revenue: "uniform(90, 110)", cost: "uniform(10, 30)" } }
        correlations:
          - { between: [segments.s.transitions.active.gone, segments.s.value.active.revenue], spearman: 0.9 }
          - { between: [segments.s.transitions.active.gone, segments.s.value.active.cost], spearman: 0.9 }
          - { between: [segments.s.value.active.revenue, segments.s.value.active.cost], spearman: -0.9 }
        """

    @Test("a repaired correlation matrix is a validation warning: validate prints it (exit 0), run prints it once")
    func correlationWarning() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.yaml").path
        try Self.contradictory.write(toFile: path, atomically: true, encoding: .utf8)
        let (console, out) = Console.capture()
        #expect(CLI.main(["validate", path], console: console) == 0)
        let line = "\(path):11:5: warning: correlations: the correlations are not positive semi-definite (no joint distribution has them); "
            + "using a nearby valid matrix (eigenvalues clipped, unit diagonal): "
        #expect(out.err.hasPrefix(line), "\(out.err)")
        #expect(out.err.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1)
        #expect(out.out == "1 file valid (1 warning)\n")
        let (c2, o2) = Console.capture()
        #expect(CLI.main(["run", path, "--trials", "50", "--clv-samples", "5", "--quiet"], console: c2) == 0, "\(o2.err)")
        #expect(o2.err.components(separatedBy: "warning: correlations").count == 2, "\(o2.err)")
    }

    @Test("validate and run print the warning of a fractional initial count and do not fail")
    func fractionalWarning() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("shares.yaml").path
        try """
            schema: clvsim/1
            horizon: 2
            states: { a: { stage: retention }, gone: { stage: churn } }
            segments:
              s:
                initial: { a: 2.5 }
                transitions: { a: { gone: 0.1 } }
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let expected = "\(path):6:19: warning: segments.s.initial.a: 2.5 is not a whole number of customers; rounded to 3\n"
        let (console, out) = Console.capture()
        #expect(CLI.main(["validate", path], console: console) == 0)
        #expect(out.err == expected)
        let (c2, o2) = Console.capture()
        #expect(CLI.main(["run", path, "--trials", "20", "--clv-samples", "5", "--quiet"], console: c2) == 0)
        #expect(o2.err == expected)
        // A sharded run says the same: each shard when it loads the study, and the merge.
        let parts = try ShardSupport.shards(path, ["--trials", "20", "--clv-samples", "5"], count: 2, into: dir.path)
        let (c3, o3) = Console.capture()
        #expect(CLI.main(["merge"] + parts + ["--quiet"], console: c3) == 0)
        #expect(o3.err == expected)
    }
}
