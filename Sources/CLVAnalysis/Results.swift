public import CLVModel

/// The results of a run, field for field the results JSON of model.md 6 (`clvsim-results/1`).
public struct Results: Sendable {
    public var study: String
    public var seed: UInt64
    public var trials: Int
    public var inputs: [InputFile]
    public var scenarios: [ScenarioResult]
}

public struct ScenarioResult: Sendable {
    public enum Role: String, Sendable { case baseline, plan }
    public var name: String
    public var role: Role
    /// Horizon only, and with terminal value.
    public var customerEquity: Summary
    public var customerEquityTerminal: Summary
    /// The expected-value path (model.md 3.5).
    public var analyticCustomerEquity: Double
    public var analyticCustomerEquityTerminal: Double
    public var rowOverflows: Int
    public var segments: [SegmentResult]
    public var series: Series
    /// Plans only.
    public var vsBaseline: PlanComparison?
}

public struct SegmentResult: Sendable {
    public var name: String
    /// Horizon only, like the scenario's `customer_equity`.
    public var customerEquity: Summary
    public var clv: [CLVResult]
}

/// The distribution of one customer's lifetime value from an entry state (model.md 3.3).
public struct CLVResult: Sendable {
    public var entryState: String
    public var mean, se, p5, p50, p95: Double
    /// Share of total value from the top 10% / 20% of customers; nil when the total is not positive.
    public var top10Share, top20Share: Double?
    public var pNegative: Double
    /// Pfeifer–Carraway closed form at expected parameters (plans at full effect).
    public var analytic: Double
}

/// Per-period series, periods 1...T.
public struct Series: Sendable {
    public struct Band: Sendable { public var mean, p5, p50, p95: [Double] }
    public var period: [Int]
    public var customers: Band
    public var cashFlow: Band
    /// Mean customers per stage (acquisition, retention, expansion, churn).
    public var byStage: [(stage: Stage, mean: [Double])]
}

/// A plan against the baseline (model.md 3.2).
public struct PlanComparison: Sendable {
    public enum Basis: String, Sendable { case horizon, terminal }
    public var basis: Basis
    public var benefit, cost, npv, roi, bcr: Summary
    public var bcrOfMeans: Double?
    public var pNPVPositive: Double
    public var paybackP50: Double?
    public var paybackWithinHorizon: Double
}
