import CLVCommands
import Foundation
import Testing

/// A published health-economics Markov model, written plainly in the scenario language: the
/// Chancellor et al. (1997) HIV model as worked in Briggs, Claxton & Sculpher (2006), Exercise 2.5
/// (scenarios/examples/hiv-chancellor/). Four states, one windowed plan (a relative risk and a drug
/// cost for two years only), every number an expression of the source's counts and costs.
@Suite("Published models: the Chancellor HIV model")
struct PublishedModelTests {
    static let folder = CLITests.root + "/scenarios/examples/hiv-chancellor"
    /// Per person over 20 years, as printed in heemod's test_dmhee.R (which matches the book's Excel model).
    static let published = (costMono: 44_663.4535637, costComb: 50_601.6513312, lyMono: 7.9912066, lyComb: 8.9373889)
    static let cohort = 1_000.0

    /// Runs a study of the example at 400 trials; returns (baseline, plan) as (analytic CE, MC mean, MC se).
    static func run(_ study: String) throws -> [(analytic: Double, mean: Double, se: Double)] {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.path + "/results.json"
        let (console, captured) = Console.capture()
        let code = CLI.main(["run", study, "--trials", "400", "--clv-samples", "100", "--json", json, "--quiet"], console: console)
        #expect(code == 0, "\(captured.err)")
        #expect(captured.err.isEmpty, "no warnings: \(captured.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let scenarios = try #require(doc["scenarios"] as? [[String: Any]])
        return try scenarios.map { s in
            let analytic = try #require((s["analytic"] as? [String: Any])?["customer_equity"] as? Double)
            let ce = try #require(s["customer_equity"] as? [String: Any])
            return (analytic, try #require(ce["mean"] as? Double), try #require(ce["se"] as? Double))
        }
    }

    @Test("costs per person reproduce the published 44,663.45 (monotherapy) and 50,601.65 (combination) to their printed decimals; the simulation agrees within 4 se")
    func costs() throws {
        let r = try Self.run(Self.folder + "/study.yaml")
        try #require(r.count == 2)
        // Customer equity is minus the cohort's discounted cost.
        #expect(abs(-r[0].analytic / Self.cohort - Self.published.costMono) < 0.005, "\(-r[0].analytic / Self.cohort)")
        #expect(abs(-r[1].analytic / Self.cohort - Self.published.costComb) < 0.005, "\(-r[1].analytic / Self.cohort)")
        // Relative to the published values to 9 digits: the expected path is the model, exactly.
        #expect(abs(-r[0].analytic / Self.cohort / Self.published.costMono - 1) < 1e-9)
        #expect(abs(-r[1].analytic / Self.cohort / Self.published.costComb - 1) < 1e-9)
        // The Monte Carlo (binomial moves of 1,000 patients) scatters around it.
        for x in r { #expect(abs(x.mean - x.analytic) < 4 * x.se, "MC \(x.mean) ± \(x.se) vs \(x.analytic)") }
    }

    @Test("life-years per person reproduce the published 7.9912 and 8.9374, and the ICER is 6,276 per life-year gained")
    func lifeYears() throws {
        let ly = try Self.run(Self.folder + "/life-years/study.yaml")
        try #require(ly.count == 2)
        #expect(abs(ly[0].analytic / Self.cohort - Self.published.lyMono) < 0.00005, "\(ly[0].analytic / Self.cohort)")
        #expect(abs(ly[1].analytic / Self.cohort - Self.published.lyComb) < 0.00005, "\(ly[1].analytic / Self.cohort)")
        for x in ly { #expect(abs(x.mean - x.analytic) < 4 * x.se, "MC \(x.mean) ± \(x.se) vs \(x.analytic)") }
        let cost = try Self.run(Self.folder + "/study.yaml")
        let icer = (cost[0].analytic - cost[1].analytic) / (ly[1].analytic - ly[0].analytic)
        #expect(abs(icer - 6_275.95560) < 0.001, "ICER \(icer)")
    }
}
