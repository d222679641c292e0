/// What the board pack's first pages show beyond the headline metrics: the downside, IRR, the
/// cost schedule and funding need, NPV at other discount rates, the horizon/terminal bridge, how
/// much each risk moves NPV, and the recommendation's inputs. Key `board` of the results JSON,
/// after `assumptions` (docs/results-json.md).
public struct BoardResults: Sendable, Codable {
    /// One entry per plan, in study order.
    public var plans: [BoardPlan]
    public var recommendation: Recommendation
}

/// One plan's board figures. Every amount is in the study's currency; NPVs on the study's basis.
public struct BoardPlan: Sendable, Codable {
    public var plan: String
    public var downside: Downside
    public var irr: IRRResult
    public var funding: Funding
    /// Expected NPV at the study's rate − 2 points, the rate itself, + 2 points.
    public var discountRates: [RatePoint]
    public var bridge: Bridge
    /// Each risk's share of the variance of NPV, in the plan's risk order.
    public var riskShares: [RiskShare]

    enum CodingKeys: String, CodingKey {
        case plan, downside, irr, funding, discountRates = "discount_rates", bridge, riskShares = "risk_shares"
    }
}

/// The lower tail of NPV over trials.
public struct Downside: Sendable, Codable {
    /// 10th percentile (type 7).
    public var p10: Double?
    /// P(NPV < 0).
    public var pLoss: Double
    /// E[NPV | NPV < 0] (negative; nil when no trial loses money).
    public var meanLossGivenLoss: Double?
    /// Conditional value at risk at 5%: the mean NPV of the worst 5% of trials.
    public var cvar5: Double?
    enum CodingKeys: String, CodingKey {
        case p10, pLoss = "p_loss", meanLossGivenLoss = "mean_npv_given_loss", cvar5 = "cvar5"
    }
}

/// Internal rate of return per trial of the flows ΔCF_t − cost_t, t = 0...T, plus (on the
/// terminal basis) the terminal value's difference as a lump at T; annualised.
public struct IRRResult: Sendable, Codable {
    /// Median over the trials where an IRR exists (nil when fewer than half do).
    public var median: Double?
    public var p10: Double?
    public var p90: Double?
    /// Share of trials whose flows change sign so that an IRR in (−95%, +1000%) a period exists.
    public var shareExists: Double
    enum CodingKeys: String, CodingKey { case median, p10, p90, shareExists = "share_exists" }
}

/// Cost by category and period (means over trials, undiscounted, overruns included) and the
/// funding the plan needs before its own extra cash flow covers it.
public struct Funding: Sendable, Codable {
    public var categories: [String]
    /// `[category][t]`, t = 0...T.
    public var costByPeriod: [[Double]]
    /// Mean total cost over the horizon (undiscounted).
    public var totalCost: Double
    /// Per trial, max over t of −Σ_{u≤t} (ΔCF_u − cost_u), at least 0 (undiscounted): its mean and P90.
    public var peakFundingMean: Double
    public var peakFundingP90: Double
    /// The period at which the mean cumulative net cash flow is lowest.
    public var peakPeriod: Int
    enum CodingKeys: String, CodingKey {
        case categories, costByPeriod = "cost_by_period", totalCost = "total_cost"
        case peakFundingMean = "peak_funding_mean", peakFundingP90 = "peak_funding_p90", peakPeriod = "peak_period"
    }
}

/// Expected NPV at one annual discount rate, recomputed from the stored cash flows (and the
/// terminal value stored at that rate).
public struct RatePoint: Sendable, Codable {
    public var rate: Double
    public var npvMean: Double
    public var npvHorizonMean: Double
    enum CodingKeys: String, CodingKey { case rate, npvMean = "npv_mean", npvHorizonMean = "npv_horizon_mean" }
}

/// Expected NPV as a sum (means): benefit within the horizon − cost = NPV within the horizon;
/// + terminal value = NPV.
public struct Bridge: Sendable, Codable {
    public var benefitHorizon: Double
    public var cost: Double
    public var npvHorizon: Double
    public var terminal: Double
    public var npv: Double
    enum CodingKeys: String, CodingKey {
        case benefitHorizon = "benefit_horizon", cost, npvHorizon = "npv_horizon", terminal, npv
    }
}

/// How much of NPV's variance one risk's occurring explains: R² of NPV on its 0/1 indicator.
public struct RiskShare: Sendable, Codable {
    public var name: String
    public var varianceShare: Double
    /// P(occurs) × (mean NPV if it occurs − if not): what the risk costs in expectation.
    public var expectedImpact: Double?
    enum CodingKeys: String, CodingKey { case name, varianceShare = "variance_share", expectedImpact = "expected_impact" }
}

/// The inputs of the pack's recommendation sentence.
public struct Recommendation: Sendable, Codable {
    /// `best_expected_npv` (the plan with the highest expected NPV, which is positive) or
    /// `no_plan_positive` (no plan has a positive expected NPV).
    public var rule: String
    /// The recommended plan, nil under `no_plan_positive`.
    public var plan: String?
    /// The plan ranked second by expected NPV (nil with one plan).
    public var runnerUp: String?
    /// Share of trials where the recommended plan's NPV exceeds the runner-up's.
    public var pBeatsRunnerUp: Double?
    /// The recommended (else best) plan's risk with the largest variance share.
    public var biggestRisk: String?
    enum CodingKeys: String, CodingKey {
        case rule, plan, runnerUp = "runner_up", pBeatsRunnerUp = "p_beats_runner_up", biggestRisk = "biggest_risk"
    }
}
