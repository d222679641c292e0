/// The risk register grouped by category (the source report's 4.1), with the value of each response
/// (4.3) — `vs_baseline.risk_categories`.
public struct RiskCategoryResult: Sendable, Codable {
    /// technical, market, operational, compliance, another word, or nil for risks without a category.
    public var category: String?
    /// The plan's risks in this category, in file order.
    public var risks: [String]
    /// Their mitigations and transfers, in file order.
    public var responses: [RiskResponseResult]
    enum CodingKeys: String, CodingKey { case category, risks, responses }
}

/// The value of one response of one risk, from the plan simulated with and without it under common
/// random numbers (model.md 3.6): the same trials, the same draws.
public struct RiskResponseResult: Sendable, Codable {
    public var risk: String
    /// `mitigation` or `transfer`.
    public var response: String
    /// Mean present value of the response's own cost (the mitigation's cost, the transfer's premium).
    public var cost: Double
    /// Mean NPV of the plan as written (with the response) and without the response.
    public var npvWith: Double
    public var npvWithout: Double
    /// `npv_with − npv_without`: what the response is worth, net of its cost.
    public var value: Double
    /// Paired standard error of `value`: sd over trials of (NPV with − NPV without) / √n.
    public var valueSE: Double
    /// `value + cost`: the loss the response avoids (or the recovery it brings), before its cost.
    public var benefit: Double
    /// Share of trials in which the response changed the plan's outcome other than by its cost
    /// (the risk occurred, or occurred only without the mitigation).
    public var pChanged: Double
    enum CodingKeys: String, CodingKey {
        case risk, response, cost, npvWith = "npv_with", npvWithout = "npv_without", value, valueSE = "value_se"
        case benefit, pChanged = "p_changed"
    }
}
