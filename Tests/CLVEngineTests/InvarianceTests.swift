import Foundation
import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel
import CLVNumerics

/// Results depend only on the files, seed and trial count (model.md 4), and an input's draws only
/// on its own path (3.2).
@Suite("Invariance of results")
struct InvarianceTests {
    static func bank() throws -> Study {
        try Loader.loadStudy(path: packageRoot + "/scenarios/retail-bank/study.yaml")
    }

    @Test("the retail-bank results JSON is byte-identical for 1 and 2 threads and for a repeated run")
    func threadsAndRepeats() throws {
        let study = try Self.bank()
        // 150 trials: three chunks of 64, the last one partial.
        let one = Analysis(try run(study, trials: 150, seed: 7, clvSamples: 600, threads: 1)).results.rendered()
        let two = Analysis(try run(study, trials: 150, seed: 7, clvSamples: 600, threads: 2)).results.rendered()
        let again = Analysis(try run(study, trials: 150, seed: 7, clvSamples: 600, threads: 2)).results.rendered()
        #expect(one == two)
        #expect(two == again)
        // A different seed does change the numbers (the comparison has power).
        let other = Analysis(try run(study, trials: 150, seed: 8, clvSamples: 600, threads: 2)).results.rendered()
        #expect(other != one)
    }

    /// Every way this build can draw the rows' binomials on this processor: the scalar sampler and
    /// each kernel variant it runs (on x86-64: generic, SSE2, and AVX2 and AVX-512 where present).
    static let laneChoices: [LaneChoice] = [.scalar] + BinomialLanes.ISA.available.map { .lanes($0) }

    @Test("the results JSON is byte-identical whichever way the rows' binomials are drawn",
          arguments: ["retail-bank", "insurer"])
    func laneVariants(study name: String) throws {
        let study = try Loader.loadStudy(path: packageRoot + "/scenarios/\(name)/study.yaml")
        var outputs: [String] = []
        for choice in Self.laneChoices {
            var o = RunOptions(trials: 130, seed: 11, clvSamples: 200, threads: 2)
            o.lanes = choice
            outputs.append(Analysis(try Engine.run(study, options: o)).results.rendered())
        }
        #expect(Self.laneChoices.count >= 3)
        for (choice, out) in zip(Self.laneChoices, outputs).dropFirst() {
            #expect(out == outputs[0], "\(choice) differs from the scalar sampler")
        }
    }

    @Test("without terminal value the results JSON is byte-identical whether or not the terminal value is also valued at the alternate rates",
          arguments: ["insurer", "service-centre"])
    func ratesOnlyForTheTerminalBasis(study name: String) throws {
        let study = try Loader.loadStudy(path: packageRoot + "/scenarios/\(name)/study.yaml")
        #expect(study.baseline.terminalValue == .none)
        var forced = RunOptions(trials: 130, seed: 11, clvSamples: 200, threads: 2)
        forced.valuesAtRates = true
        let full = try Engine.run(study, options: forced)
        let skipped = try Engine.run(study, options: RunOptions(trials: 130, seed: 11, clvSamples: 200, threads: 2))
        #expect(Analysis(full).results.rendered() == Analysis(skipped).results.rendered())
        // The skip did happen (the values at other rates are left 0), and the forced run valued them.
        let plan = 1
        #expect((0..<130).allSatisfy { skipped.trials[plan].terminalAtRates[$0, 0] == 0 })
        #expect((0..<130).contains { full.trials[plan].terminalAtRates[$0, 0] != 0 })
    }

    static let baseline = """
        schema: clvsim/1
        name: two segments
        period: quarter
        horizon: 8
        discount_rate: 0.08
        terminal_value: clv
        states:
          new: { stage: acquisition }
          active: { stage: retention }
          gone: { stage: churn }
        segments:
          x:
            initial: { active: "normal(500, 40)" }
            arrivals: { new: "gamma(30, 6)" }
            acquisition_cost: "triangular(80, 100, 150)"
            transitions:
              new: { active: 0.6, gone: 0.2 }
              active: { gone: "beta(0.05, 0.01)" }
            value:
              new: { revenue: 20, cost: 40 }
              active: { revenue: "lognormal(200, 30)", cost: 60, revenue_cv: 0.7 }
          y:
            initial: { active: 200 }
            transitions:
              active: { gone: "pert(0.02, 0.03, 0.05)" }
            value:
              active: { revenue: 800, cost: 300, revenue_cv: 0.5 }
        """
    static let plan = """
        schema: clvsim/1
        name: plan
        extends: baseline.yaml
        costs:
          - { category: technology, amount: "pert(40000, 50000, 70000)", at: 0 }
        effects:
          - { target: transitions.active.gone, segments: [x], relative: "pert(-0.3, -0.2, -0.1)" }
        ramp: { from: 1, to: 3 }
        risks:
          - { name: Delay, probability: 0.3, delay: "triangular(1, 2, 3)" }
        """
    @Test("adding an uncertain cost and an effect on another segment to a plan changes no baseline number and no other draw")
    func unrelatedInput() throws {
        let extra = Self.plan.replacingOccurrences(of: "costs:\n", with: """
            costs:
              - { category: training, amount: "uniform(1000, 3000)", from: 1, to: 2 }

            """).replacingOccurrences(of: "effects:\n", with: """
            effects:
              - { target: value.active.revenue, segments: [y], relative: "uniform(0, 0.1)" }

            """)
        #expect(extra != Self.plan)
        let files = ["baseline.yaml": Self.baseline, "plan.yaml": Self.plan, "plus.yaml": extra,
                     "a.yaml": "schema: clvsim/1\nstudy: a\nbaseline: baseline.yaml\nplans: [plan.yaml]\n",
                     "b.yaml": "schema: clvsim/1\nstudy: b\nbaseline: baseline.yaml\nplans: [plus.yaml]\n"]
        let t = try TempStudy(files)
        defer { t.remove() }
        let ra = try run(t.load("a.yaml"), trials: 300, seed: 3, clvSamples: 500)
        let rb = try run(t.load("b.yaml"), trials: 300, seed: 3, clvSamples: 500)
        #expect(rb.inputs.width == ra.inputs.width + 2)
        let ja = try JSONEncoding.encode(Analysis(ra).results.scenarios[0]).rendered()
        let jb = try JSONEncoding.encode(Analysis(rb).results.scenarios[0]).rendered()
        #expect(ja == jb)
        // Every input of the first study draws the same numbers in the second.
        for e in ra.inputs.entries {
            let f = try #require(rb.inputs.entries.first { $0.path == e.path })
            for k in 0..<e.width { #expect(ra.draws.column(e.slot + k) == rb.draws.column(f.slot + k), "\(e.path)") }
        }
        // The plan's untouched segment x is trial for trial the same; segment y and the cost do change.
        #expect(ra.trials[1].segmentCE.column(0) == rb.trials[1].segmentCE.column(0))
        #expect(ra.trials[1].segmentCE.column(1) != rb.trials[1].segmentCE.column(1))
        #expect(PlanTrials(run: ra, plan: 1).cost != PlanTrials(run: rb, plan: 1).cost)
    }
}
