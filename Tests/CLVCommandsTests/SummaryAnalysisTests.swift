import Foundation
import Testing
import CLVCommands

/// `clvsim run --analysis summary` (docs/results-json.md, "analysis"): the headline figures with
/// the values of a full run, without the sensitivity analytics, value of information,
/// acceptability and expectation check; `--report` refuses it, and so does `clvsim report`.
@Suite("Summary analysis (run --analysis summary)")
struct SummaryAnalysisTests {
    /// The benchmark peers' bank-small study (beside this repository, as `make bench-compare` finds it).
    static let bankSmall = CLITests.root + "/../shared/bench/studies/bank-small/study.yaml"
    static var haveBankSmall: Bool { FileManager.default.fileExists(atPath: bankSmall) }
    /// The shipped retail bank: risk responses, a portfolio and `decision.hurdle_rates` (acceptability).
    static let retail = CLITests.root + "/scenarios/retail-bank/study.yaml"

    /// Runs `study` at a few trials with `extra` flags; the results JSON as an object and as text.
    static func run(_ study: String, _ extra: [String], in dir: URL, name: String) throws -> ([String: Any], String) {
        let json = dir.appendingPathComponent(name).path
        let (console, out) = Console.capture()
        let code = CLI.main(["run", study, "--quiet", "--trials", "200", "--seed", "7", "--clv-samples", "300",
                             "--json", json] + extra, console: console)
        #expect(code == 0, "\(out.err)")
        let text = try String(contentsOfFile: json, encoding: .utf8)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (doc, text)
    }

    /// What a summary leaves out of a full run's results.
    static func withoutSkipped(_ doc: [String: Any]) -> [String: Any] {
        var d = doc
        for k in ["sensitivity", "value_of_information"] { d[k] = nil }
        if var decision = d["decision"] as? [String: Any] {
            decision["acceptability"] = nil
            d["decision"] = decision
        }
        if let scenarios = d["scenarios"] as? [[String: Any]] {
            d["scenarios"] = scenarios.map { s -> [String: Any] in
                var s = s
                s["check"] = nil
                return s
            }
        }
        return d
    }

    /// model.md 6's keys of a results document, by scenario.
    static func section6(_ doc: [String: Any]) -> [String: Any] {
        let top = ["schema", "tool", "study", "seed", "trials", "inputs"]
        let scenarioKeys = ["name", "role", "customer_equity", "customer_equity_terminal", "analytic", "row_overflows",
                            "segments", "series"]
        let comparisonKeys = ["basis", "benefit", "cost", "npv", "roi", "bcr", "bcr_of_means", "p_npv_positive", "payback_period"]
        var out: [String: Any] = [:]
        for k in top { out[k] = doc[k] }
        out["scenarios"] = (doc["scenarios"] as? [[String: Any]] ?? []).map { s -> [String: Any] in
            var o: [String: Any] = [:]
            for k in scenarioKeys { o[k] = s[k] }
            // Each segment's CLV entries as model.md 6 lists them.
            o["segments"] = (s["segments"] as? [[String: Any]] ?? []).map { g -> [String: Any] in
                let clv = (g["clv"] as? [[String: Any]] ?? []).map { c in
                    c.filter { ["entry_state", "mean", "se", "p5", "p50", "p95", "top10_share", "top20_share", "p_negative",
                                "analytic"].contains($0.key) }
                }
                return ["name": g["name"] ?? NSNull(), "customer_equity": g["customer_equity"] ?? NSNull(), "clv": clv]
            }
            if let vs = s["vs_baseline"] as? [String: Any] { o["vs_baseline"] = vs.filter { comparisonKeys.contains($0.key) } }
            return o
        }
        return out
    }

