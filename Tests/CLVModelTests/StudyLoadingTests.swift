import Testing
@testable import CLVModel

@Suite("Loading a valid study")
struct StudyLoadingTests {
    let study: Study

    init() throws {
        study = try Loader.loadStudy(path: Fixtures.path("bank/study.yaml"))
    }

    @Test("study settings, inputs and SHA-256 of every file, in first-read order")
    func settings() {
        #expect(study.name == "Retail bank CRM upgrade — benchmark (4 segments, 6 states, 20 quarters, 2,500,000 customers)")
        #expect(study.simulation == SimulationSettings(trials: 10_000, seed: 20_251_129, clvSamples: 20_000))
        #expect(study.report == ReportSettings(title: "CRM upgrade — board pack", locale: "en"))
        #expect(study.warnings.isEmpty)
        let r = Fixtures.root
        #expect(study.inputs == [
            InputFile(path: r + "/bank/study.yaml", sha256: "197b4b3be0ec24c824bec5a8e6354499782a8f26d23be37fa74e5b26fadaa187"),
            InputFile(path: r + "/bank/baseline.yaml", sha256: "b0e835a17816f012ffe5431fca0d256e1af594ab3ed11f3881978e7fbcbddaf2"),
            InputFile(path: r + "/bank/plan-a-data-platform.yaml", sha256: "0cb8caf69d086e63611ed97424cc10a06776936271b78bcd00fc17c26a8e2545"),
            InputFile(path: r + "/bank/plan-b-ai-service.yaml", sha256: "011f507d5b73c4577f86d15bec8723aa6c90e385998821fa9a0cac9e7a9d04e8"),
        ])
    }

    @Test("baseline: states, segments, a pert move, a dirichlet row")
    func baseline() throws {
        let b = study.baseline
        #expect(b.name == "Retail bank — current CRM")
        #expect(b.period == .quarter && b.horizon == 20 && b.discountRate == 0.08 && b.terminalValue == TerminalValue.none)
        #expect(b.states.map(\.name) == ["onboarding", "active", "cross_sold", "at_risk", "premium", "churned"])
        #expect(b.states.map(\.stage) == [.acquisition, .retention, .expansion, .retention, .expansion, .churn])
        #expect(b.segments.map(\.name) == ["mass", "young", "affluent", "sme"])
        let mass = b.segments[0]
        #expect(mass.initial.count == 5 && mass.arrivals.count == 1 && mass.transitions.count == 5 && mass.value.count == 5)
        #expect(mass.initial[3].amount.path == "segments.mass.initial.at_risk")
        #expect(mass.initial[3].amount.distribution == .normal(mean: 93656, sd: 9366))
        #expect(mass.arrivals[0].amount.path == "segments.mass.arrivals.onboarding")
        #expect(mass.acquisitionCost?.distribution == .triangular(min: 120, mode: 150, max: 195))
        #expect(mass.acquisitionCost?.path == "segments.mass.acquisition_cost")
        guard case .moves(let active) = mass.transitions[1].row else { Issue.record("active row"); return }
        #expect(mass.transitions[1].from == 1)
        #expect(active[0] == Move(to: 2, probability: Uncertain(
            path: "segments.mass.transitions.active.cross_sold", distribution: .pert(min: 0.03, mode: 0.04, max: 0.06),
            text: "pert(0.03, 0.04, 0.06)", location: SourceLocation(file: b.file, line: 22, column: 28))))
        guard case .dirichlet(let row) = mass.transitions[3].row else { Issue.record("at_risk row"); return }
        #expect(row.path == "segments.mass.transitions.at_risk")
        #expect(row.destinations == [3, 1, 5] && row.weights == [500, 200, 250])
        #expect(row.location == SourceLocation(file: b.file, line: 24, column: 16))
        let premium = try #require(mass.value.first { $0.state == 4 })
        #expect(premium.revenue?.distribution == .gamma(mean: 2000, sd: 333.3))
        #expect(premium.revenueCV?.path == "segments.mass.value.premium.revenue_cv")
    }

    @Test("plan A: merged from the baseline, cost schedules, effect targets and paths, risk paths")
    func planA() {
        let a = study.plans[0]
        #expect(a.name == "Plan A — unified customer data platform")
        #expect(a.segments.count == 4 && a.horizon == 20)
        #expect(a.costs.map(\.schedule) == [.at(0), .spread(from: 1, to: 4), .perPeriod(from: 1, to: 20), .at(1)])
        #expect(a.costs.map(\.amount.path) == ["costs.technology#0.amount", "costs.people#0.amount",
                                              "costs.operations#0.per_period", "costs.marketing#0.amount"])
        #expect(a.costs[3].amount.distribution == .pert(min: 29_840_000, mode: 37_300_000, max: 52_220_000))
        #expect(a.effects.map(\.target) == [.transition(from: .any, to: .state(5)), .transition(from: .state(3), to: .state(1)),
                                            .value(state: .any, field: .cost), .arrivals(.state(0))])
        #expect(a.effects.map(\.amount.path) == ["effects.transitions.*.churned.relative",
                                                "effects.transitions.at_risk.active[mass].absolute",
                                                "effects.value.*.cost.relative", "effects.arrivals.onboarding.relative"])
        #expect(a.effects[1].segments == ["mass"] && a.effects[1].change == .absolute)
        #expect(a.ramp == Ramp(from: 2, to: 6))
        #expect(a.risks.map(\.occursPath) == ["risks.Implementation delay.occurs", "risks.Budget overrun.occurs",
                                             "risks.Adoption shortfall.occurs"])
        #expect(a.risks[1].costOverrun?.path == "risks.Budget overrun.cost_overrun")
        #expect(a.risks[1].categories == ["technology", "people"])
        #expect(a.risks[2].effectScale?.distribution == .uniform(min: 0.3, max: 0.7))
        #expect(a.risks[0].probability.path == "risks.Implementation delay.probability")
    }

    @Test("a lone scenario file is a study of that baseline with no plans")
    func loneScenario() throws {
        let s = try Loader.loadStudy(path: Fixtures.path("bank/baseline.yaml"))
        #expect(s.name == "Retail bank — current CRM" && s.plans.isEmpty)
        #expect(s.simulation == SimulationSettings() && s.report.locale == "en")
        #expect(s.inputs.map(\.path) == [Fixtures.root + "/bank/baseline.yaml"])
    }

    @Test("validate finds nothing in the valid study and its files")
    func validateClean() {
        #expect(Fixtures.lines(["bank/study.yaml", "bank/baseline.yaml", "bank/plan-a-data-platform.yaml"]) == [])
    }
}
