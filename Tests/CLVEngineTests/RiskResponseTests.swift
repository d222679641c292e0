import Foundation
import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// Issue 13 item 7: risk responses. A mitigation's value against a hand computation, the plan without
/// a response against the same plan written without it (simulated as its own scenario), a transfer's
/// cap on a hand-worked overrun, and the register grouped by category.
@Suite("Risk responses")
struct RiskResponseTests {
    static let baseline = """
        schema: clvsim/1
        name: Base
        period: quarter
        horizon: 8
        discount_rate: 0.08
        states:
          new: {stage: acquisition}
          active: {stage: retention}
          gone: {stage: churn}
        segments:
          mass:
            initial: {active: 1000}
            arrivals: {new: 100}
            transitions:
              new: {active: 0.5, gone: 0.2}
              active: {gone: "beta(0.1, 0.02)"}
            value:
              active: {revenue: 100, cost: 20}

        """

    static func plan(_ name: String, _ body: String) -> String {
        "schema: clvsim/1\nextends: baseline.yaml\nname: \(name)\n" + body
    }

    static func study(_ plans: [String]) -> String {
        "schema: clvsim/1\nbaseline: baseline.yaml\nplans: [\(plans.joined(separator: ", "))]\n"
    }

    /// A plan without effects has the baseline's customer equity in every trial, so its NPV is minus
    /// its cost: with an overrun of 0.5 on a cost of 1,000 occurring with probability 0.4, a mitigation
    /// costing 100 that lowers the probability to 0.1 is worth −100 + 500 · 1[0.1 ≤ u < 0.4] in a trial
    /// with occurrence draw u, and −100 + 500 × 0.3 = 50 in expectation.
    @Test("A probability mitigation's value is −cost + overrun × 1[p′ ≤ u < p] trial by trial, 50 in expectation")
    func mitigationByHand() throws {
        let files = [
            "baseline.yaml": Self.baseline,
            "plan.yaml": Self.plan("Plan", """
                costs:
                  - {category: technology, amount: 1000, at: 0}
                risks:
                  - name: Overrun
                    category: operational
                    probability: 0.4
                    cost_overrun: 0.5
                    mitigation: {cost: 100, at: 0, probability: 0.1}
                """),
            "study.yaml": Self.study(["plan.yaml"]),
        ]
        let n = 4000
        let run = try run(files, "study.yaml", trials: n)
        let slot = try #require(run.inputs.entries.first { $0.path == "risks.Overrun.occurs" }).slot
        var hand = 0.0
        for i in 0..<n {
            let u = run.draws[i, slot]
            hand += -100 + (u >= 0.1 && u < 0.4 ? 500 : 0)
        }
        hand /= Double(n)
        let a = Analysis(run)
        let group = try #require(a.results.scenarios[1].vsBaseline?.riskCategories?.first)
        #expect(group.category == "operational")
        let r = try #require(group.responses.first)
        #expect(r.risk == "Overrun" && r.response == "mitigation")
        #expect(abs(r.value - hand) < 1e-9)
        #expect(r.cost == 100)
        #expect(abs(r.benefit - (hand + 100)) < 1e-9)
        // Closed form: E = −100 + 500 × 0.3; sd of the per-trial value = 500 √(0.3 × 0.7); 4 SE.
        let se = 500 * (0.3 * 0.7 / Double(n)).squareRoot()
        #expect(abs(r.value - 50) < 4 * se)
        #expect(abs(r.valueSE - se) < 0.05 * se)
        // Only the cost differs: the risk changes the outcome in the trials with 0.1 ≤ u < 0.4.
        let changed = (0..<n).filter { let u = run.draws[$0, slot]; return u >= 0.1 && u < 0.4 }.count
        #expect(r.pChanged == Double(changed) / Double(n))
        #expect(abs(r.npvWith - r.npvWithout - r.value) < 1e-6)
    }

