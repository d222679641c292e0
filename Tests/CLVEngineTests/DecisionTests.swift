import Foundation
import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// Risk-aware ranking, the decision block and portfolios (docs/model.md, "Portfolios", "Deciding").
@Suite("Decision")
struct DecisionTests {
    // MARK: risk figures

    @Test("certainty equivalent against a hand computation: NPVs −1, 0, 2 at a = 0.5")
    func certaintyEquivalentByHand() {
        let hand = -2 * log((exp(0.5) + 1 + exp(-1.0)) / 3)    // −(1/a)·ln mean e^(−a·x) = −0.0110366
        let ce = RiskMeasures.certaintyEquivalent([-1, 0, 2], riskAversion: 0.5)
        #expect(abs(ce - hand) < 1e-15 * 4, "\(ce) vs \(hand)")
        #expect(abs(ce - -0.011_036_633_337_237_2) < 1e-12)
    }

    @Test("certainty equivalent is stable with NPVs of 10⁹ at a = 10⁻⁶ (naive exp(−1000) underflows to 0)")
    func certaintyEquivalentStable() {
        #expect(exp(-1e-6 * 1e9) == 0)     // the naive formula would take ln 0
        let one = RiskMeasures.certaintyEquivalent([1e9, 1e9], riskAversion: 1e-6)
        #expect(abs(one - 1e9) < 1e-6, "\(one)")
        // Two outcomes 1e9 and 2e9: CE = 1e9 − 10⁶·ln((1 + e^(−1000))/2) = 1e9 + 10⁶·ln 2.
        let two = RiskMeasures.certaintyEquivalent([1e9, 2e9], riskAversion: 1e-6)
        #expect(abs(two - (1e9 + 1e6 * log(2.0))) < 1e-3, "\(two)")
        #expect(two.isFinite && two < 1.5e9)
    }

    @Test("CVaR 5% counts the boundary trial fractionally: n = 30 gives (x₁ + 0.5·x₂)/1.5; n = 40 the mean of the worst 2; n = 7 the worst")
    func cvarCounting() {
        let x30 = (1...30).map(Double.init)
        #expect(RiskMeasures.cvar(sorted: x30, alpha: 0.05) == (1 + 0.5 * 2) / 1.5)
        #expect(RiskMeasures.cvar(sorted: (1...40).map(Double.init), alpha: 0.05) == 1.5)
        #expect(RiskMeasures.cvar(sorted: (1...7).map(Double.init), alpha: 0.05) == 1)
    }

    // MARK: studies

    /// Two segments, 4 quarters undiscounted, no terminal value; churn 10% a period.
    static let baseline = """
        schema: clvsim/1
        name: base
        horizon: 4
        states:
          a: { stage: retention }
          gone: { stage: churn }
        segments:
          s1:
            initial: { a: 20000 }
            transitions: { a: { gone: 0.1 } }
            value: { a: { revenue: 100 } }
          s2:
            initial: { a: 20000 }
            transitions: { a: { gone: 0.1 } }
            value: { a: { revenue: 100 } }
        """
    /// Cuts s1's churn by half, with a delay risk and a scale risk of its own, and a ramp.
    static let planA = """
        schema: clvsim/1
        name: A
        extends: base.yaml
        costs: [{ category: technology, amount: "normal(100000, 20000)", at: 0 }]
        effects:
          - { target: transitions.a.gone, segments: [s1], relative: "uniform(-0.6, -0.4)" }
        ramp: { from: 0, to: 2 }
        risks:
          - { name: late, probability: 0.5, delay: 1 }
          - { name: weak, probability: 0.3, effect_scale: 0.5 }
          - { name: over, probability: 0.4, cost_overrun: 0.5 }
        """
    /// Cuts the same churn of s1 by half again (another input).
    static let planB = """
        schema: clvsim/1
        name: B
        extends: base.yaml
        costs: [{ category: technology, amount: 50000, at: 0 }]
        effects:
          - { target: transitions.a.gone, segments: [s1], relative: "uniform(-0.55, -0.45)" }
        """
    /// Raises s2's revenue only (disjoint from A), with its own ramp and overrun.
    static let planC = """
        schema: clvsim/1
        name: C
        extends: base.yaml
        costs: [{ category: technology, amount: 80000, at: 0 }]
        effects:
          - { target: value.a.revenue, segments: [s2], relative: "pert(0.02, 0.05, 0.08)" }
        ramp: { from: 1, to: 3 }
        risks:
          - { name: over, probability: 0.4, cost_overrun: 1.0 }
        """
    static func study(_ extra: String) -> String {
        """
        schema: clvsim/1
        study: decide
        baseline: base.yaml
        plans: [a.yaml, b.yaml, c.yaml]
        portfolios:
          - [a, b]
          - { name: "A and C", plans: [A, c.yaml] }
        \(extra)
        """
    }
    static func files(_ extra: String) -> [String: String] {
        ["base.yaml": baseline, "a.yaml": planA, "b.yaml": planB, "c.yaml": planC, "study.yaml": study(extra)]
    }

