import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// Effect windows (`ramp: {from, to, until, fade}`, per plan or per effect) and `multiply:`
/// (issue 13, items 1 and 3), against hand-worked expected paths on a one-state chain.
///
/// The chain: one live state a (revenue 10 per period) and churn state gone, 1,000 customers at
/// t = 0, no arrivals, churn 0.2 per period, yearly, discount rate 0 (d = 1), horizon 5. The
/// baseline keeps 1000·0.8^t customers; the expected cash flow of period t is 10·m_t.
@Suite("Effect windows and multiply")
struct EffectWindowTests {
    static let baseline = """
        schema: clvsim/1
        name: one state
        period: year
        horizon: 5
        states:
          a: { stage: retention }
          gone: { stage: churn }
        segments:
          s:
            initial: { a: 1000 }
            transitions:
              a: { gone: 0.2 }
            value:
              a: { revenue: 10 }
        """

    static func study(_ plan: String) -> [String: String] {
        ["base.yaml": baseline,
         "plan.yaml": "schema: clvsim/1\nname: plan\nextends: base.yaml\n" + plan,
         "study.yaml": "schema: clvsim/1\nbaseline: base.yaml\nplans: [plan.yaml]\nsimulation: { trials: 4000, seed: 7, clv_samples: 50 }\n"]
    }

    /// Expected cash flows 1...5 of the chain when period t's churn is `churn[t − 1]`.
    static func cashFlows(churn: [Double], revenue: [Double] = [10, 10, 10, 10, 10]) -> [Double] {
        var m = 1000.0, out: [Double] = []
        for (t, c) in churn.enumerated() {
            m *= 1 - c
            out.append(m * revenue[t])
        }
        return out
    }

    @Test("window weights: {0, 1, until 2} is full in periods 1–2 only; fade falls linearly; a delay shifts every end")
    func weights() {
        let w = Ramp(from: 0, to: 1, until: 2)
        #expect((0...5).map { w.weight($0, delay: 0) } == [0, 1, 1, 0, 0, 0])
        let f = Ramp(from: 0, to: 0, until: 3, fade: 2)
        #expect((0...6).map { f.weight($0, delay: 0) } == [1, 1, 1, 1, 0.5, 0, 0])
        // Delay 1.5: from' 1.5, to' 2.5, until' 3.5: 0, 0, 0.5 (t = 2), 1 (t = 3), then 0 from t = 4.
        #expect((0...6).map { w.weight($0, delay: 1.5) } == [0, 0, 0.5, 1, 0, 0, 0])
        let r = Ramp(from: 2, to: 6)   // no until: never ends, the old ramp
        #expect((0...8).map { r.weight($0, delay: 0) } == [0, 0, 0, 0.25, 0.5, 0.75, 1, 1, 1])
        #expect(ScenarioModel.weight(nil, 3, delay: 2, scale: 0.4) == 0.4)
    }