    /// The engine's "plan without the response" is the plan written without it, simulated as a
    /// scenario of its own under the same draws: bit for bit in every trial, for a probability
    /// mitigation of a delay (resimulated where the occurrence differs) and a scale mitigation of an
    /// effect shortfall (resimulated where the risk occurs).
    @Test("The plan without a response equals that plan written out and simulated, trial by trial")
    func withoutIsThePlanWrittenOut() throws {
        let levers = """
            ramp: {from: 1, to: 3}
            effects:
              - {target: transitions.active.gone, relative: -0.3}
            costs:
              - {category: technology, amount: 5000, at: 0}
              - {category: people, per_period: 300, from: 1}

            """
        func risks(_ delayMitigation: String, _ scaleMitigation: String) -> String {
            """
            risks:
              - {name: Delay, category: technical, probability: 0.4, delay: "triangular(1, 2, 4)"\(delayMitigation)}
              - {name: Shortfall, category: market, probability: 0.3, effect_scale: "uniform(0.2, 0.6)"\(scaleMitigation)}
            """
        }
        let m1 = ", mitigation: {cost: \"uniform(100, 300)\", at: 1, probability: 0.15}"
        let m2 = ", mitigation: {cost: 200, scale: 0.5}"
        let files = [
            "baseline.yaml": Self.baseline,
            "both.yaml": Self.plan("Both", levers + risks(m1, m2)),
            "no-delay-mitigation.yaml": Self.plan("No delay mitigation", levers + risks("", m2)),
            "no-scale-mitigation.yaml": Self.plan("No scale mitigation", levers + risks(m1, "")),
            "study.yaml": Self.study(["both.yaml", "no-delay-mitigation.yaml", "no-scale-mitigation.yaml"]),
        ]
        let n = 300
        let run = try run(files, "study.yaml", trials: n)
        let a = Analysis(run)
        let with = run.trials[1]
        #expect(run.models[1].responses.count == 2 && run.models[2].responses.count == 1)
        #expect(run.trials[0].responses.columns == 0)
        var resimulated = [0, 0]
        for (j, k) in [(0, 2), (1, 3)] {
            let written = run.trials[k], d = run.models[k].discountFactors
            for i in 0..<n {
                #expect(with.responses[i, 3 * j] == written.ce[i, 0], "response \(j), trial \(i)")
                #expect(with.responses[i, 3 * j + 1] == written.ceTerminal[i, 0])
                let cost = (0...8).reduce(0.0) { $0 + d[$1] * written.cost[i, $1] }
                #expect(with.responses[i, 3 * j + 2] == cost)
                if with.responses[i, 3 * j] != with.ce[i, 0] { resimulated[j] += 1 }
            }
            let r = try #require(a.results.scenarios[1].vsBaseline?.riskCategories?.flatMap(\.responses)[j])
            let npvWritten = try #require(a.results.scenarios[k].vsBaseline?.npv.mean)
            #expect(abs(r.npvWithout - npvWritten) < 1e-6 * abs(npvWritten))
        }
        // Resimulated only where the delay or scale differs: some trials, not all.
        #expect(resimulated[0] > 0 && resimulated[0] < n / 2)
        #expect(resimulated[1] > 0 && resimulated[1] < n / 2)
    }

