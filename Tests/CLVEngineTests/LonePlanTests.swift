import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// A plan file run on its own is the world with that plan in place: its effects and ramp
/// apply, although there is no baseline to compare it with.
@Suite("A plan run on its own")
struct LonePlanTests {
    @Test("applies its effects: the lone plan's expected path equals the plan's path in the study")
    func lonePlanAppliesEffects() throws {
        let study = try Loader.loadStudy(path: "\(packageRoot)/scenarios/retail-bank/study.yaml")
        let lone = try Loader.loadStudy(path: "\(packageRoot)/scenarios/retail-bank/plan-a-data-platform.yaml")
        let inStudy = try run(study, trials: 20, clvSamples: 10)
        let alone = try run(lone, trials: 20, clvSamples: 10)
        // The expected-value path is deterministic, so the two agree to the last bit...
        #expect(alone.expected[0].customerEquity == inStudy.expected[1].customerEquity)
        // ...and differ from the baseline's by the plan's effect (Plan A raises equity).
        #expect(alone.expected[0].customerEquity > inStudy.expected[0].customerEquity + 1_000_000)
    }
}

/// Issue 10: a plan with no effects of its own once silently took the baseline's Monte Carlo when
/// the baseline carried effects (now an error, `ValidationRuleTests`). Against a clean baseline it
/// gets its own figures.
@Suite("A plan without effects of its own")
struct PlanWithoutEffectsTests {
    static let plan = """
        schema: clvsim/1
        name: Tiny price rise
        extends: baseline.yaml
        segments:
          s:
            value: { active: { revenue: "uniform(90, 130)" } }
        costs:
          - { category: marketing, amount: 500, at: 0 }
        """

    @Test("its customer equity is its own, trial by trial (as run alone), and its NPV is not 0")
    func ownFigures() throws {
        let study = try Tiny.load(["plan.yaml": Self.plan])
        #expect(study.plans[0].effects.isEmpty)
        let lone = Study(name: "alone", file: "plan.yaml", baseline: study.plans[0], plans: [], simulation: study.simulation,
                         report: study.report, inputs: study.inputs)
        let r = try run(study, trials: 200, clvSamples: 10), a = try run(lone, trials: 200, clvSamples: 10)
        #expect(r.trials[1].ce.column(0) == a.trials[0].ce.column(0))
        #expect(r.trials[1].ce.column(0) != r.trials[0].ce.column(0))
        let npv = Analysis(r).plans[0].npv
        #expect(abs(Statistics.mean(npv)) > 1000)
    }
}