    @Test("a two-period window on a one-state chain: churn halved in periods 1–2 only (multiply: 0.5)")
    func windowOnChain() throws {
        let files = Self.study("""
            effects:
              - { target: transitions.a.gone, multiply: 0.5 }
            ramp: { from: 0, to: 1, until: 2 }
            """)
        let r = try run(files, "study.yaml", trials: 4000, seed: 7, clvSamples: 50)
        // Periods 1, 2 at churn 0.1, then 0.2: m = 900, 810, 648, 518.4, 414.72.
        let want = Self.cashFlows(churn: [0.1, 0.1, 0.2, 0.2, 0.2])
        let plan = r.expected[1]
        for t in 1...5 { #expect(abs(plan.cashFlow[t] - want[t - 1]) < 1e-9) }
        #expect(abs(plan.customerEquity - want.reduce(0, +)) < 1e-9)
        // Monte Carlo against the exact expectation (no uncertain input): within 4 standard errors.
        let ce = (0..<r.trials[1].ce.rows).map { r.trials[1].ce[$0, 0] }
        let (mean, se) = meanAndSE(ce)
        let z = (mean - plan.customerEquity) / se
        report("two-period window, MC − analytic", z: z)
        #expect(abs(z) < 4)
    }

    @Test("fade: full in periods 0–1, half in period 2, none from period 3 (multiply 0.5 → churn 0.1, 0.1, 0.15, 0.2)")
    func fadeOnChain() throws {
        let files = Self.study("""
            effects:
              - { target: transitions.a.gone, multiply: 0.5 }
            ramp: { from: 0, until: 1, fade: 2 }
            """)
        let r = try run(files, "study.yaml", trials: 64, seed: 1, clvSamples: 20)
        // w = 1, 1, 0.5, 0, 0 in periods 1..5 → churn 0.1, 0.15, 0.2...: at w = 1/2, 0.2·(1 + ½(0.5 − 1)) = 0.15.
        let want = Self.cashFlows(churn: [0.1, 0.15, 0.2, 0.2, 0.2])
        for t in 1...5 { #expect(abs(r.expected[1].cashFlow[t] - want[t - 1]) < 1e-9) }
    }

    @Test("a risk's delay shifts the whole window")
    func delayShiftsWindow() throws {
        let files = Self.study("""
            effects:
              - { target: transitions.a.gone, multiply: 0.5 }
            ramp: { from: 0, to: 1, until: 2 }
            risks:
              - { name: Late, probability: 1, delay: 2 }
            """)
        let t = try TempStudy(files)
        defer { t.remove() }
        let study = try t.load("study.yaml")
        let r = try run(study, trials: 8, clvSamples: 20)
        // Every trial is delayed by 2: full effect in periods 3–4. The conditional expectation of each
        // trial (its own risks as drawn) is the hand path.
        let want = Self.cashFlows(churn: [0.2, 0.2, 0.1, 0.1, 0.2]).reduce(0, +)
        let path = ConditionalPath(r.models[1])
        for k in 0..<r.draws.rows {
            let e = path.evaluate(r.draws, trial: k)
            #expect(abs(e.ce - want) < 1e-9)
        }
    }

    @Test("an effect's own window replaces the plan's; two windows on one number compound in order")
    func perEffectWindows() throws {
        // Revenue: +100 % in periods 1–2 (its own window), then +50 % always (the plan has no ramp).
        // Periods 1–2: 10 → 20 → 30; periods 3–5: 10 → 10 → 15.
        let files = Self.study("""
            effects:
              - { target: value.a.revenue, relative: 1.0, ramp: { from: 0, to: 1, until: 2 } }
              - { target: value.a.revenue, multiply: 1.5 }
            """)
        let r = try run(files, "study.yaml", trials: 16, clvSamples: 20)
        let want = Self.cashFlows(churn: [0.2, 0.2, 0.2, 0.2, 0.2], revenue: [30, 30, 15, 15, 15])
        for t in 1...5 { #expect(abs(r.expected[1].cashFlow[t] - want[t - 1]) < 1e-9) }
        #expect(r.models[1].windows.count == 2)
        // The same window written on the plan and on an effect is one window.
        let same = Self.study("""
            effects:
              - { target: value.a.revenue, relative: 1.0, ramp: { from: 0, to: 1, until: 2 } }
            ramp: { from: 0, to: 1, until: 2 }
            """)
        let r2 = try run(same, "study.yaml", trials: 16, clvSamples: 20)
        #expect(r2.models[1].windows.count == 1)
    }

    @Test("multiply on a move: the probability times m, the stay probability takes the rest; at weight w, ×(1 + w(m − 1))")
    func multiplyOnMove() throws {
        // Ramp from 0 to 2: w = 0.5 in period 1, 1 from period 2: churn 0.2·(1 − 0.5·0.75) = 0.125, then 0.05.
        let files = Self.study("""
            effects:
              - { target: transitions.a.gone, multiply: 0.25 }
            ramp: { from: 0, to: 2 }
            """)
        let r = try run(files, "study.yaml", trials: 16, clvSamples: 20)
        let want = Self.cashFlows(churn: [0.125, 0.05, 0.05, 0.05, 0.05])
        for t in 1...5 { #expect(abs(r.expected[1].cashFlow[t] - want[t - 1]) < 1e-9) }
        // The closed-form CLV at full effect: 10 / (1 − 0.95) = 200 per customer of a (d = 1).
        #expect(abs(r.expected[1].clv[0][0] - 200) < 1e-9)
    }
}
