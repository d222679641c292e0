import Testing
@testable import CLVReview

@Suite("Diff gates")
struct DiffGateTests {
    @Test("--fail-if parses decision-change and METRIC.drop|rise > N[%], and refuses anything else")
    func parse() throws {
        #expect(try Gate(parsing: "decision-change").condition == .decisionChange)
        #expect(try Gate(parsing: "npv.drop > 10%").condition
                == .move(metric: "npv", drop: true, threshold: 0.1, relative: true, strict: true, significant: false))
        #expect(try Gate(parsing: "cost.rise>=500000 significant").condition
                == .move(metric: "cost", drop: false, threshold: 500_000, relative: false, strict: false, significant: true))
        for bad in ["npv > 10%", "roi.drop > 1", "npv.fall > 1", "npv.drop > x", "npv.drop > -1", ""] {
            #expect(throws: ReviewError.self, "\(bad)") { try Gate(parsing: bad) }
        }
    }
}
