public import CLVEngine
public import CLVModel

/// A study compiled for the expected-value path (model.md 3.5), to evaluate each plan's expected
/// NPV at any vector of input values: `ExpectedPath` takes a full vector, so one input can be
/// moved while every other stays at its mean.
///
/// Plan NPV on the analytic path = (CE_plan − CE_baseline) − PV(cost), with CE on the baseline's
/// basis (with terminal value when the baseline has `terminal_value: clv`), costs at the vector's
/// values (overruns only when a risk's occurrence draw says it occurs — never at the means).
public struct AnalyticModel: Sendable {
    public let study: Study
    public let inputs: InputTable
    public let models: [ScenarioModel]
    /// The expected-value world: every input at its mean, no risk occurring.
    public let means: [Double]
    /// Whether benefit includes terminal value.
    public let terminalBasis: Bool
    let entries: [[[CLVEntryPoint]]]

    public init(_ study: Study) {
        self.study = study
        (inputs, models) = Engine.compile(study)
        means = inputs.means()
        terminalBasis = study.baseline.terminalValue == .clv
        entries = models.map { $0.segments.map(CLVEntryPoint.of) }
    }

    /// Plans, as model indices 1...
    public var planIndices: Range<Int> { 1..<models.count }

    /// Expected customer equity of scenario `k` at input values `x`, on the study's basis.
    public func equity(_ k: Int, _ x: [Double]) -> (ce: Double, costPV: Double) {
        let p = ExpectedPath(models[k], means: x, entries: entries[k])
        return (terminalBasis ? p.customerEquityTerminal : p.customerEquity, p.costPV)
    }

    /// Expected NPV of plan `k` (model index ≥ 1) at input values `x`; pass the baseline's equity
    /// at the same `x` when it is already known.
    public func npv(plan k: Int, _ x: [Double], baselineEquity: Double? = nil) -> Double {
        let base = baselineEquity ?? equity(0, x).ce
        let p = equity(k, x)
        return p.ce - base - p.costPV
    }

    /// Input-table entries at `path` (several when scenarios write the same path differently).
    public func entries(at path: String) -> [InputTable.Entry] { inputs.entries.filter { $0.path == path } }
}