    func compare(_ study: String) throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (full, fullText) = try Self.run(study, [], in: dir, name: "full.json")
        let (summary, _) = try Self.run(study, ["--analysis", "summary"], in: dir, name: "summary.json")
        // The full run says nothing new (its bytes are the default's); the summary says what it is.
        #expect(full["analysis"] == nil && !fullText.contains("\"analysis\""))
        #expect(summary["analysis"] as? String == "summary")
        // Skipped: absent.
        #expect(summary["sensitivity"] == nil && summary["value_of_information"] == nil)
        #expect((summary["decision"] as? [String: Any])?["acceptability"] == nil)
        for s in summary["scenarios"] as? [[String: Any]] ?? [] { #expect(s["check"] == nil, "\(s["name"] ?? "")") }
        // model.md 6's keys: present, and equal to the full run's, value for value.
        let s6 = Self.section6(summary), f6 = Self.section6(full)
        #expect((s6["scenarios"] as? [Any])?.count == (f6["scenarios"] as? [Any])?.count)
        #expect((s6["scenarios"] as? [[String: Any]] ?? []).allSatisfy { $0["customer_equity"] != nil && $0["series"] != nil })
        #expect(NSDictionary(dictionary: s6).isEqual(to: f6))
        // Everything else it keeps is the full run's too.
        var kept = summary
        kept["analysis"] = nil
        #expect(NSDictionary(dictionary: kept).isEqual(to: Self.withoutSkipped(full)))
    }

    @Test("bank-small at 200 trials: the summary's model.md 6 values equal the full run's; the skipped parts are absent",
          .enabled(if: SummaryAnalysisTests.haveBankSmall, "needs ../shared/bench/studies/bank-small"))
    func bankSmallSummaryEqualsFull() throws { try compare(Self.bankSmall) }

    @Test("retail bank (responses, portfolio, hurdle grid) at 200 trials: the summary's values equal the full run's")
    func retailSummaryEqualsFull() throws { try compare(Self.retail) }

    @Test("--report with --analysis summary: a usage error (exit 2) on one line, nothing written")
    func reportNeedsFullAnalysis() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pack = dir.appendingPathComponent("pack").path, json = dir.appendingPathComponent("r.json").path
        let (console, out) = Console.capture()
        #expect(CLI.main(["run", Self.retail, "--trials", "20", "--analysis", "summary", "--report", pack, "--json", json],
                         console: console) == 2)
        #expect(out.err == "clvsim: error: --report needs the full analysis; drop --analysis summary "
                + "(or write the report later from a full run)\n")
        #expect(out.out == "")
        #expect(!FileManager.default.fileExists(atPath: pack) && !FileManager.default.fileExists(atPath: json))
        // --sobol is sensitivity analysis; a bad value names the choices.
        let (c2, o2) = Console.capture()
        #expect(CLI.main(["run", Self.retail, "--trials", "20", "--analysis", "summary", "--sobol", "10"], console: c2) == 2)
        #expect(o2.err.hasPrefix("clvsim: error: --sobol is sensitivity analysis"))
        let (c3, o3) = Console.capture()
        #expect(CLI.main(["run", Self.retail, "--analysis", "headline"], console: c3) == 2)
        #expect(o3.err.contains("--analysis must be full or summary"))
    }

    @Test("clvsim report on a summary's results: file:line:col: error naming the missing analysis, exit 1, no pack")
    func reportRefusesSummary() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, text) = try Self.run(Self.retail, ["--analysis", "summary"], in: dir, name: "summary.json")
        let json = dir.appendingPathComponent("summary.json").path, pack = dir.appendingPathComponent("pack").path
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("\"analysis\": \"summary\"") }) + 1
        let column = try #require(lines[line - 1].range(of: "\"analysis\"")).lowerBound.utf16Offset(in: lines[line - 1]) + 1
        let (console, out) = Console.capture()
        #expect(CLI.main(["report", json, "--report", pack], console: console) == 1)
        #expect(out.err.hasPrefix("\(json):\(line):\(column): error: analysis is \"summary\": the board pack needs the full analysis"),
                "\(out.err)")
        #expect(out.err.contains("sensitivity (tornado, break-even, global), value of information"))
        #expect(out.err.components(separatedBy: "\n").count == 2)     // one line
        #expect(!FileManager.default.fileExists(atPath: pack))
    }
}
