import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// `discount_rate` defaults to 0, so d = 1 is the default world. Churn states are absorbing with
/// no value, which makes I − dP singular at d = 1 although every live customer's value is finite.
@Suite("Undiscounted studies (the default discount_rate: 0)")
struct UndiscountedTests {
    /// One live state, churn 0.2 a period, net value 8: x_a = 8 + 0.8·x_a → x_a = 40.
    /// CE over 3 periods: Σ_t 8·100·0.8^t = 800·(0.8 + 0.64 + 0.512) = 1561.6.
    /// Terminal: E[n_3] = 51.2 customers worth x_a − v_a = 32 each → 1638.4; total 3200 = 100·40 − 800.
    static let churning = """
        schema: clvsim/1
        name: undiscounted
        horizon: 3
        terminal_value: clv
        states:
          a: { stage: retention }
          gone: { stage: churn }
        segments:
          s:
            initial: { a: 100 }
            transitions:
              a: { gone: 0.2 }
            value:
              a: { revenue: 10, cost: 2 }
        """

    @Test("clvVector at d = 1 gives churn states 0 and live states their finite value")
    func clvVectorAtOne() throws {
        let x = try #require(clvVector([0.8, 0.2, 0, 1], [8, 0], discount: 1))
        #expect(abs(x[0] - 40) < 1e-9 && x[1] == 0)
        // A live state that never leaves has no finite value at d = 1.
        #expect(clvVector([1, 0, 0, 1], [8, 0], discount: 1) == nil)
    }

    @Test("analytic CLV and terminal value are finite at d = 1 (were null)")
    func analyticAtOne() throws {
        let r = try run(["s.yaml": Self.churning], "s.yaml", trials: 64, clvSamples: 64)
        let res = Analysis(r).results.scenarios[0]
        #expect(abs(res.analytic.customerEquity - 1561.6) < 1e-9)
        #expect(abs(res.analytic.customerEquityTerminal - 3200) < 1e-9)
        #expect(abs(res.segments[0].clv[0].analytic - 40) < 1e-9)
        #expect(res.customerEquityTerminal.count == 64)    // every trial's terminal value is finite
    }

    @Test("a customer who never churns at d = 1 does not hang the CLV sampler; the closed form is null")
    func neverChurnsAtOne() throws {
        let text = """
            schema: clvsim/1
            name: forever
            horizon: 1
            states:
              a: { stage: retention }
              gone: { stage: churn }
            segments:
              s:
                initial: { a: 10 }
                value:
                  a: { revenue: 10, cost: 2 }
            """
        let r = try run(["s.yaml": text], "s.yaml", trials: 8, clvSamples: 8)
        let clv = Analysis(r).results.scenarios[0].segments[0].clv[0]
        #expect(clv.analytic.isNaN)
        // Each path is followed for CLVSimulator.maxPeriods periods of net value 8.
        #expect(clv.mean == 8 * Double(CLVSimulator.maxPeriods))
    }
}
