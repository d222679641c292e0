import Foundation
import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// A study with a known answer for global sensitivity: Plan A's NPV is driven by its churn change
/// (sd ≈ 0.76M against ≈ 0.02M from revenue); the dormant customers' count does not touch any
/// plan (no moves, no effect: it cancels in the difference).
enum Known {
    static let baseline = """
        schema: clvsim/1
        name: Known baseline
        period: year
        horizon: 1
        states: { active: { stage: retention }, dormant: { stage: retention }, churned: { stage: churn } }
        segments:
          s:
            initial: { active: 1000000, dormant: "normal(5000, 500)" }
            transitions: { active: { churned: 0.2 } }
            value: { active: { revenue: "uniform(99, 101)" }, dormant: { revenue: 10 } }
        """
    static let planA = """
        schema: clvsim/1
        name: Plan A
        extends: baseline.yaml
        costs: [{ category: technology, amount: 2000000, at: 0 }]
        effects:
          - { target: transitions.active.churned, relative: "pert(-0.3, -0.2, -0.1)" }
        """
    static let planB = """
        schema: clvsim/1
        name: Plan B
        extends: baseline.yaml
        costs: [{ category: technology, amount: 1000000, at: 0 }]
        effects:
          - { target: value.active.revenue, relative: "uniform(0.01, 0.03)" }
        """
    static func load() throws -> Study {
        let t = try TempStudy(["baseline.yaml": baseline, "a.yaml": planA, "b.yaml": planB, "study.yaml": """
            schema: clvsim/1
            study: Known
            baseline: baseline.yaml
            plans: [a.yaml, b.yaml]
            """])
        defer { t.remove() }
        return try t.load("study.yaml")
    }
}

@Suite("Global sensitivity, stress tests and stop at precision")
struct WhatIfRunTests {
    @Test("Spearman and binned first-order Sobol: the dominant input ranks first; an input that touches no plan has ρ ≈ 0 and S ≈ 0")
    func knownAnswer() throws {
        let r = try run(Known.load(), trials: 4000, clvSamples: 10)
        let g = GlobalSensitivity(run: r, plans: Analysis(r).plans)
        #expect(g.bins == 32)
        let a = g.plans[0], b = g.plans[1]
        func item(_ p: GlobalSensitivity.Plan, _ path: String) throws -> GlobalSensitivity.Item {
            try #require(p.items.first { $0.input == path })
        }
        let churn = try item(a, "effects.transitions.active.churned.relative")
        let dormantA = try item(a, "segments.s.initial.dormant"), dormantB = try item(b, "segments.s.initial.dormant")
        print("plan A: churn ρ \(churn.spearman) S \(churn.firstOrder); dormant ρ \(dormantA.spearman) S \(dormantA.firstOrder); Σ S \(a.sumFirstOrder)")
        #expect(a.items.first?.input == churn.input)
        #expect(churn.spearman < -0.95 && churn.firstOrder > 0.9)
        // 4/√n with n = 4000 is 0.063.
        #expect(abs(dormantA.spearman) < 0.063 && dormantA.firstOrder < 0.02)
        #expect(abs(dormantB.spearman) < 0.063 && dormantB.firstOrder < 0.02)
        // Plan B is driven by its revenue change; Plan A's effect is not one of its inputs.
        let lift = try item(b, "effects.value.active.revenue.relative")
        print("plan B: revenue lift ρ \(lift.spearman) S \(lift.firstOrder)")
        #expect(b.items.first?.input == lift.input && lift.spearman > 0.95)
        #expect(!b.items.contains { $0.input == churn.input })
    }

    @Test("stress PATH=P90 fixes the input in every trial at its P90 (and the analytic path uses it)")
    func stressFixes() throws {
        let study = try Known.load()
        let path = "effects.transitions.active.churned.relative"
        let (stressed, applied) = try Stress.apply([try Stress(parsing: "\(path)=P90")], to: study)
        let p90 = Distribution.pert(min: -0.3, mode: -0.2, max: -0.1).quantile(0.9)
        #expect(applied.count == 1 && applied[0].value == p90 && applied[0].text == "pert(-0.3, -0.2, -0.1)")
        let r = try run(stressed, trials: 300, clvSamples: 10)
        let slot = try #require(r.inputs.entries.first { $0.path == path }).slot
        #expect(r.draws.column(slot).allSatisfy { $0 == p90 })
        // Other inputs still vary and keep their draws (same streams).
        let plain = try run(study, trials: 300, clvSamples: 10)
        let rev = try #require(r.inputs.entries.first { $0.path == "segments.s.value.active.revenue" }).slot
        #expect(r.draws.column(rev) == plain.draws.column(rev))
        // Expected NPV at P90: −2e7·c − 2e6 (hand), on the analytic path.
        let npv = AnalyticModel(stressed).npv(plan: 1, AnalyticModel(stressed).means)
        #expect(abs(npv - (-2e7 * p90 - 2e6)) < 1e-6 * 2e6)
        print("stress \(applied[0].summary): expected NPV \(npv)")
    }

    @Test("stress errors: unknown path with a suggestion, a risk's occurrence draw, a bad level")
    func stressErrors() throws {
        let study = try Known.load()
        #expect(throws: StressError.self) { try Stress.apply([Stress(path: "segments.s.value.active.revenu", level: .mean)], to: study) }
        do { _ = try Stress.apply([Stress(path: "segments.s.value.active.revenu", level: .mean)], to: study) } catch {
            #expect(error.description == "--stress segments.s.value.active.revenu: unknown input path (did you mean 'segments.s.value.active.revenue'?)")
        }
        #expect(throws: StressError.self) { try Stress(parsing: "segments.s.value.active.revenue=P150") }
        #expect(throws: StressError.self) { try Stress(parsing: "segments.s.value.active.revenue") }
        #expect(try Stress(parsing: "a.b=P2.5").level == .percentile(0.025))
        #expect(try Stress(parsing: "risks.X.probability=1").level == .value(1))
    }

    @Test("stop at precision: batches until se < target·|mean NPV|, and the result is byte-identical to a plain run with the final trials")
    func precisionEqualsPlainRun() throws {
        let study = try Known.load()
        let options = RunOptions(trials: 1, seed: 7, clvSamples: 10, threads: 2)
        let p = try PrecisionRun(study, options: options, target: 0.01, batch: 200, maxTrials: 20_000)
        print("precision passes \(p.passes), met \(p.met), reached \(p.reached.map { ($0.name, $0.relative) })")
        #expect(p.met && p.passes.count >= 2 && p.passes.allSatisfy { $0 % 200 == 0 })
        #expect(p.reached.allSatisfy { $0.relative <= 0.01 })
        let n = p.run.options.trials
        #expect(n == p.passes.last)
        var plainOptions = options
        plainOptions.trials = n
        let plain = try Engine.run(study, options: plainOptions)
        var a = Analysis(p.run), b = Analysis(plain)
        a.attach(whatIf: WhatIf(a))
        b.attach(whatIf: WhatIf(b))
        let left = a.results.rendered(), right = b.results.rendered()
        #expect(left == right)
        // Deterministic: the same again.
        let again = try PrecisionRun(study, options: options, target: 0.01, batch: 200, maxTrials: 20_000)
        #expect(again.passes == p.passes)
        // --max-trials caps it.
        let capped = try PrecisionRun(study, options: options, target: 0.0001, batch: 200, maxTrials: 600)
        #expect(!capped.met && capped.run.options.trials == 600)
    }
}
