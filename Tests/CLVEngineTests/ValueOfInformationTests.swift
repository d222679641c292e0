import Foundation
import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// EVPI and EVPPI (docs/what-if.md, "Value of information") against closed forms.
@Suite("Value of information")
struct ValueOfInformationTests {
    /// A world with no population noise: one state that never moves, 1,000 customers paying
    /// 100 a period, 4 periods undiscounted. The plan raises revenue by 10% from the start
    /// (benefit exactly 40,000) at a cost C ~ normal(38,000, 5,000), so NPV ~ N(2,000, 5,000).
    /// The decoy input touches no plan's NPV: arrivals (about 0) into a state with no value.
    static let baseline = """
        schema: clvsim/1
        name: base
        horizon: 4
        states:
          a: { stage: retention }
          idle: { stage: retention }
          gone: { stage: churn }
        segments:
          s:
            initial: { a: 1000 }
            arrivals: { idle: "uniform(0, 0.000001)" }
            value:
              a: { revenue: 100 }
        """
    static let plan = """
        schema: clvsim/1
        name: plan
        extends: base.yaml
        costs:
          - { category: technology, amount: "normal(38000, 5000)", at: 0 }
        effects:
          - target: value.a.revenue
            relative: 0.1
        """
    static let study = """
        schema: clvsim/1
        study: voi
        baseline: base.yaml
        plans: [plan.yaml]
        """

    /// Φ and φ of the standard normal.
    static func phi(_ x: Double) -> Double { exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
    static func Phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.squareRoot()) }

    @Test("EVPI of one plan with NPV ~ N(μ, σ) against doing nothing: σφ(μ/σ) − |μ|Φ(−|μ|/σ), within 3 SE; EVPPI of the cost equals it; a decoy input's EVPPI is 0")
    func closedForm() throws {
        let t = try TempStudy(["base.yaml": Self.baseline, "plan.yaml": Self.plan, "study.yaml": Self.study])
        defer { t.remove() }
        let r = try run(t.load("study.yaml"), trials: 8_000, seed: 11, clvSamples: 8)
        let a = Analysis(r)
        let npv = a.plans[0].npv
        let (m, _) = meanAndSE(npv)
        #expect(abs(m - 2_000) < 3 * 5_000 / 8_000.0.squareRoot(), "NPV mean \(m)")
        let voi = ValueOfInformation(run: r, plans: a.plans)
        let mu = 2_000.0, sigma = 5_000.0
        let exact = sigma * Self.phi(mu / sigma) - abs(mu) * Self.Phi(-abs(mu) / sigma)   // 1,152.2
        #expect(voi.best == "plan")
        // The sample's own μ and σ differ from the true ones by sampling error: the test allows 3 SE.
        #expect(abs(voi.evpi - exact) < 3 * voi.evpiSE, "EVPI \(voi.evpi) vs \(exact) (se \(voi.evpiSE))")
        let cost = try #require(voi.inputs.first { $0.input.hasPrefix("costs.") })
        #expect(abs(cost.evppi - voi.evpi) < 3 * voi.evpiSE, "EVPPI of the cost \(cost.evppi) vs EVPI \(voi.evpi)")
        let decoy = try #require(voi.inputs.first { $0.input.hasPrefix("segments.s.arrivals") })
        #expect(decoy.evppi < 3 * voi.evpiSE, "decoy EVPPI \(decoy.evppi)")
        print("EVPI \(voi.evpi) ± \(voi.evpiSE) (exact \(exact)); EVPPI cost \(cost.evppi), decoy \(decoy.evppi)")
    }

    @Test("Options that never cross: EVPI and every EVPPI exactly 0")
    func dominated() {
        let n = 1_000
        let x = (0..<n).map { Double($0) / Double(n) }
        let nb = [x.map { 100 + $0 }]            // always better than doing nothing
        let v = ValueOfInformation(netBenefits: nb, names: ["a"], inputs: [("x", x)])
        #expect(v.evpi == 0 && v.inputs.allSatisfy { $0.evppi == 0 })
    }

    @Test("The permutation is a fixed, complete shuffle")
    func permutation() {
        let p = ValueOfInformation.permutation(1_000, seed: 3)
        #expect(p.sorted() == Array(0..<1_000))
        #expect(p != Array(0..<1_000))
        #expect(p == ValueOfInformation.permutation(1_000, seed: 3))
    }
}

/// `--trials-out`: every trial-level figure of the results can be recomputed from the CSV.
@Suite("Per-trial export")
struct TrialsExportTests {
    /// RFC 4180 fields of one line (quotes, doubled quotes inside).
    static func fields(_ line: String) -> [String] {
        var out: [String] = [], cur = "", quoted = false, chars = Array(line), i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" { if i + 1 < chars.count && chars[i + 1] == "\"" { cur.append("\""); i += 1 } else { quoted = false } }
                else { cur.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { out.append(cur); cur = "" } else { cur.append(c) }
            i += 1
        }
        out.append(cur)
        return out
    }

    @Test("The CSV reads back to the run's own numbers: NPV mean, P(NPV > 0) and EVPI recomputed from it equal the results exactly")
    func recompute() throws {
        let study = try Loader.loadStudy(path: packageRoot + "/scenarios/retail-bank/study.yaml")
        let r = try run(study, trials: 300, seed: 5, clvSamples: 50)
        let a = Analysis(r)
        let csv = TrialsExport.csv(run: r, plans: a.plans)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 301)
        // Header fields are unique (a path written two ways gets its text appended).
        let header = Self.fields(String(lines[0]))
        #expect(Set(header).count == header.count)
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) ?? .nan } }
        #expect(rows.allSatisfy { $0.count == header.count })
        #expect(rows.map { Int($0[1]) } == Array(1...300))
        for (k, p) in a.results.plans.enumerated() {
            let col = try #require(header.firstIndex(of: "\(p.result.name): npv"))
            let npv = rows.map { $0[col] }
            #expect(npv == a.plans[k].npv)
            #expect(Statistics.mean(npv) == p.vs.npv.mean)
            #expect(Double(npv.filter { $0 > 0 }.count) / Double(npv.count) == p.vs.pNPVPositive)
        }
        // EVPI from the CSV's NPV columns alone, over the options the study's decision lets the
        // board choose (the portfolio is over the budget).
        let options = Array(try #require(a.results.valueOfInformation?.decisions).dropFirst())
        #expect(options == a.results.decision?.candidates.filter { $0.kind != "none" && $0.excluded.isEmpty }.map(\.name))
        let npvs = options.map { n in rows.map { $0[header.firstIndex(of: "\(n): npv")!] } }
        let voi = ValueOfInformation(netBenefits: npvs, names: options, inputs: [])
        #expect(voi.evpi == a.results.valueOfInformation?.evpi)
    }
}
