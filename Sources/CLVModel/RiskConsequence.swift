/// What a risk does to a plan when it occurs (docs/scenario-format.md, Risks): a closed set, one case
/// per kind. Adding a kind means adding a case here (its key, its lower bound and how a mitigation's
/// `scale` cuts it) and its effect in `ScenarioModel.CompiledRisk` (CLVEngine/RiskPlan.swift); nothing
/// else names the kinds.
public enum RiskConsequence: Sendable, Hashable {
    /// Periods added to both ends of the ramp (`delay`).
    case delay(Uncertain)
    /// Costs of `categories` (every cost item of the plan when nil) × (1 + overrun) (`cost_overrun`).
    case costOverrun(Uncertain, categories: [String]?)
    /// Effects reach only this fraction (`effect_scale`).
    case effectScale(Uncertain)

    /// The kinds, in the order their inputs are registered (the order of the input table's slots).
    public enum Kind: String, CaseIterable, Sendable, Hashable {
        case delay
        case costOverrun = "cost_overrun"
        case effectScale = "effect_scale"

        /// Position in `allCases`.
        public var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        /// The key in a risk's mapping (and the last part of its input path).
        public var key: String { rawValue }
        /// Draws below this are errors (an overrun of −1 halves nothing: it makes the cost 0).
        public var lowerBound: Double {
            switch self {
            case .delay, .effectScale: 0
            case .costOverrun: -1
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .delay: .delay
        case .costOverrun: .costOverrun
        case .effectScale: .effectScale
        }
    }

    /// The uncertain size of the consequence.
    public var amount: Uncertain {
        get {
            switch self {
            case .delay(let u), .costOverrun(let u, _), .effectScale(let u): u
            }
        }
        set {
            switch self {
            case .delay: self = .delay(newValue)
            case .costOverrun(_, let c): self = .costOverrun(newValue, categories: c)
            case .effectScale: self = .effectScale(newValue)
            }
        }
    }
}

/// `mitigation:` of a risk (the source report's 4.3 "mitigate"): pays `cost` (cost category
/// `mitigation`, one-off in period `at`) so that the risk occurs with `probability` instead of its own,
/// and/or so that its impact is cut to `scale` of itself (a delay × scale, an overrun × scale, an effect
/// shortfall 1 − s × scale).
public struct RiskMitigation: Sendable, Hashable {
    public var cost: Uncertain
    public var at: Int
    public var probability: Uncertain?
    public var scale: Uncertain?
    public var location: SourceLocation
    public init(cost: Uncertain, at: Int, probability: Uncertain?, scale: Uncertain?, location: SourceLocation) {
        self.cost = cost
        self.at = at
        self.probability = probability
        self.scale = scale
        self.location = location
    }
}

/// `transfer:` of a risk (4.3 "transfer", insurance): pays `premium` (cost category `transfer`, one-off in
/// period `at`) so that the plan bears at most `cap` of the cost this risk's overrun adds in a trial
/// (undiscounted, over the horizon); the rest is the insurer's.
public struct RiskTransfer: Sendable, Hashable {
    public var premium: Uncertain
    public var at: Int
    public var cap: Uncertain
    public var location: SourceLocation
    public init(premium: Uncertain, at: Int, cap: Uncertain, location: SourceLocation) {
        self.premium = premium
        self.at = at
        self.cap = cap
        self.location = location
    }
}

/// The response kinds a risk may have, in the order the engine evaluates them.
public enum RiskResponseKind: String, CaseIterable, Sendable, Hashable, Codable {
    case mitigation, transfer
    /// The cost category its cost is booked under.
    public var costCategory: String { rawValue }
}

/// The source report's four risk categories (4.1); a risk may name any other word too.
public enum RiskCategory {
    public static let known = ["technical", "market", "operational", "compliance"]
}

extension Risk {
    /// Calls `f` on every uncertain number of the risk, in input-registration order.
    public mutating func mapUncertain(_ f: (inout Uncertain) -> Void) {
        f(&probability)
        for k in consequences.indices { f(&consequences[k].amount) }
        if var m = mitigation {
            f(&m.cost)
            if var p = m.probability { f(&p); m.probability = p }
            if var s = m.scale { f(&s); m.scale = s }
            mitigation = m
        }
        if var t = transfer {
            f(&t.premium)
            f(&t.cap)
            transfer = t
        }
    }

    /// The responses the risk has, in `RiskResponseKind` order.
    public var responses: [RiskResponseKind] {
        (mitigation != nil ? [.mitigation] : []) + (transfer != nil ? [.transfer] : [])
    }

    public var delay: Uncertain? {
        for c in consequences { if case .delay(let u) = c { return u } }
        return nil
    }
    public var costOverrun: Uncertain? {
        for c in consequences { if case .costOverrun(let u, _) = c { return u } }
        return nil
    }
    /// The cost categories the overrun applies to (nil: all).
    public var categories: [String]? {
        for c in consequences { if case .costOverrun(_, let cats) = c { return cats } }
        return nil
    }
    public var effectScale: Uncertain? {
        for c in consequences { if case .effectScale(let u) = c { return u } }
        return nil
    }
}
