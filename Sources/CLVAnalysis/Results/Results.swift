public import CLVModel

/// The one analysis result of a study: every number any output shows. The summary table, the
/// results JSON, report.md and report.html are renderings of this value and nothing else.
///
/// Encoded by `JSONEncoding` in declaration order: first the keys of model.md 6
/// (`clvsim-results/1`), then the what-if objects, then the keys the board pack needs
/// (docs/results-json.md). `clvsim report RESULTS.json` decodes it and renders the same pack.
public struct Results: Sendable, Codable {
    public var schema = Results.schemaName
    public var tool: ToolInfo
    public var study: String
    public var seed: UInt64
    public var trials: Int
    /// `"summary"` after `clvsim run --analysis summary` (`AnalysisDepth`); nil (absent) after the
    /// full analysis, so that full results keep their bytes.
    public var analysis: String? = nil
    public var inputs: [InputFileResult]
    /// Baseline first, then the plans in study order.
    public var scenarios: [ScenarioResult]
    /// Tornado, break-even, global sensitivity, Sobol indices and correlations.
    public var sensitivity: SensitivityResult?
    /// Inputs fixed by `--stress` (absent when none).
    public var stress: [StressResult]?
    /// How a `--precision` run stopped (absent otherwise).
    public var precision: PrecisionResult?
    /// The study's settings as the report states them.
    public var settings: StudySettings
    /// Every pair of plans, trial by trial.
    public var headToHead: [HeadToHead]
    /// The inputs as written, with the spread of their draws; plan effects and ramps.
    public var assumptions: Assumptions
    /// EVPI and each input's EVPPI over "do nothing" and the plans (absent without plans).
    public var valueOfInformation: ValueOfInformation?
    /// Downside, IRR, funding, discount-rate sensitivity, bridge, risk shares, recommendation.
    public var board: BoardResults?
    /// Human names of the study, plans, segments, states, cost categories, risks and inputs.
    public var labels: Labels?
    /// Risk-aware ranking of doing nothing, the plans and the portfolios; the choice (absent without plans).
    public var decision: DecisionResults?

    public static let schemaName = "clvsim-results/1"

    enum CodingKeys: String, CodingKey, NilOmittingKeys {
        case schema, tool, study, seed, trials, analysis, inputs, scenarios, sensitivity, stress, precision, settings
        case headToHead = "head_to_head", assumptions, valueOfInformation = "value_of_information", board, labels
        case decision
        static let omittedWhenNil: Set<String> = ["analysis", "sensitivity", "stress", "precision", "value_of_information", "board",
                                                  "labels", "decision"]
    }

    /// The baseline's result.
    public var baseline: ScenarioResult { scenarios[0] }
    /// Plans with their comparison against the baseline, in study order (index into `scenarios`).
    public var plans: [(index: Int, result: ScenarioResult, vs: PlanComparison)] {
        scenarios.indices.compactMap { k in scenarios[k].vsBaseline.map { (k, scenarios[k], $0) } }
    }
}

public struct ToolInfo: Sendable, Codable, Hashable {
    public var name: String
    public var version: String
    public static var current: ToolInfo { ToolInfo(name: Tool.name, version: Tool.version) }
}

public struct InputFileResult: Sendable, Codable, Hashable {
    public var file: String
    public var sha256: String
}

/// The study's settings, as the report states them.
public struct StudySettings: Sendable, Codable, Hashable {
    /// The report's title (`report.title`, else the study's name).
    public var title: String
    /// The study's `report.locale`; `--locale` may render another.
    public var locale: String
    public var currency: String
    /// `month`, `quarter` or `year`.
    public var period: String
    public var horizon: Int
    /// Annual rate.
    public var discountRate: Double
    /// `none` or `clv`.
    public var terminalValue: String
    public var clvSamples: Int
    /// Segment names of the baseline, in file order.
    public var segments: [String]
    /// The last commit of the scenario folder, when it is in a git repository.
    public var gitCommit: String?

    enum CodingKeys: String, CodingKey {
        case title, locale, currency, period, horizon, discountRate = "discount_rate", terminalValue = "terminal_value"
        case clvSamples = "clv_samples", segments, gitCommit = "git_commit"
    }
}

