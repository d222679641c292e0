import CLVAnalysis
@testable import CLVCommands
import CLVReport
import Foundation
import Testing

/// The retail-bank pack's first page under its `decision:` block: every claim it prints is
/// recomputed here from the results and from the `--trials-out` table of the same run.
@Suite("Decision page claims")
struct DecisionClaimTests {
    /// One CSV line's fields (RFC 4180: a quoted field may hold commas and doubled quotes).
    static func fields(_ line: String) -> [String] {
        var out: [String] = [], cur = "", quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { cur.append("\""); chars.removeFirst() } else { quoted = false } } else { cur.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { out.append(cur); cur = "" } else { cur.append(c) }
        }
        return out + [cur]
    }

    @Test("choice, exclusion, certainty equivalent, pilot and hurdle-rate sentences are true of a fresh run")
    func claims() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pack = dir.appendingPathComponent("pack"), csvPath = dir.appendingPathComponent("trials.csv").path
        let (res, _, dir2) = try TrustTests.run("retail-bank", ["--report", pack.path, "--trials-out", csvPath], trials: 400)
        defer { try? FileManager.default.removeItem(at: dir2) }
        let md = try String(contentsOf: pack.appendingPathComponent("report.md"), encoding: .utf8)
        let fmt = NumberFormat(locale: .en, currency: res.settings.currency)
        let d = try #require(res.decision)
        let label = { (name: String) in res.labels?.label("scenario." + name, "en") ?? name }

        // The choice: highest expected NPV among the options within CNY 12M (mean cost PV) and P(loss) ≤ 20%.
        let plans = res.plans.map { (name: $0.result.name, vs: $0.vs) }
        let fits = plans.filter { ($0.vs.cost.mean ?? .infinity) <= 12e6 && 1 - $0.vs.pNPVPositive <= 0.2 + 1e-12 }
        let best = try #require(fits.max { ($0.vs.npv.mean ?? -.infinity) < ($1.vs.npv.mean ?? -.infinity) })
        #expect(d.choice == best.name && (best.vs.npv.mean ?? 0) > 0)
        #expect(md.contains("Recommendation: fund \(label(best.name)). Of the options within the budget of \(fmt.money(12e6)) and a chance of loss of at most 20%, it ranks first by expected NPV, at \(fmt.money(best.vs.npv.mean))."))
        // The runner-up and how often the choice beats it (trial by trial).
        let runner = try #require(fits.filter { $0.name != best.name }.max { ($0.vs.npv.mean ?? 0) < ($1.vs.npv.mean ?? 0) })
        let h = try #require(res.headToHead.first { $0.plan == best.name && $0.against == runner.name })
        #expect(md.contains("The runner-up is \(label(runner.name)); \(label(best.name)) beats it in \(NumberFormat.percent(h.pBeats))"))
        // Every option over the budget is named with its cost.
        for p in plans where (p.vs.cost.mean ?? 0) > 12e6 {
            #expect(md.contains("\(label(p.name)) is not eligible: its expected cost of \(fmt.money(p.vs.cost.mean)) is over the budget"))
        }
        // The certainty equivalent, from the CSV's NPVs: −(1/a)·ln mean e^(−a·x), a = 1e-7.
        let csv = try String(contentsOfFile: csvPath, encoding: .utf8)
        let rows = csv.split(separator: "\n").map { Self.fields(String($0)) }
        let col = try #require(rows[0].firstIndex(of: "\(best.name): npv"))
        let x = rows.dropFirst().map { Double($0[col])! }
        let m = x.min()!
        let ce = m - 1e7 * log(x.map { exp(-1e-7 * ($0 - m)) }.reduce(0, +) / Double(x.count))
        #expect(md.contains("is worth \(fmt.money(ce)) for certain"), "CE \(ce)")
        #expect(ce < (best.vs.npv.mean ?? 0))      // a risk-averse board values a risky plan below its mean
        // The pilot: the largest EVPPI over the options that may be chosen, at most EVPI.
        let voi = try #require(res.valueOfInformation)
        #expect(!voi.decisions.contains { n in plans.contains { $0.name == n && ($0.vs.cost.mean ?? 0) > 12e6 } })
        let top = try #require(voi.inputs.first)
        #expect(top.evppi <= voi.evpi + 1e-9 && voi.inputs.allSatisfy { $0.evppi <= top.evppi })
        #expect(md.contains("A pilot is worth at most \(fmt.money(top.evppi)) before committing"))
        // Hurdle rates: the chosen option has the largest P(best) at every rate of 4%…16%, as printed.
        let a = try #require(d.acceptability)
        #expect(a.rates.first == 0.04 && a.rates.last == 0.16)
        let o = try #require(a.options.firstIndex(of: best.name))
        let every = a.rates.indices.allSatisfy { r in a.options.indices.allSatisfy { a.pBest[$0][r] <= a.pBest[o][r] } }
        if every {
            let ps = a.pBest[o]
            #expect(md.contains("At every hurdle rate from 4% to 16%, \(label(best.name)) is the option most likely to be best (in \(NumberFormat.percent(ps.min()!, decimals: 0))–\(NumberFormat.percent(ps.max()!, decimals: 0))"))
        } else {
            #expect(md.contains("The option most likely to be best changes with the hurdle rate"))
        }
    }
}