    /// Costs 1,000 at t = 0 and 400 at t = 1, an overrun of 0.5 on both (it always occurs), a transfer
    /// capping the plan's part at 300 for a premium of 50: the overrun adds 700, the plan bears
    /// 300, so each cost is × (1 + 0.5 × 300/700); without the transfer the costs are 1,500 and 600.
    @Test("A transfer caps the overrun's cost at the cap, shared over its periods, and its value is the saving less the premium")
    func transferByHand() throws {
        func files(cap: String) -> [String: String] {
            [
                "baseline.yaml": Self.baseline,
                "plan.yaml": Self.plan("Plan", """
                    costs:
                      - {category: technology, amount: 1000, at: 0}
                      - {category: people, amount: 400, at: 1}
                    risks:
                      - name: Overrun
                        category: operational
                        probability: 1
                        cost_overrun: 0.5
                        transfer: {premium: 50, cap: \(cap)}
                    """),
                "study.yaml": Self.study(["plan.yaml"]),
            ]
        }
        let tight = try run(files(cap: "300"), "study.yaml", trials: 64)
        let f = 1 + 0.5 * (300.0 / 700.0), d = tight.models[1].discountFactors[1]
        let cost = tight.trials[1].cost
        for i in 0..<64 {
            #expect(abs(cost[i, 0] - (1000 * f + 50)) < 1e-9)
            #expect(abs(cost[i, 1] - 400 * f) < 1e-9)
            // The plan's part of the overrun is exactly the cap.
            #expect(abs(cost[i, 0] + cost[i, 1] - 50 - 1400 - 300) < 1e-9)
        }
        let cats = tight.models[1].categories
        #expect(cats == ["technology", "people", "transfer"])
        let r = try #require(Analysis(tight).results.scenarios[1].vsBaseline?.riskCategories?.first?.responses.first)
        #expect(r.response == "transfer")
        let value = (1500 - (1000 * f + 50)) + d * (600 - 400 * f)
        #expect(abs(r.value - value) < 1e-9)
        #expect(r.valueSE < 1e-9)
        #expect(r.pChanged == 1)

        // A cap above the overrun changes nothing but the premium: the value is −50.
        let loose = try run(files(cap: "700"), "study.yaml", trials: 64)
        let r2 = try #require(Analysis(loose).results.scenarios[1].vsBaseline?.riskCategories?.first?.responses.first)
        #expect(abs(r2.value + 50) < 1e-9)
        #expect(r2.pChanged == 0)
        #expect(abs(loose.trials[1].cost[0, 0] - 1550) < 1e-9)
    }

    /// The source report's four categories first (technical, market, operational, compliance), then
    /// other words as met, then the risks without one; the key is absent when no risk has a category.
    @Test("The register is grouped by category in the results JSON, and absent without categories")
    func grouping() throws {
        let files = [
            "baseline.yaml": Self.baseline,
            "plan.yaml": Self.plan("Plan", """
                costs:
                  - {category: technology, amount: 1000, at: 0}
                risks:
                  - {name: Regulator, category: compliance, probability: 0.2, cost_overrun: 0.1}
                  - {name: Vendor exit, category: vendor, probability: 0.1, cost_overrun: 0.3}
                  - {name: Unsorted, probability: 0.3, cost_overrun: 0.05}
                  - {name: Outage, category: technical, probability: 0.1, cost_overrun: 0.2,
                     transfer: {premium: 20, cap: 100}}
                  - {name: Privacy fine, category: compliance, probability: 0.05, cost_overrun: 0.5,
                     mitigation: {cost: 10, probability: 0.01}}
                """),
            "plain.yaml": Self.plan("Plain", """
                costs:
                  - {category: technology, amount: 1000, at: 0}
                risks:
                  - {name: Overrun, probability: 0.2, cost_overrun: 0.1}
                """),
            "study.yaml": Self.study(["plan.yaml", "plain.yaml"]),
        ]
        let a = Analysis(try run(files, "study.yaml", trials: 200))
        let groups = try #require(a.results.scenarios[1].vsBaseline?.riskCategories)
        #expect(groups.map(\.category) == ["technical", "compliance", "vendor", nil])
        #expect(groups.map(\.risks) == [["Outage"], ["Regulator", "Privacy fine"], ["Vendor exit"], ["Unsorted"]])
        #expect(groups.map { $0.responses.map(\.response) } == [["transfer"], ["mitigation"], [], []])
        #expect(a.results.scenarios[1].vsBaseline?.risks.map(\.category) == ["compliance", "vendor", nil, "technical", "compliance"])
        #expect(a.results.scenarios[2].vsBaseline?.riskCategories == nil)
        let json = a.results.rendered()
        #expect(json.contains("\"risk_categories\""))
        #expect(json.contains("\"category\": null"))
        #expect(json.contains("\"category\": \"vendor\""))
        // The plain plan's register has neither key: its part of the JSON is as before.
        let plain = try #require(json.range(of: "\"name\": \"Plain\""))
        #expect(!json[plain.lowerBound...].contains("risk_categories"))
        #expect(!json[plain.lowerBound...].contains("\"category\": null"))
        // Read back, the groups are the same.
        let back = try Results.decode(json)
        #expect(back.scenarios[1].vsBaseline?.riskCategories?.map(\.risks) == groups.map(\.risks))
    }
}