    @Test("a portfolio whose plans cut the same churn gives less than the sum of their benefits; disjoint plans give the sum, trial by trial (to rounding)")
    func portfolios() throws {
        let t = try TempStudy(Self.files(""))
        defer { t.remove() }
        let study = try t.load("study.yaml")
        #expect(study.scenarios.map(\.name) == ["base", "A", "B", "C", "A + B", "A and C"])
        let a = Analysis(try run(study, trials: 400, seed: 5, clvSamples: 50))
        let (pA, pB, pC, pAB, pAC) = (a.plans[0], a.plans[1], a.plans[2], a.plans[3], a.plans[4])
        let sum = Statistics.mean(pA.benefit) + Statistics.mean(pB.benefit), both = Statistics.mean(pAB.benefit)
        // In this linear regime (churn 10%, 4 periods) halving twice is worth about 1.5 halvings, not 2.
        #expect(both < 0.9 * sum && both > Statistics.mean(pA.benefit), "A + B \(both) vs A \(Statistics.mean(pA.benefit)) + B")
        for i in 0..<400 {
            let s = pA.benefit[i] + pC.benefit[i]
            #expect(abs(pAC.benefit[i] - s) <= 1e-9 * max(abs(s), 1), "trial \(i): \(pAC.benefit[i]) vs \(s)")
            // Each overrun acts on its own plan's costs only (A's +50% never touches C's line).
            #expect(abs(pAC.cost[i] - (pA.cost[i] + pC.cost[i])) <= 1e-9 * pAC.cost[i], "cost, trial \(i)")
        }
        let r = a.results.scenarios.map(\.portfolio)
        #expect(r[4] == ["A", "B"] && r[5] == ["A", "C"] && r[1] == nil)
    }

    @Test("budget and P(loss) exclusions, the ranking and the choice; every figure recomputed from the --trials-out CSV")
    func decisionFromCSV() throws {
        let extra = """
            decision: { budget: 140000, max_p_loss: 0.3, rank_by: cvar5, risk_aversion: 2e-5, hurdle_rates: [0.0, 0.24] }
            """
        let t = try TempStudy(Self.files(extra))
        defer { t.remove() }
        let n = 333           // 0.05·n = 16.65: the 17th-worst trial counts 0.65
        let a = Analysis(try run(t.load("study.yaml"), trials: n, seed: 9, clvSamples: 50))
        let d = try #require(a.results.decision)
        let csv = TrialsExport.csv(run: a.run, plans: a.plans)
        let rows = csv.split(separator: "\n").map { Self.fields(String($0)) }
        let header = rows[0]
        for c in d.candidates.dropFirst() {
            let col = try #require(header.firstIndex(of: "\(c.name): npv"))
            let costCol = try #require(header.firstIndex(of: "\(c.name): cost_pv"))
            let x = rows.dropFirst().map { Double($0[col])! }, cost = rows.dropFirst().map { Double($0[costCol])! }
            let s = x.sorted()
            func q(_ p: Double) -> Double {      // type 7
                let h = Double(s.count - 1) * p, lo = Int(h)
                return s[lo] + (h - Double(lo)) * (s[min(lo + 1, s.count - 1)] - s[lo])
            }
            var tail = 0.0
            for i in 0..<16 { tail += s[i] }
            let cvar = (tail + 0.65 * s[16]) / 16.65
            let mean = x.reduce(0, +) / Double(n)
            let losses = x.filter { $0 < 0 }
            let ce = -(1 / 2e-5) * log(x.map { exp(-2e-5 * ($0 - s[0])) }.reduce(0, +) / Double(n)) + s[0]
            #expect(c.risk.p10 == q(0.10) && c.risk.p5 == q(0.05), "\(c.name)")
            #expect(abs(c.risk.cvar5 - cvar) <= 1e-9 * abs(cvar), "\(c.name) cvar \(c.risk.cvar5) vs \(cvar)")
            #expect(c.risk.pLoss == Double(losses.count) / Double(n))
            #expect(abs(c.risk.expectedNPV - mean) <= 1e-9 * abs(mean))
            #expect(abs((c.risk.expectedLossGivenLoss ?? 0) - (losses.isEmpty ? 0 : -losses.reduce(0, +) / Double(losses.count))) <= 1e-6)
            #expect(abs(c.risk.certaintyEquivalent! - ce) <= 1e-9 * abs(ce), "\(c.name) CE")
            let costMean = cost.reduce(0, +) / Double(n)
            #expect(abs(c.costPV - costMean) <= 1e-9 * costMean)
            // Exclusions as documented.
            var why: [String] = []
            if costMean > 140000 { why.append("over_budget") }
            if c.risk.pLoss > 0.3 { why.append("p_loss_above_limit") }
            #expect(c.excluded == why, "\(c.name): \(c.excluded) vs \(why)")
        }
        // A + B (cost 150,000) and A and C (180,000) are over the budget.
        #expect(d.candidates.first { $0.name == "A + B" }!.excluded.contains("over_budget"))
        #expect(d.candidates.first { $0.name == "A and C" }!.excluded.contains("over_budget"))
        let fit = d.candidates.filter(\.excluded.isEmpty).sorted { $0.rank! < $1.rank! }
        #expect(fit.map(\.name) == d.candidates.filter(\.excluded.isEmpty)
            .sorted { ($0.risk.cvar5, $1.name) > ($1.risk.cvar5, $0.name) }.map(\.name))
        #expect(d.choice == fit[0].name)
        // Acceptability: 13 rates, shares summing to 1 at each; at the grid point nearest the
        // study's rate (0) the expected NPVs match vs_baseline.
        let acc = try #require(d.acceptability)
        #expect(acc.rates.count == 13 && acc.rates[0] == 0 && acc.rates[12] == 0.24)
        for r in 0..<13 { #expect(abs(acc.pBest.map { $0[r] }.reduce(0, +) - 1) < 1e-12) }
        for (o, name) in acc.options.enumerated().dropFirst() {
            let k = try #require(a.results.scenarios.firstIndex { $0.name == name })
            let m = a.results.scenarios[k].vsBaseline!.npv.mean!
            #expect(abs(acc.npvMean[o][0] - m) <= 1e-9 * abs(m), "\(name): \(acc.npvMean[o][0]) vs \(m)")
        }
        // P(best) at rate 0 from the CSV's NPVs.
        let cols = acc.options.dropFirst().map { name in header.firstIndex(of: "\(name): npv")! }
        var wins = [Int](repeating: 0, count: acc.options.count)
        for row in rows.dropFirst() {
            var best = 0, v = 0.0
            for (o, c) in cols.enumerated() where Double(row[c])! > v { best = o + 1; v = Double(row[c])! }
            wins[best] += 1
        }
        for o in wins.indices { #expect(abs(acc.pBest[o][0] - Double(wins[o]) / Double(n)) <= 1.5 / Double(n)) }
    }

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

    @Test("decision and portfolio errors point at line and column", arguments: [
        ("decision: { rank_by: certainty_equivalent }", "8:22: error: decision.rank_by: ranking by certainty_equivalent needs 'risk_aversion' in the decision block"),
        ("decision: { rank_by: cvar }", "8:22: error: decision.rank_by: unknown ranking 'cvar' (did you mean 'cvar5'?) (allowed: expected_npv, p10, p5, cvar5, certainty_equivalent)"),
        ("decision: { max_p_loss: 2 }", "8:25: error: decision.max_p_loss: must be a probability in [0, 1], found 2"),
        ("decision: { hurdle_rates: [0.2, 0.1] }", "8:27: error: decision.hurdle_rates: expected −1 < low < high ≤ 10, found [0.2, 0.1]"),
    ])
    func errors(line: String, expected: String) throws {
        let t = try TempStudy(Self.files(line))
        defer { t.remove() }
        #expect {
            _ = try t.load("study.yaml")
        } throws: { error in
            guard let d = error as? Diagnostics else { return false }
            let got = d.errors.map { $0.description.replacingOccurrences(of: t.dir.path + "/study.yaml:", with: "") }
            if got != [expected] { print("got", got) }
            return got == [expected]
        }
    }

