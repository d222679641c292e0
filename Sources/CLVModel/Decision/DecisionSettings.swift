/// A study's `decision:` block (docs/scenario-format.md): which candidates may be chosen and how
/// they are ranked. Candidates are "do nothing", every plan and every portfolio.
public struct DecisionSettings: Sendable, Hashable {
    /// What the ranking follows. Every measure is "higher is better"; doing nothing scores 0 on each.
    public enum RankBy: String, Sendable, Hashable, CaseIterable {
        case expectedNPV = "expected_npv"
        case p10, p5, cvar5
        case certaintyEquivalent = "certainty_equivalent"
    }
    /// The most a candidate's expected cost PV may be (nil: no limit).
    public var budget: Double?
    /// The largest P(NPV < 0) a candidate may have (nil: no limit).
    public var maxPLoss: Double?
    public var rankBy: RankBy = .expectedNPV
    /// a > 0 of the exponential utility u(x) = −e^(−a·x) (nil: no certainty equivalent).
    public var riskAversion: Double?
    /// Annual discount rates [lo, hi] of the acceptability curve (nil: none).
    public var hurdleRates: [Double]?
    /// Points of the hurdle grid: lo, lo + (hi − lo)/12, …, hi.
    public static let hurdlePoints = 13
    /// The annual rates the acceptability curve is computed at (empty without `hurdle_rates`).
    public var hurdleGrid: [Double] {
        guard let h = hurdleRates, h.count == 2 else { return [] }
        let n = Self.hurdlePoints - 1
        return (0...n).map { h[0] + (h[1] - h[0]) * Double($0) / Double(n) }
    }
    /// `portfolios: all`: every combination of two or more plans is a portfolio.
    public var allPortfolios = false
    public var location: SourceLocation
    public init(location: SourceLocation) { self.location = location }
}

/// A portfolio as listed under `portfolios:`: plans (indices into `Study.plans`, in listed order).
public struct PortfolioSpec: Sendable, Hashable {
    public var name: String
    public var label: LocalizedText?
    public var members: [Int]
    public var location: SourceLocation
    public init(name: String, label: LocalizedText?, members: [Int], location: SourceLocation) {
        self.name = name
        self.label = label
        self.members = members
        self.location = location
    }
}