public struct ScenarioResult: Sendable, Codable {
    public enum Role: String, Sendable, Codable { case baseline, plan }
    public var name: String
    public var role: Role
    /// Horizon only, and with terminal value.
    public var customerEquity: Summary
    public var customerEquityTerminal: Summary
    /// The expected-value path (model.md 3.5): every input at its mean, no risks.
    public var analytic: AnalyticValues
    public var rowOverflows: Int
    public var segments: [SegmentResult]
    public var series: Series
    /// Plans only.
    public var vsBaseline: PlanComparison?
    /// Quantiles of customers and mean customers by stage, t = 0...T (the charts).
    public var paths: Paths
    /// The Monte Carlo against the exact expectation at each trial's own inputs (nil, absent, after
    /// a summary analysis).
    public var check: ExpectationCheck?
    /// A portfolio's plans, in listed order (absent for a plain plan).
    public var portfolio: [String]?

    enum CodingKeys: String, CodingKey, NilOmittingKeys {
        case name, role, customerEquity = "customer_equity", customerEquityTerminal = "customer_equity_terminal"
        case analytic, rowOverflows = "row_overflows", segments, series, vsBaseline = "vs_baseline", paths, check, portfolio
        static let omittedWhenNil: Set<String> = ["vs_baseline", "check", "portfolio"]
    }
}

/// `analytic` of a scenario: the value at mean inputs without risks (a reference, not a check).
public struct AnalyticValues: Sendable, Codable {
    public var customerEquity: Double
    public var customerEquityTerminal: Double
    enum CodingKeys: String, CodingKey {
        case customerEquity = "customer_equity", customerEquityTerminal = "customer_equity_terminal"
    }
}

public struct SegmentResult: Sendable, Codable {
    public var name: String
    /// Horizon only, like the scenario's `customer_equity`.
    public var customerEquity: Summary
    public var clv: [CLVResult]
    enum CodingKeys: String, CodingKey { case name, customerEquity = "customer_equity", clv }
}

/// The distribution of one customer's lifetime value from an entry state (model.md 3.3).
public struct CLVResult: Sendable, Codable {
    public var entryState: String
    public var mean, se, p5, p50, p95: Double
    /// Share of total value from the top 10% / 20% of customers; nil when the total is not positive.
    public var top10Share, top20Share: Double?
    public var pNegative: Double
    /// Pfeifer–Carraway closed form at expected parameters (plans at full effect).
    public var analytic: Double
    /// Whether customers entering here pay the acquisition cost (arrivals do; initial customers do not).
    public var paysAcquisition: Bool
    /// Type-7 quantiles of the sample at p = 0, 0.001, …, 1 (the chart's distribution).
    public var quantiles: [Double]

    enum CodingKeys: String, CodingKey {
        case entryState = "entry_state", mean, se, p5, p50, p95, top10Share = "top10_share", top20Share = "top20_share"
        case pNegative = "p_negative", analytic, paysAcquisition = "pays_acquisition", quantiles
    }
}

/// Per-period series, periods 1...T.
public struct Series: Sendable, Codable {
    public struct Band: Sendable, Codable { public var mean, p5, p50, p95: [Double] }
    public var period: [Int]
    public var customers: Band
    public var cashFlow: Band
    /// Mean customers per stage (acquisition, retention, expansion, churn).
    public var byStage: StageMeans
    enum CodingKeys: String, CodingKey { case period, customers, cashFlow = "cash_flow", byStage = "by_stage" }
}

/// Mean customers per lifecycle stage, in stage order: `{"acquisition": {"mean": […]}, …}`.
public struct StageMeans: Sendable, Codable {
    public var stages: [(stage: Stage, mean: [Double])]
    public init(_ stages: [(stage: Stage, mean: [Double])]) { self.stages = stages }
    public subscript(_ s: Stage) -> [Double]? { stages.first { $0.stage == s }?.mean }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    struct Mean: Codable { var mean: [Double] }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for s in stages { try c.encode(Mean(mean: s.mean), forKey: Key(s.stage.rawValue)) }
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        stages = try c.allKeys.compactMap { k in
            guard let st = Stage(rawValue: k.stringValue) else { return nil }
            return (st, try c.decode(Mean.self, forKey: k).mean)
        }
    }
}

/// What the charts draw over t = 0...T.
public struct Paths: Sendable, Codable {
    /// Customers in non-churn states: P5, P25, P50, P75, P95 over trials.
    public var customers: Quantiles5
    /// Mean customers per stage, t = 0...T.
    public var byStage: StageMeans
    enum CodingKeys: String, CodingKey { case customers, byStage = "by_stage" }
}

