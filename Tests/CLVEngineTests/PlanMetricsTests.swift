import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// A world without any randomness: 100 customers who never move, net value 10 a year, d = 1/1.25 = 0.8,
/// horizon 6, no terminal value. Every trial is the same, so every plan metric can be worked by hand.
@Suite("Plan metrics worked by hand")
struct PlanMetricsTests {
    static let files: [String: String] = [
        "study.yaml": """
            schema: clvsim/1
            study: hand-checkable plans
            baseline: baseline.yaml
            plans: [cost-only.yaml, revenue.yaml, schedules.yaml]
            """,
        "baseline.yaml": """
            schema: clvsim/1
            name: still world
            period: year
            horizon: 6
            discount_rate: 0.25
            states:
              a: { stage: retention }
              gone: { stage: churn }
            segments:
              s:
                initial: { a: 100 }
                value:
                  a: { revenue: 10, cost: 0 }
            """,
        "cost-only.yaml": """
            schema: clvsim/1
            name: cost only
            extends: baseline.yaml
            costs:
              - { category: technology, amount: 1000, at: 0 }
            """,
        "revenue.yaml": """
            schema: clvsim/1
            name: revenue plus one
            extends: baseline.yaml
            costs:
              - { category: technology, amount: 250, at: 0 }
            effects:
              - { target: value.a.revenue, absolute: 1 }
            """,
        "schedules.yaml": """
            schema: clvsim/1
            name: schedules
            extends: baseline.yaml
            costs:
              - { category: operations, per_period: 100, from: 1, to: 3 }
              - { category: people, amount: 300, from: 1, to: 3 }
              - { category: support, per_period: 10, from: 1 }
            """,
    ]

    static func analysis() throws -> Analysis {
        let t = try TempStudy(files)
        defer { t.remove() }
        return Analysis(try run(t.load("study.yaml"), trials: 32, clvSamples: 16))
    }

    @Test("a cost-only plan: benefit 0, cost 1000, NPV −1000, BCR 0, ROI −1, no payback")
    func costOnly() throws {
        let a = try Self.analysis()
        let p = a.plans[0]
        #expect(p.benefit.allSatisfy { $0 == 0 })
        #expect(p.cost.allSatisfy { $0 == 1000 })
        #expect(p.npv.allSatisfy { $0 == -1000 })
        #expect(p.bcr.allSatisfy { $0 == 0 } && p.roi.allSatisfy { $0 == -1 })
        #expect(p.payback.allSatisfy { $0 == .infinity })
        let v = try #require(a.results.scenarios[1].vsBaseline)
        #expect(v.basis == .horizon)
        #expect(v.benefit.mean == 0 && v.cost.mean == 1000 && v.npv.mean == -1000 && v.bcr.mean == 0)
        #expect(v.bcrOfMeans == 0 && v.pNPVPositive == 0)
        #expect(v.paybackP50 == nil && v.paybackWithinHorizon == 0)
    }

    @Test("revenue +1 for 100 customers against 250 up front: benefit, NPV, BCR and payback period 5")
    func revenuePlan() throws {
        // ΔCF_t = 100 for t = 1...6; B = 100·Σ 0.8^t = 100·4·(1 − 0.8⁶) = 295.1424; C = 250.
        // Cumulative ΔCF − cost: −250, −170, −106, −54.8, −13.84, +18.928 → pays back in period 5.
        let a = try Self.analysis()
        let p = a.plans[1]
        for i in 0..<p.benefit.count {
            #expect(abs(p.benefit[i] - 295.1424) < 1e-9)
            #expect(p.cost[i] == 250)
            #expect(abs(p.npv[i] - 45.1424) < 1e-9)
            #expect(abs(p.bcr[i] - 295.1424 / 250) < 1e-12)
            #expect(abs(p.roi[i] - 45.1424 / 250) < 1e-12)
            #expect(p.payback[i] == 5)
        }
        let v = try #require(a.results.scenarios[2].vsBaseline)
        #expect(v.paybackP50 == 5 && v.paybackWithinHorizon == 1 && v.pNPVPositive == 1)
        #expect(abs(try #require(v.bcrOfMeans) - 1.1805696) < 1e-12)
        #expect(abs(a.results.scenarios[2].analytic.customerEquity - 1100 * 2.951424) < 1e-9)
    }

    @Test("cost PV of per-period, spread and open-ended schedules is Σ d^t c_t")
    func schedules() throws {
        // per_period 100 in 1...3: 100·(0.8 + 0.64 + 0.512) = 195.2; 300 spread over 1...3: the same 195.2;
        // per_period 10 from 1 to the horizon (6): 10·4·(1 − 0.8⁶) = 29.51424. Total 419.91424.
        let a = try Self.analysis()
        let p = a.plans[2]
        #expect(p.cost.allSatisfy { abs($0 - 419.91424) < 1e-9 })
        #expect(p.benefit.allSatisfy { $0 == 0 })
        let tr = a.run.trials[3]
        #expect(tr.cost.rowValues(0) == [0, 210, 210, 210, 10, 10, 10])
        let cats = a.run.models[3].categories
        #expect(cats == ["operations", "people", "support"])
        #expect(abs(tr.costPVByCategory[0, 0] - 195.2) < 1e-9 && abs(tr.costPVByCategory[0, 1] - 195.2) < 1e-9)
        #expect(abs(a.run.expected[3].costPV - 419.91424) < 1e-9)
    }
}
