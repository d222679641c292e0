import Foundation
import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// Base numbers by period (`by_period:`, issue 13 item 5) on the expected-value path, the terminal
/// value, the conditional path, the closed-form CLV and the Monte Carlo.
///
/// One live state a and churn; horizon 3, no discounting. Churn by period [0.1, 0.2] (period 3
/// holds 0.2), revenue [10, 20, 30], arrivals [0, 50] (period 3 holds 50), initial 1000:
///   m_1 = 1000·0.9 + 0 = 900,    CF_1 = 900·10  = 9,000
///   m_2 = 900·0.8 + 50 = 770,    CF_2 = 770·20  = 15,400
///   m_3 = 770·0.8 + 50 = 666,    CF_3 = 666·30  = 19,980        CE = 44,380
/// Terminal value at period 3's parameters (d = 1): x = 30 / 0.2 = 150, TV = 666·(150 − 30) = 79,920.
/// Closed-form CLV of a customer entering a, at period 1's values: 10 / 0.1 = 100.
@Suite("Numbers by period")
struct PeriodSeriesTests {
    static func baseline(revenue: String = "[10, 20, 30]") -> String {
        """
        schema: clvsim/1
        name: series
        period: year
        horizon: 3
        terminal_value: clv
        states:
          a: { stage: retention }
          gone: { stage: churn }
        segments:
          s:
            initial: { a: 1000 }
            arrivals: { a: { by_period: [0, 50] } }
            transitions:
              a: { gone: { by_period: [0.1, 0.2] } }
            value:
              a: { revenue: { by_period: \(revenue) } }
        """
    }

    static func study(_ plan: String, revenue: String = "[10, 20, 30]") -> [String: String] {
        ["base.yaml": baseline(revenue: revenue),
         "plan.yaml": "schema: clvsim/1\nname: plan\nextends: base.yaml\n" + plan,
         "study.yaml": "schema: clvsim/1\nstudy: s\nbaseline: base.yaml\nplans: [plan.yaml]\n"]
    }

    /// The hand recursion for churn, revenue and arrivals per period 1…3.
    static func hand(churn: [Double], revenue: [Double], arrivals: [Double]) -> (cf: [Double], ce: Double, tv: Double) {
        var m = 1000.0, cf: [Double] = [0]
        for t in 0..<3 {
            m = m * (1 - churn[t]) + arrivals[t]
            cf.append(m * revenue[t])
        }
        let x = revenue[2] / churn[2]
        return (cf, cf.reduce(0, +), m * (x - revenue[2]))
    }

    @Test("the expected path, terminal value and closed-form CLV follow the series (hand-worked: CE 44,380, TV 79,920, CLV 100)")
    func analytic() throws {
        let r = try run(["s.yaml": Self.baseline()], "s.yaml", trials: 4000, seed: 7, clvSamples: 2000)
        let ex = r.expected[0]
        #expect(ex.cashFlow == [0, 9000, 15400, 19980])
        #expect(ex.customerEquity == 44380)
        #expect(abs(ex.customerEquityTerminal - (44380 + 79920)) < 1e-8)
        #expect(abs(ex.clv[0][0] - 100) < 1e-9)
        let h = Self.hand(churn: [0.1, 0.2, 0.2], revenue: [10, 20, 30], arrivals: [0, 50, 50])
        #expect(h.ce == 44380 && h.tv == 79920)
        // The conditional path at any trial's draws (all inputs constant) is the same expectation.
        let path = ConditionalPath(r.models[0])
        let e = path.evaluate(r.draws, trial: 3)
        #expect(abs(e.ce - 44380) < 1e-8 && abs(e.ceTerminal - 124300) < 1e-7)
        // Monte Carlo against the exact expectation, within 4 SE, both bases.
        for (column, want) in [(r.trials[0].ce, 44380.0), (r.trials[0].ceTerminal, 124300.0)] {
            let (mean, se) = meanAndSE((0..<column.rows).map { column[$0, 0] })
            report("by_period, MC − analytic", z: (mean - want) / se)
            #expect(abs(mean - want) < 4 * se)
        }
        // Simulated CLV customers live at period 1's values: mean 100 within 4 SE.
        let clv = r.clv[0][0][0].values
        let (mean, se) = meanAndSE(clv)
        report("by_period, simulated CLV − 100", z: (mean - 100) / se)
        #expect(abs(mean - 100) < 4 * se)
    }

    @Test("each value is an input of its own (PATH@t), drawn once per trial; Monte Carlo within 4 SE of the analytic path")
    func uncertainValues() throws {
        let r = try run(["s.yaml": Self.baseline(revenue: "[10, \"normal(20, 4)\", \"uniform(20, 40)\"]")],
                        "s.yaml", trials: 4000, seed: 9, clvSamples: 20)
        let paths = r.inputs.entries.map(\.path)
        #expect(paths.contains("segments.s.value.a.revenue@2") && paths.contains("segments.s.value.a.revenue@3"))
        #expect(paths.contains("segments.s.transitions.a.gone@2") && paths.contains("segments.s.arrivals.a@2"))
        // Revenue enters linearly and independently of the counts: E[CE] is the path at the means.
        #expect(r.expected[0].customerEquity == 44380)
        let column = r.trials[0].ce
        let (mean, se) = meanAndSE((0..<column.rows).map { column[$0, 0] })
        report("by_period uncertain, MC − analytic", z: (mean - 44380) / se)
        #expect(abs(mean - 44380) < 4 * se)
    }

