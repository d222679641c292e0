/// The decision among doing nothing, the plans and the portfolios: risk-aware figures of every
/// candidate, the ranking under `decision:` (budget, P(loss) limit, `rank_by`), the choice and
/// the acceptability across hurdle rates. Key `decision` of the results JSON, after `labels`
/// (docs/results-json.md).
public struct DecisionResults: Sendable, Codable {
    /// The figure ranked by (`expected_npv` unless `decision.rank_by` says otherwise).
    public var rankBy: String
    public var budget: Double?
    public var maxPLoss: Double?
    public var riskAversion: Double?
    /// Do nothing, then every plan and portfolio in study order; `rank` orders those that fit.
    public var candidates: [Candidate]
    /// The best candidate that fits by `rank_by` (`do nothing` when none beats 0).
    public var choice: String
    /// The runner-up among those that fit (nil when only one fits).
    public var runnerUp: String?
    /// P(best) at each rate of the hurdle grid (absent without `decision.hurdle_rates`).
    public var acceptability: Acceptability?

    enum CodingKeys: String, CodingKey, NilOmittingKeys {
        case rankBy = "rank_by", budget, maxPLoss = "max_p_loss", riskAversion = "risk_aversion", candidates, choice
        case runnerUp = "runner_up", acceptability
        static let omittedWhenNil: Set<String> = ["budget", "max_p_loss", "risk_aversion", "runner_up", "acceptability"]
    }

    public struct Candidate: Sendable, Codable {
        public var name: String
        /// `none` (doing nothing), `plan` or `portfolio`.
        public var kind: String
        /// A portfolio's plans, in listed order.
        public var members: [String]?
        /// Mean present value of the cost (overruns included).
        public var costPV: Double
        public var risk: RiskMeasures
        /// 1 = best; nil when excluded.
        public var rank: Int?
        /// Why the candidate may not be chosen: `over_budget`, `p_loss_above_limit` (empty when it fits).
        public var excluded: [String]
        enum CodingKeys: String, CodingKey, NilOmittingKeys {
            case name, kind, members, costPV = "cost_pv", risk, rank, excluded
            static let omittedWhenNil: Set<String> = ["members", "rank"]
        }
    }

    /// P(each option has the highest NPV) as the annual discount rate runs over the grid.
    public struct Acceptability: Sendable, Codable {
        public var rates: [Double]
        /// The options compared: do nothing and every candidate that fits, in candidate order.
        public var options: [String]
        /// `[option][rate]`.
        public var pBest: [[Double]]
        /// Expected NPV of each option at each rate, `[option][rate]`.
        public var npvMean: [[Double]]
        enum CodingKeys: String, CodingKey { case rates, options, pBest = "p_best", npvMean = "npv_mean" }
    }
}
