import Foundation
import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

@Suite("Tornado on the expected-value path")
struct TornadoTests {
    @Test("hand-checkable swings: churn change and revenue, each at P10/P90 with the other at its mean")
    func handChecked() throws {
        let t = Tornado(AnalyticModel(try Tiny.load()))
        let p = try #require(t.plans.first)
        #expect(abs(p.expectedNPV - 2000) < 1e-6)
        #expect(p.bars.map(\.input) == ["effects.transitions.active.churned.relative", "segments.s.value.active.revenue"])
        // Churn change c ~ pert(−0.3, −0.2, −0.1) = −0.3 + 0.2·Beta(3, 3); Beta(3, 3)'s CDF is
        // 10x³ − 15x⁴ + 6x⁵, so its P10 solves that = 0.1.
        let c = p.bars[0]
        let x10 = (try #require(c.lowValue) + 0.3) / 0.2
        let cdf: Double = x10 * x10 * x10 * (10 - 15 * x10 + 6 * x10 * x10)
        #expect(abs(cdf - 0.1) < 1e-9)
        #expect(abs(c.npvLow - (-20000 * c.lowValue! - 2000)) < 1e-6)
        #expect(abs(c.npvHigh - (-20000 * c.highValue! - 2000)) < 1e-6)
        #expect(abs(c.swing - 20000 * (c.highValue! - c.lowValue!)) < 1e-6)
        print("tornado churn bar: c P10 \(c.lowValue!) P90 \(c.highValue!), NPV \(c.npvLow) → \(c.npvHigh), swing \(c.swing)")
        // Revenue r ~ uniform(80, 120): P10 = 84, P90 = 116; NPV = 40·r − 2000.
        let r = p.bars[1]
        #expect(r.lowValue == 84 && r.highValue == 116)
        #expect(abs(r.npvLow - 1360) < 1e-6 && abs(r.npvHigh - 2640) < 1e-6 && abs(r.swing - 1280) < 1e-6)
    }

    @Test("monotone: NPV rises with revenue and falls as the churn change moves towards 0; sorted by swing")
    func monotone() throws {
        let p = try #require(Tornado(AnalyticModel(try Tiny.load())).plans.first)
        let c = p.bars[0], r = p.bars[1]
        #expect(c.npvLow > p.expectedNPV && p.expectedNPV > c.npvHigh)
        #expect(r.npvLow < p.expectedNPV && p.expectedNPV < r.npvHigh)
        #expect(zip(p.bars, p.bars.dropFirst()).allSatisfy { $0.swing >= $1.swing })
    }

    @Test("a risk gets one bar: NPV when it occurs (consequences at their means) against NPV without it")
    func riskBar() throws {
        let plan = Tiny.plan(more: """
            risks:
              - { name: Half adoption, probability: 0.3, effect_scale: 0.5 }
            """)
        let p = try #require(Tornado(AnalyticModel(try Tiny.load(["plan.yaml": plan]))).plans.first)
        let bar = try #require(p.bars.first { $0.kind == .risk })
        #expect(bar.input == "risks.Half adoption.occurs")
        // Half the churn effect: benefit 4000/2, cost 2000: NPV 0.
        #expect(abs(bar.npvLow) < 1e-6 && abs(bar.npvHigh - 2000) < 1e-6)
        // The expected value (risks never occur) is unchanged by the risk.
        #expect(abs(p.expectedNPV - 2000) < 1e-6)
    }

    @Test("an input that touches no plan gets no bar; the retail-bank tornado is sorted and centred on the analytic NPV")
    func retailBank() throws {
        let study = try Loader.loadStudy(path: "\(packageRoot)/scenarios/retail-bank/study.yaml")
        let a = AnalyticModel(study)
        let t = Tornado(a)
        #expect(t.plans.count == 3)      // the two plans and their portfolio
        let r = try run(study, trials: 4, clvSamples: 4)
        for (k, p) in t.plans.enumerated() {
            let ex = r.expected
            let npv = ex[k + 1].customerEquityTerminal - ex[0].customerEquityTerminal - ex[k + 1].costPV
            #expect(abs(p.expectedNPV - npv) < 1e-6 * abs(npv))
            #expect(zip(p.bars, p.bars.dropFirst()).allSatisfy { $0.swing >= $1.swing })
        }
        // Plan B's effects are not Plan A's inputs.
        #expect(!t.plans[0].bars.contains { $0.input == "effects.transitions.at_risk.churned.relative" })
        #expect(t.plans[1].bars.contains { $0.input == "effects.transitions.at_risk.churned.relative" })
        // The portfolio is moved by both plans' inputs.
        #expect(t.plans[2].bars.contains { $0.input == "effects.transitions.at_risk.churned.relative" })
    }
}
