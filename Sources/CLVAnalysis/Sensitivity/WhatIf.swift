import CLVEngine
public import CLVModel

/// The what-if analytics of one study: tornado and break-even on the expected-value path,
/// global sensitivity from a run, and how the run was made (stress tests, precision).
/// `json` is the top-level `sensitivity` object of the results (docs/results-json.md).
public struct WhatIf: Sendable {
    public let basis: PlanComparison.Basis
    public let tornado: Tornado
    public let breakEven: BreakEven
    /// Only from a run (`clvsim run`), not from `clvsim sensitivity`.
    public let global: GlobalSensitivity?

    /// Tornado and break-even of `study` (instant: no Monte Carlo).
    public init(study: Study) {
        let a = AnalyticModel(study)
        basis = a.terminalBasis ? .terminal : .horizon
        tornado = Tornado(a)
        breakEven = BreakEven(a)
        global = nil
    }

    /// Tornado and break-even of the run's study, and global sensitivity from its trials.
    public init(_ analysis: Analysis) {
        let a = AnalyticModel(analysis.run.study)
        basis = a.terminalBasis ? .terminal : .horizon
        tornado = Tornado(a)
        breakEven = BreakEven(a)
        global = GlobalSensitivity(run: analysis.run, plans: analysis.plans)
    }
}

extension Results {
    /// The results document with the what-if objects appended after `scenarios` (model.md 6 keys
    /// unchanged): `sensitivity`, then `stress` when inputs were stressed and `precision` when the
    /// run stopped at a precision.
    public func json(whatIf: WhatIf?, stress: [Stress.Applied] = [], precision: PrecisionRun? = nil) -> JSON {
        guard case .object(var o) = json else { return json }
        if let whatIf { o.append(("sensitivity", whatIf.json)) }
        if !stress.isEmpty { o.append(("stress", .array(stress.map(\.json)))) }
        if let precision { o.append(("precision", precision.json)) }
        return .object(o)
    }
}
