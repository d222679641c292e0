import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// One-off values on moves (`move_values:`, issue 13 item 4) against the hand chain of
/// `ClosedFormTests` with a cross-sell commission of 50 per customer moving a → b.
///
/// Timing (model.md, "Values on moves"): a move made in period t (from the customers at the end
/// of t − 1) is counted in period t's cash flow. In the closed form, a customer in state i earns
/// v_i this period and, discounted by one period, the expected value of the move it makes next:
///     x = v + d·u + d·P·x,   u_i = Σ_j P_ij·mv_ij.
/// u = (0.2·50, 0) = (10, 0); v + d·u = (18, 20).
///     0.44 x_a − 0.16 x_b = 18,  −0.08 x_a + 0.52 x_b = 20,  det 0.216
///     x_a = (18·0.52 + 0.16·20)/0.216 = 12.56/0.216 = 1570/27,  x_b = (0.44·20 + 0.08·18)/0.216 = 1280/27.
/// CLV entering a: 1570/27 − 5 = 1435/27.
/// Expected path: period 1 moves 100·0.2 = 20 customers a → b (+1,000): E[CF_1] = 1150 + 1000 = 2150;
/// period 2 moves 80·0.2 = 16 (+800): E[CF_2] = 1190 + 800 = 1990. CE = 0.8·2150 + 0.64·1990 = 2993.6.
/// TV = 0.64·(68·(1570/27 − 10) + 28·(1280/27 − 20)) = 0.64·109120/27.
@Suite("Values on moves")
struct MoveValueTests {
    static let chain = ClosedFormTests.chain + """

            move_values:
              a: { b: { revenue: 60, cost: 10 } }
        """

    @Test("closed form, expected path and terminal value with a move value equal the hand algebra")
    func closedForm() throws {
        let r = try run(["s.yaml": Self.chain], "s.yaml", trials: 4000, seed: 3, clvSamples: 4000)
        let ex = r.expected[0]
        #expect(abs(ex.cashFlow[1] - 2150) < 1e-9 && abs(ex.cashFlow[2] - 1990) < 1e-9)
        #expect(abs(ex.customerEquity - 2993.6) < 1e-9)
        #expect(abs(ex.customerEquityTerminal - (2993.6 + 0.64 * 109_120 / 27)) < 1e-8)
        #expect(abs(ex.clv[0][0] - 1435.0 / 27) < 1e-9)
        // Monte Carlo customer equity (the movers' own counts) against the exact expectation: within 4 SE.
        let ce = (0..<r.trials[0].ce.rows).map { r.trials[0].ce[$0, 0] }
        let (mean, se) = meanAndSE(ce)
        let z = (mean - ex.customerEquity) / se
        report("move values, CE MC − analytic", z: z)
        #expect(abs(z) < 4)
        let tv = (0..<r.trials[0].ceTerminal.rows).map { r.trials[0].ceTerminal[$0, 0] }
        let (mt, st) = meanAndSE(tv)
        report("move values, CE with terminal value MC − analytic", z: (mt - ex.customerEquityTerminal) / st)
        #expect(abs(mt - ex.customerEquityTerminal) < 4 * st)
        // Simulated customers entering a: their mean CLV against the closed form, within 4 SE.
        let clv = r.clv[0][0][0].values
        let (mc, sc) = meanAndSE(clv)
        report("move values, simulated CLV − closed form", z: (mc - 1435.0 / 27) / sc)
        #expect(abs(mc - 1435.0 / 27) < 4 * sc)
    }

    @Test("an effect on move_values.a.b.revenue doubles the commission in the plan's expected path")
    func effectOnMoveValue() throws {
        let plan = """
            schema: clvsim/1
            name: plan
            extends: s.yaml
            effects:
              - { target: move_values.a.b.revenue, relative: 1.0 }
            """
        let study = "schema: clvsim/1\nbaseline: s.yaml\nplans: [p.yaml]\n"
        let r = try run(["s.yaml": Self.chain, "p.yaml": plan, "st.yaml": study], "st.yaml", trials: 16, clvSamples: 16)
        // Net move value 120 − 10 = 110: +2,200 in period 1, +1,760 in period 2.
        #expect(abs(r.expected[1].cashFlow[1] - 3350) < 1e-9)
        #expect(abs(r.expected[1].cashFlow[2] - 2950) < 1e-9)
    }

    @Test("a segment without move values keeps its model layout (no extra parameters)")
    func layout() throws {
        let r = try run(["s.yaml": ClosedFormTests.chain], "s.yaml", trials: 8, clvSamples: 8)
        let m = r.models[0].segments[0]
        #expect(!m.hasMoveValues && m.count == 5 * 3 + 1 + 4)
        let r2 = try run(["s.yaml": Self.chain], "s.yaml", trials: 8, clvSamples: 8)
        #expect(r2.models[0].segments[0].hasMoveValues && r2.models[0].segments[0].count == 5 * 3 + 1 + 3 * 4)
    }
}