public struct Quantiles5: Sendable, Codable {
    public var p5, p25, p50, p75, p95: [Double]
}

/// The Monte Carlo mean of customer equity against the exact expectation of the same trials:
/// in each trial the expected-value path at that trial's own drawn inputs (risks as drawn) is
/// E[CE | inputs]; the trial's CE minus it has mean 0, whatever the inputs' spread, so
/// z = mean(difference) / se(difference) measures simulation error alone (|z| > 4 is a defect).
public struct ExpectationCheck: Sendable, Codable {
    /// Trials checked (the first `trials` of the run).
    public var trials: Int
    public var horizon: Row
    public var terminal: Row
    public struct Row: Sendable, Codable {
        /// Mean over the checked trials of the exact conditional expectation.
        public var expected: Double
        /// Mean of the simulated values over the same trials.
        public var monteCarlo: Double
        /// Standard error of the mean difference.
        public var se: Double
        public var z: Double?
        enum CodingKeys: String, CodingKey { case expected, monteCarlo = "monte_carlo", se, z }
    }
}

/// A plan against the baseline (model.md 3.2).
public struct PlanComparison: Sendable, Codable {
    public enum Basis: String, Sendable, Codable { case horizon, terminal }
    public var basis: Basis
    public var benefit, cost, npv, roi, bcr: Summary
    /// E[B] / E[C], the headline benefit-cost ratio.
    public var bcrOfMeans: Double?
    public var pNPVPositive: Double
    /// Median payback period and the share of trials that pay back within the horizon.
    public var paybackPeriod: Payback
    public var paybackP50: Double? { paybackPeriod.p50 }
    public var paybackWithinHorizon: Double { paybackPeriod.pWithinHorizon }
    /// NPV counting only cash flows within the horizon (benefit without terminal value).
    public var npvHorizon: Summary
    /// Mean of the terminal-value part of NPV (`npv` − `npv_horizon`; 0 on the horizon basis).
    public var terminalPart: Double
    /// E[NPV] / E[C]: the headline ROI (ratio of means, = BCR − 1). `roi` summarises per-trial ratios.
    public var roiOfMeans: Double?
    /// Standard errors: of the BCR of means (delta method) and of P(NPV > 0).
    public var bcrOfMeansSE: Double?
    public var pNPVPositiveSE: Double
    /// Type-7 quantiles of NPV at p = 0, 0.001, …, 1.
    public var npvQuantiles: [Double]
    /// Mean cumulative discounted ΔCF − cost, t = 0...T (the payback chart; horizon cash flows only).
    public var cumulativeMean: [Double]
    /// Mean cost per period (undiscounted, overruns included), t = 0...T.
    public var costByPeriod: [Double]
    /// Mean present value of cost per category, in the order categories first appear.
    public var costByCategory: [CategoryCost]
    /// Each risk: how often it occurred and the plan's mean NPV with and without it.
    public var risks: [RiskResult]
    /// P(NPV > 0) counts only finite NPVs; this many trials had none.
    public var nonFiniteTrials: Int
    /// The risks by category, with the value of each mitigation and transfer; nil (absent) when no
    /// risk has a category or a response.
    public var riskCategories: [RiskCategoryResult]? = nil

    enum CodingKeys: String, CodingKey, NilOmittingKeys {
        case basis, benefit, cost, npv, roi, bcr, bcrOfMeans = "bcr_of_means", pNPVPositive = "p_npv_positive"
        case paybackPeriod = "payback_period"
        case npvHorizon = "npv_horizon", terminalPart = "terminal_part_mean", roiOfMeans = "roi_of_means"
        case bcrOfMeansSE = "bcr_of_means_se", pNPVPositiveSE = "p_npv_positive_se", npvQuantiles = "npv_quantiles"
        case cumulativeMean = "cumulative_mean", costByPeriod = "cost_by_period", costByCategory = "cost_by_category"
        case risks, nonFiniteTrials = "non_finite_trials", riskCategories = "risk_categories"
        static let omittedWhenNil: Set<String> = ["risk_categories"]
    }
    public struct Payback: Sendable, Codable {
        public var p50: Double?
        public var pWithinHorizon: Double
        enum CodingKeys: String, CodingKey { case p50, pWithinHorizon = "p_within_horizon" }
    }
}

