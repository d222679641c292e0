import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

#if canImport(Glibc)
import Glibc
#endif

/// Monte Carlo against exact expectations at fixed seeds. Tolerance: |z| < 4, z = (MC mean − exact)/SE,
/// SE = sample sd/√n over independent trials (or customers).
@Suite("Monte Carlo means agree with the exact expectations")
struct StatisticalTests {
    /// Every input a constant, no risks: only process noise (multinomial moves, Poisson arrivals,
    /// Gamma revenue sums) remains, whose expectation the expected-value path gives exactly.
    static let fixed = """
        schema: clvsim/1
        name: fixed world
        period: quarter
        horizon: 6
        discount_rate: 0.10
        terminal_value: clv
        states:
          new: { stage: acquisition }
          active: { stage: retention }
          multi: { stage: expansion }
          gone: { stage: churn }
        segments:
          mass:
            initial: { new: 30, active: 400, multi: 80 }
            arrivals: { new: 40 }
            acquisition_cost: 120
            transitions:
              new: { active: 0.6, gone: 0.2 }
              active: { multi: 0.05, gone: 0.04 }
              multi: { active: 0.03, gone: 0.01 }
            value:
              new: { revenue: 30, cost: 60 }
              active: { revenue: 150, cost: 50, revenue_cv: 0.9 }
              multi: { revenue: 400, cost: 80, revenue_cv: 0.6 }
          sme:
            initial: { active: 60, multi: 20 }
            transitions:
              active: { multi: 0.08, gone: 0.06 }
              multi: { gone: 0.02 }
            value:
              active: { revenue: 900, cost: 400, revenue_cv: 1.2 }
              multi: { revenue: 2500, cost: 700, revenue_cv: 0.8 }
        """

    @Test("with fixed inputs the mean customer equity (horizon and terminal) equals the analytic path within 4 SE")
    func customerEquity() throws {
        let r = try run(["s.yaml": Self.fixed], "s.yaml", trials: 3000, seed: 11, clvSamples: 16)
        let ex = r.expected[0]
        let ce = meanAndSE(r.trials[0].ce.column(0)), tv = meanAndSE(r.trials[0].ceTerminal.column(0))
        let zh = (ce.mean - ex.customerEquity) / ce.se, zt = (tv.mean - ex.customerEquityTerminal) / tv.se
        report("customer equity (horizon)", z: zh)
        report("customer equity (terminal)", z: zt)
        #expect(abs(zh) < 4)
        #expect(abs(zt) < 4)
        // The noise is real: the check has power (SE well below 1 % of the mean).
        #expect(ce.se > 0 && ce.se < 0.01 * abs(ex.customerEquity))
        // Customers per period too (period T).
        let T = r.models[0].horizon
        let c = meanAndSE(r.trials[0].customers.column(T))
        let zc = (c.mean - ex.customers[T]) / c.se
        report("customers at T", z: zc)
        #expect(abs(zc) < 4)
    }

    @Test("the mean sampled CLV of each segment equals its Pfeifer–Carraway closed form within 4 SE")
    func clvMeans() throws {
        let r = try run(["s.yaml": Self.fixed], "s.yaml", trials: 64, seed: 12, clvSamples: 4000)
        let res = Analysis(r).results.scenarios[0]
        var seen = 0
        for seg in res.segments {
            for e in seg.clv {
                let z = (e.mean - e.analytic) / e.se
                report("CLV \(seg.name)/\(e.entryState)", z: z)
                #expect(e.analytic.isFinite)
                #expect(abs(z) < 4, "\(seg.name) \(e.entryState): \(e.mean) ± \(e.se) vs \(e.analytic)")
                seen += 1
            }
        }
        // mass enters at `new` (arrivals); sme has no arrivals: its initial states active and multi.
        #expect(res.segments.map { $0.clv.map(\.entryState) } == [["new"], ["active", "multi"]])
        #expect(seen == 3)
    }

    @Test("a Gamma revenue sum over n customers has mean n·rev and variance n·rev²·cv²")
    func gammaRevenueSum() throws {
        // One state that never moves, zero cost, one period: CF_1 = Gamma(shape n/cv², scale rev·cv²).
        // n = 50, rev = 100, cv = 0.5: mean 5000, variance 50·100²·0.25 = 125000.
        let text = """
            schema: clvsim/1
            name: gamma sum
            horizon: 1
            discount_rate: 0.5
            states:
              a: { stage: retention }
              gone: { stage: churn }
            segments:
              s:
                initial: { a: 50 }
                value:
                  a: { revenue: 100, cost: 0, revenue_cv: 0.5 }
            """
        let r = try run(["s.yaml": text], "s.yaml", trials: 4000, seed: 13, clvSamples: 8)
        let cf = r.trials[0].cashFlow.column(1)
        let n = Double(cf.count)
        let m = meanAndSE(cf)
        let s2 = cf.reduce(0) { $0 + ($1 - m.mean) * ($1 - m.mean) } / (n - 1)
        let m4 = cf.reduce(0) { $0 + pow($1 - m.mean, 4) } / n
        let seVar = ((m4 - s2 * s2) / n).squareRoot()
        let zm = (m.mean - 5000) / m.se, zv = (s2 - 125_000) / seVar
        report("Gamma revenue sum, mean", z: zm)
        report("Gamma revenue sum, variance", z: zv)
        #expect(abs(zm) < 4)
        #expect(abs(zv) < 4)
        // And revenue_cv = 0 gives exactly n·rev in every trial.
        let flat = text.replacingOccurrences(of: ", revenue_cv: 0.5", with: "")
        let r0 = try run(["s.yaml": flat], "s.yaml", trials: 16, clvSamples: 8)
        #expect(r0.trials[0].cashFlow.column(1).allSatisfy { $0 == 5000 })
    }
}
