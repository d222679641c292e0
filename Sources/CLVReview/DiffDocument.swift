public import CLVAnalysis

/// The `clvsim-diff/1` document (docs/review.md): what changed in the assumptions, what it did
/// to the results and to the decision, and which change did what. Encoded by `JSONEncoding` in
/// declaration order.
public struct DiffDocument: Sendable, Codable {
    public var schema = DiffDocument.schemaName
    public var tool: ToolInfo
    public var study: String
    public var currency: String
    /// `terminal` or `horizon`: whether benefit and NPV include terminal value (the study's `terminal_value`).
    public var basis: String
    public var before: Side
    public var after: Side
    /// Both sides run at this seed, trial count and CLV sample count (the pairing needs it).
    public var seed: UInt64
    public var trials: Int
    public var clvSamples: Int
    public var decision: Decision
    public var assumptions: [AssumptionChange]
    public var results: ResultsDelta
    /// Absent when nothing changed that moves the numbers.
    public var attribution: Attribution?
    public var gates: [GateResult]

    public static let schemaName = "clvsim-diff/1"

    enum CodingKeys: String, CodingKey, NilOmittingKeys {
        case schema, tool, study, currency, basis, before, after, seed, trials, clvSamples = "clv_samples", decision, assumptions
        case results, attribution, gates
        static let omittedWhenNil: Set<String> = ["attribution"]
    }

    /// One side of the comparison.
    public struct Side: Sendable, Codable {
        /// `HEAD`, `origin/main`, `working tree`, or a folder.
        public var source: String
        public var commit: String?
        public var file: String
        public var inputs: [InputFileResult]
    }

    /// The decision, before and after, and what about it changed.
    public struct Decision: Sendable, Codable {
        public var changed: Bool
        /// Plan names by expected NPV, highest first.
        public var rankingBefore: [String]
        public var rankingAfter: [String]
        /// The plan with the highest expected NPV if that is positive; nil: keep the baseline. When the
        /// after side's study has a `decision:` block, the choice that decision makes (budget, P(loss)
        /// limit, `rank_by`), as its report states it.
        public var recommendedBefore: String?
        public var recommendedAfter: String?
        public var changes: [DecisionChange]
        /// Whether the recommendation is the study's `decision:` choice (not encoded: the comment's wording).
        public var byStudyDecision = false
        enum CodingKeys: String, CodingKey {
            case changed, rankingBefore = "ranking_before", rankingAfter = "ranking_after"
            case recommendedBefore = "recommended_before", recommendedAfter = "recommended_after", changes
        }
    }

    public struct DecisionChange: Sendable, Codable {
        public enum Kind: String, Sendable, Codable {
            case ranking, recommended
            case pNPVPositiveCrosses50 = "p_npv_positive_crosses_50"
            case npvSign = "npv_sign"
        }
        public var kind: Kind
        /// The plan concerned (nil for the ranking).
        public var plan: String?
        public var before: String
        public var after: String
        /// Whether the after side is clearly past the line, by more than 3 standard errors: the new
        /// leader's NPV over the old one's (paired, head to head), the NPV from 0, P(NPV > 0) from 50%.
        public var clear: Bool
    }

    /// Headline figures before → after, with paired standard errors.
    public struct ResultsDelta: Sendable, Codable {
        public var baseline: BaselineDelta
        public var plans: [PlanDelta]
    }

    public struct BaselineDelta: Sendable, Codable {
        public var name: String
        /// Horizon only, and with terminal value.
        public var customerEquity: Delta
        public var customerEquityTerminal: Delta
        enum CodingKeys: String, CodingKey {
            case name, customerEquity = "customer_equity", customerEquityTerminal = "customer_equity_terminal"
        }
    }

    public struct PlanDelta: Sendable, Codable {
        public enum Status: String, Sendable, Codable { case both, added, removed }
        /// The plan's name (after the change, for a plan on both sides).
        public var name: String
        public var status: Status
        /// Mean NPV, benefit and cost present value; BCR of means; P(NPV > 0); median payback period.
        public var npv, benefit, cost, bcr, pNPVPositive, paybackP50: Delta
        enum CodingKeys: String, CodingKey {
            case name, status, npv, benefit, cost, bcr, pNPVPositive = "p_npv_positive", paybackP50 = "payback_p50"
        }
    }

    /// One figure before → after. `se` is the Monte Carlo standard error of `delta` from the paired
    /// trials; `se_unpaired` what it would be from independent runs, √(se_before² + se_after²).
    public struct Delta: Sendable, Codable {
        public var before: Double?
        public var after: Double?
        public var delta: Double?
        public var se: Double?
        public var seUnpaired: Double?
        /// |delta| > 3 se.
        public var significant: Bool
        enum CodingKeys: String, CodingKey {
            case before, after, delta, se, seUnpaired = "se_unpaired", significant
        }
    }

    /// ΔNPV of each plan split across the changed assumptions.
    public struct Attribution: Sendable, Codable {
        public enum Method: String, Sendable, Codable { case shapley, sequential }
        public var method: Method
        /// Paired runs made (both sides included).
        public var runs: Int
        /// The changed inputs (then "other changes" when structure or settings changed), in the stated order.
        public var factors: [Factor]
        public var plans: [PlanAttribution]
    }

    public struct Factor: Sendable, Codable {
        /// An input path, or `other` for every change that is not an input's distribution.
        public var path: String
        public var label: String
    }

    public struct PlanAttribution: Sendable, Codable {
        public var plan: String
        /// Expected NPV before, after, and the difference being split.
        public var before: Double
        public var after: Double
        public var delta: Double
        /// One per factor, in `factors` order.
        public var contributions: [Double]
        /// delta − Σ contributions (rounding only, for both methods, since the steps end on the after run).
        public var residual: Double
        /// Shapley only: delta − Σ (effect of each change made alone) — what the changes do together.
        public var interaction: Double?
    }
}

/// One `--fail-if` gate and whether it tripped.
public struct GateResult: Sendable, Codable {
    public var gate: String
    public var tripped: Bool
    /// Why it tripped (or the closest it came).
    public var detail: String
}

extension DiffDocument {
    /// The document as text.
    public func rendered() -> String { (try? JSONEncoding.encode(self))?.rendered() ?? "null\n" }
    /// Whether any gate tripped (exit status 4).
    public var tripped: Bool { gates.contains(where: \.tripped) }
}