    @Test("a portfolio naming no plan of the study, and portfolios: all beyond 8 plans")
    func portfolioErrors() throws {
        var files = Self.files("")
        files["study.yaml"] = files["study.yaml"]!.replacingOccurrences(of: "[a, b]", with: "[a, d]")
        let t = try TempStudy(files)
        defer { t.remove() }
        #expect {
            _ = try t.load("study.yaml")
        } throws: { error in
            guard let d = error as? Diagnostics else { return false }
            return d.errors.map { "\($0.location.line):\($0.location.column) \($0.message)" } == ["6:9 no plan 'd' in this study (did you mean 'a'?)"]
        }
        var many = Self.files("decision: { portfolios: all }")
        let nine = (0..<9).map { "p\($0).yaml" }
        for (i, f) in nine.enumerated() { many[f] = Self.planB.replacingOccurrences(of: "name: B", with: "name: P\(i)") }
        many["study.yaml"] = "schema: clvsim/1\nstudy: many\nbaseline: base.yaml\nplans: [\(nine.joined(separator: ", "))]\ndecision: { portfolios: all }\n"
        let u = try TempStudy(many)
        defer { u.remove() }
        #expect {
            _ = try u.load("study.yaml")
        } throws: { error in
            guard let d = error as? Diagnostics else { return false }
            return d.errors.map(\.message) == ["'all' enumerates at most 8 plans (255 combinations); this study has 9: list the portfolios under 'portfolios:'"]
        }
    }

    @Test("portfolios: all on three plans adds the four combinations, smallest first")
    func allPortfolios() throws {
        var files = Self.files("decision: { portfolios: all }")
        files["study.yaml"] = "schema: clvsim/1\nstudy: d\nbaseline: base.yaml\nplans: [a.yaml, b.yaml, c.yaml]\ndecision: { portfolios: all }\n"
        let t = try TempStudy(files)
        defer { t.remove() }
        let s = try t.load("study.yaml")
        #expect(s.plans.map(\.name) == ["A", "B", "C", "A + B", "A + C", "B + C", "A + B + C"])
    }
}
