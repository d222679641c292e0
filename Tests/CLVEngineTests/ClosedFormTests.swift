import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// A chain small enough to solve by hand: live states a, b and churn state gone; yearly periods,
/// discount rate 25 % so d = 1/1.25 = 0.8.
///
///     P = | 0.7 0.2 0.1 |     v = (10, 20, 0)   (revenue − cost)
///         | 0.1 0.6 0.3 |
///         | 0   0   1   |
///
/// Pfeifer–Carraway: x = v + dPx on the live states (x_gone = 0):
///     x_a = 10 + 0.8(0.7 x_a + 0.2 x_b)  →   0.44 x_a − 0.16 x_b = 10
///     x_b = 20 + 0.8(0.1 x_a + 0.6 x_b)  →  −0.08 x_a + 0.52 x_b = 20
/// det = 0.44·0.52 − 0.16·0.08 = 0.216; x_a = (10·0.52 + 0.16·20)/0.216 = 8.4/0.216 = 350/9,
/// x_b = (0.44·20 + 0.08·10)/0.216 = 9.6/0.216 = 400/9.
///
/// Expected path with initial a = 100, arrivals λ = 10 into a, cac 5, horizon 2:
///     m_1 = (100·0.7, 100·0.2) + (10, 0) = (80, 20);   E[CF_1] = 800 + 400 − 50 = 1150
///     m_2 = (80·0.7 + 20·0.1 + 10, 80·0.2 + 20·0.6) = (68, 28);   E[CF_2] = 680 + 560 − 50 = 1190
///     CE = 0.8·1150 + 0.64·1190 = 1681.6
///     TV = d² Σ m_2 (x − v) = 0.64·(68·260/9 + 28·220/9) = 0.64·23840/9 = 15257.6/9
/// CLV of a new customer entering a: x_a − cac = 350/9 − 5 = 305/9.
@Suite("Closed forms worked by hand")
struct ClosedFormTests {
    static let chain = """
        schema: clvsim/1
        name: hand chain
        period: year
        horizon: 2
        discount_rate: 0.25
        terminal_value: clv
        states:
          a: { stage: retention }
          b: { stage: expansion }
          gone: { stage: churn }
        segments:
          s:
            initial: { a: 100 }
            arrivals: { a: 10 }
            acquisition_cost: 5
            transitions:
              a: { b: 0.2, gone: 0.1 }
              b: { a: 0.1, gone: 0.3 }
            value:
              a: { revenue: 12, cost: 2 }
              b: { revenue: 25, cost: 5 }
        """

    @Test("clvVector solves (I − dP)^{-1} v for the hand chain: 350/9 and 400/9, churn 0")
    func clvVectorGolden() throws {
        let P: [Double] = [0.7, 0.2, 0.1,
                           0.1, 0.6, 0.3,
                           0, 0, 1]
        let x = try #require(clvVector(P, [10, 20, 0], discount: 0.8))
        #expect(abs(x[0] - 350.0 / 9) < 1e-9)
        #expect(abs(x[1] - 400.0 / 9) < 1e-9)
        #expect(abs(x[2]) < 1e-12)
    }

    @Test("the engine's analytic CLV, customer equity and terminal value equal the hand algebra")
    func engineAnalytic() throws {
        let r = try run(["s.yaml": Self.chain], "s.yaml", trials: 64, clvSamples: 64)
        let model = r.models[0]
        #expect(abs(model.discount - 0.8) < 1e-15)
        let ex = r.expected[0]
        #expect(abs(ex.cashFlow[1] - 1150) < 1e-9 && abs(ex.cashFlow[2] - 1190) < 1e-9)
        #expect(abs(ex.customers[1] - 100) < 1e-9 && abs(ex.customers[2] - 96) < 1e-9)
        #expect(abs(ex.customerEquity - 1681.6) < 1e-9)
        #expect(abs(ex.customerEquityTerminal - (1681.6 + 15257.6 / 9)) < 1e-9)
        #expect(ex.clv.count == 1 && ex.clv[0].count == 1)
        #expect(abs(ex.clv[0][0] - 305.0 / 9) < 1e-9)
        // The same numbers reach the results.
        let res = Analysis(r).results.scenarios[0]
        #expect(abs(res.analytic.customerEquity - 1681.6) < 1e-9)
        #expect(abs(res.segments[0].clv[0].analytic - 305.0 / 9) < 1e-9)
        #expect(res.segments[0].clv[0].entryState == "a")
    }

    @Test("without arrivals, CLV is taken from the initial stock's states and pays no acquisition cost")
    func initialStockEntry() throws {
        let text = Self.chain.replacingOccurrences(of: "    arrivals: { a: 10 }\n", with: "")
            .replacingOccurrences(of: "initial: { a: 100 }", with: "initial: { a: 100, b: 40 }")
        let r = try run(["s.yaml": text], "s.yaml", trials: 64, clvSamples: 64)
        let res = Analysis(r).results.scenarios[0].segments[0].clv
        #expect(res.map(\.entryState) == ["a", "b"])
        #expect(abs(res[0].analytic - 350.0 / 9) < 1e-9)
        #expect(abs(res[1].analytic - 400.0 / 9) < 1e-9)
    }
}