    @Test("effects apply on top of the series, along the ramp; the terminal value holds period T's values")
    func effectsOnTop() throws {
        // +50 % revenue from period 2 on (ramp step at 1 → full from 2... from: 1, to: 2):
        // weight 0, 1, 1 in periods 1–3: revenue 10, 30, 45.
        let r = try run(Self.study("effects:\n  - { target: value.a.revenue, relative: 0.5 }\nramp: { from: 1, to: 2 }\n"),
                        "study.yaml", trials: 64, clvSamples: 20)
        let h = Self.hand(churn: [0.1, 0.2, 0.2], revenue: [10, 30, 45], arrivals: [0, 50, 50])
        let ex = r.expected[1]
        for t in 1...3 { #expect(abs(ex.cashFlow[t] - h.cf[t]) < 1e-9) }
        #expect(abs(ex.customerEquityTerminal - (h.ce + h.tv)) < 1e-7)
        // Closed-form CLV at full effect and period 1's values: 15 / 0.1.
        #expect(abs(ex.clv[0][0] - 150) < 1e-9)
        // An absolute effect on a move by period: churn 0.1 − 0.05, 0.2 − 0.05.
        let q = try run(Self.study("effects:\n  - { target: transitions.a.gone, absolute: -0.05 }\n"),
                        "study.yaml", trials: 16, clvSamples: 20)
        let hq = Self.hand(churn: [0.05, 0.15, 0.15], revenue: [10, 20, 30], arrivals: [0, 50, 50])
        for t in 1...3 { #expect(abs(q.expected[1].cashFlow[t] - hq.cf[t]) < 1e-9) }
        let path = ConditionalPath(q.models[1])
        #expect(abs(path.evaluate(q.draws, trial: 0).ceTerminal - (hq.ce + hq.tv)) < 1e-7)
    }

    @Test("a plan may replace a series; periods before its effects start are the baseline's, bit for bit")
    func planOverride() throws {
        let plan = """
            segments:
              s:
                value:
                  a: { revenue: { by_period: [10, 20, 60] } }
            effects:
              - { target: value.a.cost, absolute: 1 }
            ramp: { from: 2, to: 3 }
            """
        let r = try run(Self.study(plan), "study.yaml", trials: 200, clvSamples: 20)
        let h = Self.hand(churn: [0.1, 0.2, 0.2], revenue: [10, 20, 59], arrivals: [0, 50, 50])
        for t in 1...3 { #expect(abs(r.expected[1].cashFlow[t] - h.cf[t]) < 1e-9) }
        // Same draws (the paths of periods 1–2 agree), so periods 1–2 of every trial are equal.
        let b = r.trials[0].cashFlow, p = r.trials[1].cashFlow
        for k in 0..<b.rows { #expect(b[k, 1] == p[k, 1] && b[k, 2] == p[k, 2]) }
    }

    @Test("by_period errors and warnings at their line and column")
    func errors() throws {
        func lines(_ text: String) throws -> [String] {
            let t = try TempStudy(["s.yaml": text])
            defer { t.remove() }
            return Loader.validate(paths: [t.path("s.yaml")]).map { $0.description.replacingOccurrences(of: t.dir.path + "/", with: "") }
        }
        let base = Self.baseline()
        #expect(try lines(base.replacingOccurrences(of: "{ by_period: [0, 50] }", with: "{ by_period: 50 }")) == [
            "s.yaml:12:33: error: segments.s.arrivals.a.by_period: expected a list of values, one per period from period 1 (by_period: [x1, x2, ...]), found '50'",
        ])
        #expect(try lines(base.replacingOccurrences(of: "{ by_period: [0, 50] }", with: "{ by_period: [] }")) == [
            "s.yaml:12:33: error: segments.s.arrivals.a.by_period: an empty list: give at least period 1's value",
        ])
        #expect(try lines(base.replacingOccurrences(of: "{ by_period: [0, 50] }", with: "{ by_perod: [0, 50] }")) == [
            "s.yaml:12:22: error: segments.s.arrivals.a: unknown key 'by_perod' (did you mean 'by_period'?)",
        ])
        #expect(try lines(base.replacingOccurrences(of: "[10, 20, 30]", with: "[10, 20, 30, 40, 50]")) == [
            "s.yaml:16:47: warning: segments.s.value.a.revenue.by_period: 5 values for a horizon of 3 periods: the last 2 are never used",
        ])
        #expect(try lines(base.replacingOccurrences(of: "[0.1, 0.2]", with: "[0.1, 1.2]")) == [
            "s.yaml:14:37: error: segments.s.transitions.a.gone.by_period[1]: 1.2 is outside [0, 1]",
        ])
        #expect(try lines(base.replacingOccurrences(of: "initial: { a: 1000 }", with: "initial: { a: { by_period: [1, 2] } }")) == [
            "s.yaml:11:19: error: segments.s.initial.a: the customers at t = 0 are one number: 'by_period' is for numbers of periods 1, 2, …",
        ])
        #expect(try lines(base.replacingOccurrences(of: "[10, 20, 30]", with: "[10, \"normal(20)\"]")) == [
            "s.yaml:16:39: error: segments.s.value.a.revenue.by_period[1]: normal takes 2 numbers (mean, sd), found 1",
        ])
    }
}
