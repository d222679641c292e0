import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

@Suite("Break-even on the expected NPV over the trials, risks included")
struct BreakEvenTests {
    /// The tiny study's revenue draws, for the hand computation.
    static func meanRevenue(_ study: Study, _ o: RunOptions) throws -> Double {
        let (inputs, _, draws) = try Engine.inputDraws(study, options: o)
        let slot = try #require(inputs.entries.first { $0.path == "segments.s.value.active.revenue" }).slot
        return Statistics.mean(draws.column(slot))
    }

    static let options = RunOptions(trials: 2000, seed: 7, clvSamples: 1, threads: 2)

    @Test("tiny study: E[NPV | c] = −200·c·r̄ − 2000 over the trials' revenues r̄, so the churn change must reach −10/r̄ (≈ −10%)")
    func handComputed() throws {
        let study = try Tiny.load()
        let item = try #require(try BreakEven(study: study, options: Self.options).plans.first?.items.first)
        let r = try Self.meanRevenue(study, Self.options)
        #expect(item.status == .reached)
        let c = try #require(item.value)
        print("break-even churn change: \(c) (hand: \(-10 / r)); \(item.sentence)")
        #expect(abs(c - -10 / r) < 1e-9)
        #expect(abs(item.assumed - -0.2) < 1e-12)
        #expect(abs(try #require(item.npvAtValue)) < 1e-6)
        #expect(abs(item.npvWithout - -2000) < 1e-6)
        #expect(item.evaluations <= 6)
        #expect(item.sentence == "transitions.active.churned (relative) must reach at least −10.0% for NPV ≥ 0; the plan assumes −20.0%")
    }

    @Test("a risk that halves the effect in every trial doubles the break-even (−20/r̄): risks are not left out")
    func riskIncluded() throws {
        let plan = Tiny.plan(more: """
            risks:
              - { name: Half, probability: 1, effect_scale: 0.5 }
            """)
        let study = try Tiny.load(["plan.yaml": plan])
        let item = try #require(try BreakEven(study: study, options: Self.options).plans.first?.items.first)
        let r = try Self.meanRevenue(study, Self.options)
        #expect(item.status == .reached)
        #expect(abs(try #require(item.value) - -20 / r) < 1e-9)
    }

    @Test("not reachable within the physical bound (−100%), and not needed when the plan pays without the effect")
    func unreachableAndNotNeeded() throws {
        let costly = try #require(try BreakEven(study: Tiny.load(["plan.yaml": Tiny.plan(cost: 30000)]), options: Self.options)
            .plans.first?.items.first)
        #expect(costly.status == .notReachable && costly.value == nil && costly.bound == -1)
        let more = Tiny.plan(more: """
              - target: value.active.revenue
                relative: 0.5
            """)
        let items = try #require(try BreakEven(study: Tiny.load(["plan.yaml": more]), options: Self.options).plans.first?.items)
        #expect(items.count == 2)
        #expect(items[0].status == .notNeeded && items[0].value == 0)
        #expect(items[1].status == .notNeeded)
    }

    @Test("from a run and from the study alone: the same draws, the same break-even, bit for bit")
    func runAndStudyAgree() throws {
        let study = try Tiny.load()
        let r = try Engine.run(study, options: Self.options)
        let a = BreakEven(run: r).plans[0].items[0], b = try BreakEven(study: study, options: Self.options).plans[0].items[0]
        #expect(a.value == b.value && a.npvWithout == b.npvWithout && a.npvAssumed == b.npvAssumed)
    }
}

/// The property the break-even promises, checked the way a user would: `--stress PATH=VALUE` and a
/// plain run of the whole study at its own trials and seed.
@Suite("Break-even property on the shipped studies")
struct BreakEvenPropertyTests {
    struct Check {
        var plan: Int           // model index
        var item: BreakEven.Item
        var level: Double       // the stress value
        var atBreakEven: Bool
    }

    @Test("reached: mean NPV at the break-even within 3 se of 0, and < 0 with the effect removed; not needed: ≥ 0 removed",
          arguments: ["retail-bank", "insurer"])
    func property(_ name: String) throws {
        let study = try Loader.loadStudy(path: "\(packageRoot)/scenarios/\(name)/study.yaml")
        let options = RunOptions(trials: study.simulation.trials, seed: study.simulation.seed, clvSamples: 1, threads: 2)
        let be = try BreakEven(study: study, options: options)
        var checks: [Check] = []
        for (p, plan) in be.plans.enumerated() {
            for item in plan.items {
                print("\(name) break-even: \(plan.name): \(item.input) \(item.status.rawValue) \(item.value.map { "\($0)" } ?? "–") "
                      + "(without: \(item.npvWithout), assumed: \(item.npvAssumed), evaluations: \(item.evaluations))")
                guard item.status == .reached || item.status == .notNeeded else { continue }
                checks.append(Check(plan: p + 1, item: item, level: 0, atBreakEven: false))
                if item.status == .reached { checks.append(Check(plan: p + 1, item: item, level: item.value!, atBreakEven: true)) }
            }
        }
        #expect(!checks.isEmpty)
        // Several stresses per run when they cannot interfere: one per plan, and no stressed path
        // that another plan of the run also has (`--stress` fixes a path in every scenario).
        let effectPaths = study.scenarios.map { Set($0.effects.map(\.amount.path)) }
        var groups: [[Check]] = []
        for c in checks {
            if let g = groups.firstIndex(where: { group in
                group.allSatisfy { $0.plan != c.plan && !effectPaths[$0.plan].contains(c.item.input) && !effectPaths[c.plan].contains($0.item.input) }
            }) {
                groups[g].append(c)
            } else {
                groups.append([c])
            }
        }
        for group in groups {
            let (stressed, _) = try Stress.apply(group.map { Stress(path: $0.item.input, level: .value($0.level)) }, to: study)
            // Only the plans' per-trial NPVs are needed: no full analysis of each rerun.
            let r = try Engine.run(stressed, options: options)
            for c in group {
                let npv = PlanTrials(run: r, plan: c.plan).npv
                let mean = Statistics.mean(npv), se = (Statistics.variance(npv) / Double(npv.count)).squareRoot()
                let what = "\(name): \(be.plans[c.plan - 1].name): \(c.item.input) = \(c.level): mean NPV \(mean) ± \(se)"
                print(what)
                if c.atBreakEven {
                    #expect(abs(mean) <= 3 * se, "\(what)")
                } else if c.item.status == .reached {
                    #expect(mean < 0, "\(what)")
                } else {
                    #expect(mean >= 0, "\(what)")
                }
            }
        }
    }

    @Test("the expected NPV the break-even starts from agrees with the run's Monte Carlo mean NPV within 3 se")
    func asIsAgreesWithRun() throws {
        let study = try Loader.loadStudy(path: "\(packageRoot)/scenarios/retail-bank/study.yaml")
        let r = try Engine.run(study, options: RunOptions(trials: 2000, seed: study.simulation.seed, clvSamples: 1, threads: 2))
        let a = Analysis(r), be = BreakEven(run: r)
        for (k, plan) in be.plans.enumerated() {
            let npv = a.plans[k].npv
            let mean = Statistics.mean(npv), se = (Statistics.variance(npv) / Double(npv.count)).squareRoot()
            let assumed = try #require(plan.items.first).npvAssumed
            #expect(abs(assumed - mean) <= 3 * se, "\(plan.name): \(assumed) against \(mean) ± \(se)")
        }
    }
}
