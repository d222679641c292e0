/// Report settings of a study (model.md 2.1).
public struct ReportSettings: Sendable, Hashable {
    public var title: String?
    /// The title as written, possibly per locale.
    public var titleText: LocalizedText?
    /// `en` or `zh-Hans`.
    public var locale: String
    public init(title: String? = nil, locale: String = "en") { self.title = title; self.locale = locale }
}

/// Simulation settings; command-line flags override them.
public struct SimulationSettings: Sendable, Hashable {
    public var trials: Int
    public var seed: UInt64
    /// Individual customers sampled per segment and entry state for CLV distributions.
    public var clvSamples: Int
    public init(trials: Int = 10_000, seed: UInt64 = 1, clvSamples: Int = 20_000) {
        self.trials = trials
        self.seed = seed
        self.clvSamples = clvSamples
    }
}

/// A file that went into a study, with the SHA-256 of its bytes (model.md 4).
public struct InputFile: Sendable, Hashable {
    public var path: String
    public var sha256: String
    public init(path: String, sha256: String) { self.path = path; self.sha256 = sha256 }
}

/// What `clvsim run` takes: a baseline and the plans to weigh against it.
public struct Study: Sendable, Hashable {
    public var name: String
    public var file: String
    public var baseline: Scenario
    public var plans: [Scenario]
    public var simulation: SimulationSettings
    public var report: ReportSettings
    /// Every file read, in the order first read.
    public var inputs: [InputFile]
    /// Warnings found while loading (errors are thrown instead).
    public var warnings: [Diagnostic]
    /// `label:` and `description:` as written (docs/scenario-format.md).
    public var labelled = Labelled()
    /// `decision:` as written (nil when absent).
    public var decision: DecisionSettings?
    /// The portfolios (`portfolios:`, or every combination under `decision: {portfolios: all}`).
    /// Each is also in `plans`, composed (`Portfolio.compose`), after the plans themselves.
    public var portfolios: [PortfolioSpec] = []

    public init(name: String, file: String, baseline: Scenario, plans: [Scenario], simulation: SimulationSettings,
                report: ReportSettings, inputs: [InputFile], warnings: [Diagnostic] = []) {
        self.name = name
        self.file = file
        self.baseline = baseline
        self.plans = plans
        self.simulation = simulation
        self.report = report
        self.inputs = inputs
        self.warnings = warnings
    }

    /// The plans as listed under `plans:` (without the portfolios).
    public var listedPlans: ArraySlice<Scenario> { plans.prefix(plans.count - portfolios.count) }

    /// Baseline first, then the plans in the order listed, then the portfolios.
    public var scenarios: [Scenario] { [baseline] + plans }
}
