import Foundation
import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// The engine side of `parameters:` (docs/model.md, "Parameters"): one draw per trial, shared by
/// every number that names it, numbers computed after the draws and the correlations.
@Suite("Parameters in the engine")
struct ParameterEngineTests {
    static let base = """
    schema: clvsim/1
    name: Base
    period: quarter
    horizon: 6
    discount_rate: 0.08
    parameters:
      market: "normal(1, 0.1)"
    states:
      active: {stage: retention}
      gone: {stage: churn}
    segments:
      a:
        initial: {active: 1000}
        transitions: {active: {gone: "rate_to_prob(0.05 * market)"}}
        value: {active: {revenue: "100 * market", cost: "5 * market + 3"}}
      b:
        initial: {active: 400}
        arrivals: {active: "uniform(10 * market, 10 * market + 1)"}
        transitions: {active: {gone: 0.05}}
        value: {active: {revenue: "lognormal(200, 20)", cost: 20}}
    correlations:
      - between: [parameters.market, segments.b.value.active.revenue]
        spearman: 0.6
    """
    static let plan = """
    schema: clvsim/1
    name: Plan
    extends: base.yaml
    parameters:
      market: "normal(1.2, 0.1)"
    effects:
      - {target: value.active.revenue, relative: 0.1}
    """
    static let study = """
    schema: clvsim/1
    study: S
    baseline: base.yaml
    plans: [plan.yaml]
    """

    static func slot(_ r: StudyRun, _ path: String, _ k: Int = 0) -> Int {
        r.inputs.entries.filter { $0.path == path }[k].slot
    }

    static func ranks(_ x: [Double]) -> [Int] {
        let order = x.indices.sorted { (x[$0], $0) < (x[$1], $1) }
        var r = [Int](repeating: 0, count: x.count)
        for (k, i) in order.enumerated() { r[i] = k }
        return r
    }

    @Test("a shared parameter gives rank correlation exactly 1 between the inputs that use it, after correlations")
    func sharedDraw() throws {
        let r = try run(["base.yaml": Self.base, "plan.yaml": Self.plan, "study.yaml": Self.study], "study.yaml", trials: 1000)
        let market = r.draws.column(Self.slot(r, "parameters.market"))
        let revenue = r.draws.column(Self.slot(r, "segments.a.value.active.revenue"))
        let cost = r.draws.column(Self.slot(r, "segments.a.value.active.cost"))
        let churn = r.draws.column(Self.slot(r, "segments.a.transitions.active.gone"))
        #expect(Self.ranks(revenue) == Self.ranks(cost))
        #expect(Self.ranks(revenue) == Self.ranks(market))
        #expect(Self.ranks(churn) == Self.ranks(market))
        #expect(GlobalSensitivity.spearman(revenue, cost) == 1)
        // Each is exactly its expression at the trial's (correlated) draw of the parameter.
        for t in 0..<1000 {
            #expect(revenue[t] == 100 * market[t])
            #expect(cost[t] == 5 * market[t] + 3)
            #expect(churn[t] == -expm1(-0.05 * market[t]))
        }
        // The correlation was imposed on the parameter (2000 trials: sd of Spearman's ρ ≈ (1 − ρ²)/√n = 0.020; 4 sd).
        let other = r.draws.column(Self.slot(r, "segments.b.value.active.revenue"))
        let rho = try #require(GlobalSensitivity.spearman(market, other))
        #expect(abs(rho - 0.6) < 0.09)
    }

    @Test("a distribution whose arguments use a parameter draws from its own stream with the trial's arguments")
    func arguments() throws {
        let r = try run(["base.yaml": Self.base], "base.yaml", trials: 500)
        let market = r.draws.column(Self.slot(r, "parameters.market"))
        let arrivals = r.draws.column(Self.slot(r, "segments.b.arrivals.active"))
        var offsets: [Double] = []
        for t in 0..<500 {
            #expect(arrivals[t] >= 10 * market[t] && arrivals[t] <= 10 * market[t] + 1)
            offsets.append(arrivals[t] - 10 * market[t])
        }
        // Its own uniform: the offset is uniform(0, 1), mean 0.5 ± 4 × 0.2887/√500.
        let (m, _) = meanAndSE(offsets)
        #expect(abs(m - 0.5) < 4 * 0.2887 / 500.0.squareRoot())
    }

    @Test("a plan's parameter override draws from the parameter's stream: the same standard normal in every trial")
    func override() throws {
        let r = try run(["base.yaml": Self.base, "plan.yaml": Self.plan, "study.yaml": Self.study], "study.yaml", trials: 400)
        let entries = r.inputs.entries.filter { $0.path == "parameters.market" }
        #expect(entries.count == 2)
        // Both are rearranged by the same ranks when correlated, so the shift survives.
        let b0 = r.draws.column(entries[0].slot), p0 = r.draws.column(entries[1].slot)
        for t in 0..<400 { #expect(abs(p0[t] - b0[t] - 0.2) < 1e-12) }
        // The plan's numbers use the plan's parameter.
        let revenue = r.inputs.entries.filter { $0.path == "segments.a.value.active.revenue" }
        #expect(revenue.count == 2)
        let rp = r.draws.column(revenue[1].slot)
        for t in 0..<400 { #expect(rp[t] == 100 * p0[t]) }
    }

    @Test("the expected-value path evaluates expressions at the parameters' means")
    func expectedPath() throws {
        let atMeans = Self.base
            .replacingOccurrences(of: "\"rate_to_prob(0.05 * market)\"", with: "\(-expm1(-0.05))")
            .replacingOccurrences(of: "\"100 * market\"", with: "100")
            .replacingOccurrences(of: "\"5 * market + 3\"", with: "8")
            .replacingOccurrences(of: "\"uniform(10 * market, 10 * market + 1)\"", with: "\"uniform(10, 11)\"")
        let a = try run(["base.yaml": Self.base], "base.yaml", trials: 10)
        let b = try run(["base.yaml": atMeans], "base.yaml", trials: 10)
        let x = a.expected[0].customerEquityTerminal, y = b.expected[0].customerEquityTerminal
        #expect(abs(x - y) <= 1e-9 * abs(y))
        #expect(abs(a.expected[0].customerEquity - b.expected[0].customerEquity) <= 1e-9 * abs(b.expected[0].customerEquity))
    }

    @Test("parameters are inputs of the results; numbers computed from them are not")
    func listed() throws {
        let r = try run(["base.yaml": Self.base], "base.yaml", trials: 50)
        let columns = InputColumns.of(r).map(\.name)
        #expect(columns.contains("parameters.market"))
        #expect(columns.contains("segments.b.arrivals.active"))
        #expect(!columns.contains("segments.a.value.active.revenue"))
        #expect(r.inputs.entries.first?.path == "parameters.market")
    }
}
