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

extension DiffGateTests {
    static func delta(_ before: Double, _ after: Double, se: Double) -> DiffDocument.Delta {
        .init(before: before, after: after, delta: after - before, se: se, seUnpaired: nil, significant: abs(after - before) > 3 * se)
    }

    /// A document with one plan whose NPV goes from 10M to `npvAfter` (paired se `se`).
    static func document(npvAfter: Double, se: Double) -> DiffDocument {
        let d = delta(10e6, npvAfter, se: se), flat = delta(1, 1, se: 0)
        let plan = DiffDocument.PlanDelta(name: "Plan A", status: .both, npv: d, benefit: flat, cost: flat, bcr: flat,
                                          pNPVPositive: flat, paybackP50: flat)
        let side = DiffDocument.Side(source: "HEAD", commit: nil, file: "study.yaml", inputs: [])
        return DiffDocument(
            tool: .current, study: "s", currency: "CNY", basis: "terminal", before: side, after: side, seed: 1, trials: 100,
            clvSamples: 10,
            decision: .init(changed: false, rankingBefore: ["Plan A"], rankingAfter: ["Plan A"], recommendedBefore: "Plan A",
                            recommendedAfter: "Plan A", changes: []),
            assumptions: [],
            results: .init(baseline: .init(name: "b", customerEquity: flat, customerEquityTerminal: flat), plans: [plan]),
            attribution: nil, gates: [])
    }

    @Test("npv.drop > 10% trips on a 12% drop and not on an 8% one; 'significant' also needs |Δ| > 3 se; >= includes the threshold")
    func evaluate() throws {
        let gate = try Gate(parsing: "npv.drop > 10%"), significant = try Gate(parsing: "npv.drop > 10% significant")
        #expect(gate.evaluate(Self.document(npvAfter: 8.8e6, se: 1e5)).tripped)
        #expect(!gate.evaluate(Self.document(npvAfter: 9.2e6, se: 1e5)).tripped)
        #expect(!gate.evaluate(Self.document(npvAfter: 11e6, se: 1e5)).tripped)
        #expect(significant.evaluate(Self.document(npvAfter: 8.8e6, se: 1e5)).tripped)
        #expect(!significant.evaluate(Self.document(npvAfter: 8.8e6, se: 5e5)).tripped)
        #expect(try Gate(parsing: "npv.drop >= 1000000").evaluate(Self.document(npvAfter: 9e6, se: 1)).tripped)
        #expect(!(try Gate(parsing: "npv.drop > 1000000").evaluate(Self.document(npvAfter: 9e6, se: 1)).tripped))
        #expect(try Gate(parsing: "npv.rise > 5%").evaluate(Self.document(npvAfter: 11e6, se: 1)).tripped)
        #expect(!(try Gate(parsing: "decision-change").evaluate(Self.document(npvAfter: 1e6, se: 1)).tripped))
    }
}
