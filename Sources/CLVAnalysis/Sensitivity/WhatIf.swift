public import CLVEngine
public import CLVModel

/// The what-if analytics of one study: the tornado on the expected-value path (mean inputs, no
/// risks), break-even on the expected NPV over the study's trials (risks included), global
/// sensitivity from a run, and how the run was made (stress tests, precision).
/// `json` is the top-level `sensitivity` object of the results (docs/results-json.md).
public struct WhatIf: Sendable {
    public let basis: PlanComparison.Basis
    public let tornado: Tornado
    public let breakEven: BreakEven
    /// Only from a run (`clvsim run`), not from `clvsim sensitivity`.
    public let global: GlobalSensitivity?
    /// Target and achieved rank correlations of the study's `correlations:` (run only).
    public let correlations: [AchievedCorrelation]
    /// First-order and total Sobol indices from a Saltelli design (`--sobol N` only).
    public var sobol: SaltelliSobol? = nil

    /// Tornado and break-even of `study` without a run: the break-even draws the inputs of
    /// `options.trials` trials at `options.seed` (no population is simulated).
    public init(study: Study, options: RunOptions) throws(EngineError) {
        let a = AnalyticModel(study)
        basis = a.terminalBasis ? .terminal : .horizon
        tornado = Tornado(a)
        breakEven = try BreakEven(study: study, options: options)
        global = nil
        correlations = []
    }

    /// Tornado of the run's study, break-even over the run's own trials, and global sensitivity
    /// from its trials.
    public init(_ analysis: Analysis) {
        let a = AnalyticModel(analysis.run.study)
        basis = a.terminalBasis ? .terminal : .horizon
        tornado = Tornado(a)
        breakEven = BreakEven(run: analysis.run)
        global = GlobalSensitivity(run: analysis.run, plans: analysis.plans)
        correlations = AchievedCorrelation.of(analysis.run)
    }
}

/// A listed correlation and the rank correlation the run's draws have (Spearman over trials).
public struct AchievedCorrelation: Sendable {
    public var first: String, second: String
    /// As listed, and as used (differs when the matrix was repaired).
    public var listed: Double, target: Double
    public var achieved: Double?

    static func of(_ run: StudyRun) -> [AchievedCorrelation] {
        guard let t = Correlations.target(run.study) else { return [] }
        let k = t.paths.count
        func column(_ path: String) -> [Double]? {
            run.inputs.entries.first { $0.path == path }.map { run.draws.column($0.slot) }
        }
        return run.study.correlations.map { c in
            let i = t.paths.firstIndex(of: c.first)!, j = t.paths.firstIndex(of: c.second)!
            var achieved: Double?
            if let a = column(c.first), let b = column(c.second) { achieved = GlobalSensitivity.spearman(a, b) }
            return AchievedCorrelation(first: c.first, second: c.second, listed: c.spearman, target: t.spearman[i * k + j], achieved: achieved)
        }
    }
}
