import Foundation
import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// A plan and its baseline see the same world in every trial (model.md 3.2).
@Suite("Common random numbers")
struct CommonRandomNumbersTests {
    @Test("a plan identical to its baseline has benefit exactly 0 in every trial, and the same CLV samples")
    func identicalPlan() throws {
        let files = ["baseline.yaml": InvarianceTests.baseline,
                     "same.yaml": "schema: clvsim/1\nname: same\nextends: baseline.yaml\n",
                     "study.yaml": "schema: clvsim/1\nstudy: s\nbaseline: baseline.yaml\nplans: [same.yaml]\n"]
        let t = try TempStudy(files)
        defer { t.remove() }
        let r = try run(t.load("study.yaml"), trials: 500, seed: 5, clvSamples: 300)
        let p = PlanTrials(run: r, plan: 1)
        #expect(p.benefit.count == 500)
        #expect(p.benefit.allSatisfy { $0 == 0 })
        #expect(r.trials[0].ceTerminal.column(0) == r.trials[1].ceTerminal.column(0))
        #expect(r.trials[0].cashFlow.rowValues(17) == r.trials[1].cashFlow.rowValues(17))
        #expect(r.clv[0][0][0].values == r.clv[1][0][0].values)
        // The world itself is noisy: the zero difference is not a zero spread.
        #expect(Summary(r.trials[0].ce.column(0)).sd! > 0)
    }

    @Test("the SE of plan − baseline with CRN is far below (< 1/5 of) that of independent runs")
    func varianceReduction() throws {
        let files = ["baseline.yaml": InvarianceTests.baseline, "plan.yaml": InvarianceTests.plan,
                     "study.yaml": "schema: clvsim/1\nstudy: s\nbaseline: baseline.yaml\nplans: [plan.yaml]\n"]
        let t = try TempStudy(files)
        defer { t.remove() }
        let study = try t.load("study.yaml")
        let n = 1000
        let s1 = try run(study, trials: n, seed: 101, clvSamples: 16)
        let s2 = try run(study, trials: n, seed: 202, clvSamples: 16)
        // CRN: both scenarios of one run. Independent: the baseline of seed 101 against the plan of seed 202.
        let crn = (0..<n).map { s1.trials[1].ceTerminal[$0, 0] - s1.trials[0].ceTerminal[$0, 0] }
        let ind = (0..<n).map { s2.trials[1].ceTerminal[$0, 0] - s1.trials[0].ceTerminal[$0, 0] }
        let a = meanAndSE(crn), b = meanAndSE(ind)
        let ratio = a.se / b.se
        print("CRN: SE of benefit with CRN \(a.se), independent \(b.se), ratio \(ratio)")
        #expect(ratio < 0.2)
        // Both estimate the same expected benefit: their difference is within 4 combined SE.
        let z = (a.mean - b.mean) / (a.se * a.se + b.se * b.se).squareRoot()
        report("CRN vs independent mean benefit", z: z)
        #expect(abs(z) < 4)
    }
}