public struct CategoryCost: Sendable, Codable {
    public var category: String
    public var pvMean: Double
    enum CodingKeys: String, CodingKey { case category, pvMean = "pv_mean" }
}

/// One risk of one plan, from the trials.
public struct RiskResult: Sendable, Codable {
    public var name: String
    /// The probability as written (a number or a distribution).
    public var probability: String
    /// Share of trials in which it occurred.
    public var occurred: Double
    /// Mean NPV over the trials where it occurred / did not (nil when there were none).
    public var npvIfOccurs: Double?
    public var npvIfNot: Double?
    /// `npv_if_occurs − npv_if_not`.
    public var impact: Double?
    /// technical, market, operational, compliance or another word; nil (absent) when not given.
    public var category: String? = nil
    enum CodingKeys: String, CodingKey, NilOmittingKeys {
        case name, probability, occurred, npvIfOccurs = "npv_if_occurs", npvIfNot = "npv_if_not", impact, category
        static let omittedWhenNil: Set<String> = ["category"]
    }
}

/// Plan against plan, trial by trial (common random numbers).
public struct HeadToHead: Sendable, Codable {
    public var plan: String
    public var against: String
    /// Share of trials in which `plan`'s NPV exceeds `against`'s.
    public var pBeats: Double
    /// Mean of the per-trial NPV difference, and its standard error.
    public var meanDifference: Double
    public var se: Double
    enum CodingKeys: String, CodingKey { case plan, against, pBeats = "p_beats", meanDifference = "mean_difference", se }
}

/// The appendix: inputs as written with the spread of their draws; plan effects and ramps.
public struct Assumptions: Sendable, Codable {
    public struct Input: Sendable, Codable {
        public var path: String
        public var distribution: String
        public var constant: Bool
        /// Per component (one for a scalar, one per destination for a Dirichlet row).
        public var p5: [Double]
        public var p95: [Double]
        /// Scenario names using the input; empty when every scenario does.
        public var usedBy: [String]
        enum CodingKeys: String, CodingKey { case path, distribution, constant, p5, p95, usedBy = "used_by" }
    }
    public struct Effect: Sendable, Codable {
        public var plan: String
        public var target: String
        public var segments: [String]?
        public var change: String
        public var amount: String
    }
    public struct Ramp: Sendable, Codable {
        public var plan: String
        /// nil when effects are full from the start.
        public var from: Double?
        public var to: Double?
        /// The last period at full effect and the periods of the fade after it; left out when the
        /// plan's ramp never ends.
        public var until: Double? = nil
        public var fade: Double? = nil
        /// The effects with a window of their own (`ramp:` on the effect); left out when none has.
        public var effects: [EffectRamp]? = nil
        enum CodingKeys: String, CodingKey, NilOmittingKeys {
            case plan, from, to, until, fade, effects
            static var omittedWhenNil: Set<String> { ["until", "fade", "effects"] }
        }
    }
    /// An effect's own window: the effect (its target and segments as written, and its index among
    /// the plan's effects) and its `from`, `to`, `until` and `fade` (the last two left out when it never ends).
    public struct EffectRamp: Sendable, Codable {
        public var effect: Int
        public var target: String
        public var segments: [String]?
        public var from: Double
        public var to: Double
        public var until: Double? = nil
        public var fade: Double? = nil
        enum CodingKeys: String, CodingKey, NilOmittingKeys {
            case effect, target, segments, from, to, until, fade
            static var omittedWhenNil: Set<String> { ["until", "fade"] }
        }
    }
    public var inputs: [Input]
    public var effects: [Effect]
    public var ramps: [Ramp]
}

extension Results {
    /// The results document as text: `JSONEncoding`, rendered deterministically.
    public func rendered() -> String {
        // Encoding plain value types into `JSON` cannot fail (no encoder-specific errors are thrown).
        (try? JSONEncoding.encode(self))?.rendered() ?? "null\n"
    }

    /// Reads a results document back (`clvsim report`): the schema is checked first.
    public static func decode(_ text: String) throws(JSONReadError) -> Results {
        let json = try JSON.parse(text)
        if case .object(let o) = json, let schema = o.first(where: { $0.0 == "schema" })?.1 {
            guard case .string(let name) = schema, name == schemaName else {
                throw JSONReadError(message: "schema is \(schema.rendered().dropLast()), expected \"\(schemaName)\"", path: "")
            }
        }
        return try JSONDecoding.decode(Results.self, from: json)
    }
}
