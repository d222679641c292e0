import Foundation
import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// Growth and seasons (`growth:`, `season:`, issue 13 item 5) on the expected-value path, the
/// terminal value and the Monte Carlo.
///
/// Quarterly chain, one live state a (churn 0.5 a quarter), arrivals 100 growing 21 % a year
/// (×1.21^((t − 1)/4): 100, 104.88…, 110, 115.36…, 121 in periods 1–5), revenue 10 with the season
/// (1.5, 1, 1, 0.5), cost 2 growing 10 % a year in state a only. m_t = 0.5·m_{t−1} + λ_t,
/// E[CF_t] = m_t·(revenue_t − cost_t); the terminal value holds period T's parameters:
/// x = v_T / (1 − 0.5·d), TV = d^T·m_T·(x − v_T).
@Suite("Trends and seasons")
struct TrendTests {
    static let chain = """
        schema: clvsim/1
        name: trends
        period: quarter
        horizon: 10
        discount_rate: 0.1
        terminal_value: clv
        states:
          a: { stage: retention }
          gone: { stage: churn }
        segments:
          s:
            arrivals: { a: 100 }
            transitions:
              a: { gone: 0.5 }
            value:
              a: { revenue: 10, cost: 2 }
            growth: { arrivals: 0.21, cost: { a: 0.1 } }
            season: { revenue: [1.5, 1, 1, 0.5] }
        """

    static func hand() -> (cf: [Double], ce: Double, tv: Double) {
        let d = pow(1.1, -0.25), season = [1.5, 1, 1, 0.5]
        var m = 0.0, ce = 0.0, cf: [Double] = [0], v = 0.0
        for t in 1...10 {
            let lambda = 100 * pow(1.21, Double(t - 1) / 4)
            v = 10 * season[(t - 1) % 4] - 2 * pow(1.1, Double(t - 1) / 4)
            m = 0.5 * m + lambda
            cf.append(m * v)
            ce += pow(d, Double(t)) * m * v
        }
        let x = v / (1 - 0.5 * d)
        return (cf, ce, pow(d, 10) * m * (x - v))
    }

    @Test("the expected path and terminal value follow growth and season (period 5's arrivals are 121)")
    func analytic() throws {
        let r = try run(["s.yaml": Self.chain], "s.yaml", trials: 4000, seed: 11, clvSamples: 20)
        let ex = r.expected[0], h = Self.hand()
        #expect(abs(h.cf[1] - 1300) < 1e-9)                        // 100 · (15 − 2)
        for t in 1...10 { #expect(abs(ex.cashFlow[t] - h.cf[t]) < 1e-9 * abs(h.cf[t])) }
        #expect(abs(ex.customerEquity - h.ce) < 1e-9 * h.ce)
        #expect(abs(ex.customerEquityTerminal - (h.ce + h.tv)) < 1e-9 * h.ce)
        let tr = try #require(r.models[0].segments[0].trend)
        #expect(abs(tr.factor(0, 0, 5) - 1.21) < 1e-12 && tr.factor(1, 0, 4) == 0.5 && tr.factor(1, 0, 5) == 1.5)
        // Monte Carlo against the exact expectation (no uncertain input): within 4 SE, both bases.
        for (column, want) in [(r.trials[0].ce, h.ce), (r.trials[0].ceTerminal, h.ce + h.tv)] {
            let (mean, se) = meanAndSE((0..<column.rows).map { column[$0, 0] })
            report("trends, MC − analytic", z: (mean - want) / se)
            #expect(abs(mean - want) < 4 * se)
        }
    }

    @Test("a season must have one multiplier per period of the year, at its line and column")
    func seasonLength() throws {
        let bad = Self.chain.replacingOccurrences(of: "[1.5, 1, 1, 0.5]", with: "[1.5, 0.5]")
        let t = try TempStudy(["s.yaml": bad])
        defer { t.remove() }
        let lines = Loader.validate(paths: [t.path("s.yaml")]).map { $0.description.replacingOccurrences(of: t.dir.path + "/", with: "") }
        #expect(lines == ["s.yaml:18:24: error: segments.s.season: a season has one multiplier per period of the year: 4 for period quarter, found 2"])
    }
}
