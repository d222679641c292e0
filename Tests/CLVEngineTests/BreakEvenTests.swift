import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

@Suite("Break-even by Brent on the expected-value path")
struct BreakEvenTests {
    @Test("tiny study: the churn change must reach −10% (hand-computed: −20000·c − 2000 = 0); plugging it back gives NPV 0")
    func handComputed() throws {
        let a = AnalyticModel(try Tiny.load())
        let item = try #require(BreakEven(a).plans.first?.items.first)
        #expect(item.status == .reached)
        let c = try #require(item.value)
        print("break-even churn change: \(c) (hand: -0.1); \(item.sentence)")
        #expect(abs(c - -0.1) < 1e-9)
        #expect(abs(item.assumed - -0.2) < 1e-12)
        // Plug back: NPV at the break-even, everything else at its mean.
        var x = a.means
        for e in a.entries(at: item.input) { x[e.slot] = c }
        let npv = a.npv(plan: 1, x)
        #expect(abs(npv) < 1e-6 * abs(item.npvAssumed))
        #expect(item.sentence == "transitions.active.churned (relative) must reach at least −10.0% for NPV ≥ 0; the plan assumes −20.0%")
    }

    @Test("not reachable within the physical bound (−100%), and not needed when the plan pays without the effect")
    func unreachableAndNotNeeded() throws {
        let costly = try #require(BreakEven(AnalyticModel(try Tiny.load(["plan.yaml": Tiny.plan(cost: 30000)]))).plans.first?.items.first)
        #expect(costly.status == .notReachable && costly.value == nil && costly.bound == -1)
        let more = Tiny.plan(more: """
              - target: value.active.revenue
                relative: 0.5
            """)
        let items = try #require(BreakEven(AnalyticModel(try Tiny.load(["plan.yaml": more]))).plans.first?.items)
        #expect(items.count == 2)
        #expect(items[0].status == .notNeeded && items[0].value == 0)
        // Without the churn change the revenue +50% alone pays (NPV = 1000·0.8·150 − 80000 − 2000 > 0), and
        // without the revenue change the churn change alone pays (NPV 2000 > 0 at its mean).
        #expect(items[1].status == .notNeeded)
    }

    @Test("retail bank: every reached break-even plugs back to |NPV| < 1e-6 of the expected NPV")
    func retailBankPlugBack() throws {
        let study = try Loader.loadStudy(path: "\(packageRoot)/scenarios/retail-bank/study.yaml")
        let a = AnalyticModel(study)
        var reached = 0
        for (k, plan) in BreakEven(a).plans.enumerated() {
            for item in plan.items where item.status == .reached {
                let d = study.scenarios[k + 1].effects.first { $0.amount.path == item.input }!.amount.distribution
                var x = a.means
                for e in a.entries(at: item.input) { if case .scalar(let f) = e.kind, f == d { x[e.slot] = item.value! } }
                #expect(abs(a.npv(plan: k + 1, x)) < 1e-6 * abs(item.npvAssumed))
                reached += 1
                print("retail bank break-even: \(plan.name): \(item.sentence)")
            }
        }
        #expect(reached >= 1)
    }
}
