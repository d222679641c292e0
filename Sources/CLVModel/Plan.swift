/// When a cost item falls (model.md 2.3). Periods beyond the horizon are dropped.
public enum CostSchedule: Sendable, Hashable {
    /// One-off `amount` in period `at` (period 0 is not discounted).
    case at(Int)
    /// `amount` in total, spread evenly over periods `from...to`.
    case spread(from: Int, to: Int)
    /// `per_period` in every period `from...to` (`to` defaults to the horizon).
    case perPeriod(from: Int, to: Int)
}

/// One line of a plan's budget.
public struct CostItem: Sendable, Hashable {
    /// technology, people, operations, marketing, or any other word.
    public var category: String
    /// `label:` and `description:` as written (docs/scenario-format.md).
    public var labelled = Labelled()
    /// The total (`at`, `spread`) or the amount per period (`perPeriod`).
    public var amount: Uncertain
    public var schedule: CostSchedule
    public var location: SourceLocation
    /// The plan of a portfolio the item comes from (its index among the members); 0 otherwise.
    public var owner = 0
    public init(category: String, amount: Uncertain, schedule: CostSchedule, location: SourceLocation) {
        self.category = category
        self.amount = amount
        self.schedule = schedule
        self.location = location
    }
}

/// A state named in an effect target, or `*` for every state the target can apply to.
public enum StatePattern: Sendable, Hashable {
    case any
    case state(Int)
    public func matches(_ i: Int) -> Bool {
        switch self { case .any: true; case .state(let s): s == i }
    }
}

/// A field of `value`.
public enum ValueField: String, Sendable, Hashable, CaseIterable {
    case revenue, cost
    case revenueCV = "revenue_cv"
}

/// What an effect changes (model.md 2.3).
public enum EffectTarget: Sendable, Hashable {
    /// `transitions.FROM.TO`; with `*`, the transitions listed in the segment. A named move the
    /// segment does not list starts at 0.
    case transition(from: StatePattern, to: StatePattern)
    /// `value.STATE.FIELD`; `*` means every non-churn state.
    case value(state: StatePattern, field: ValueField)
    /// `arrivals.STATE`; `*` means the entry states the segment lists.
    case arrivals(StatePattern)
    /// `initial.STATE`; `*` means the states the segment lists. Uses the ramp weight at t = 0.
    case initial(StatePattern)
    case acquisitionCost
    /// `move_values.FROM.TO.revenue|cost`; `*` matches the move values the segment lists.
    case moveValue(from: StatePattern, to: StatePattern, field: MoveValueField)
}

/// A field of `move_values`.
public enum MoveValueField: String, Sendable, Hashable, CaseIterable {
    case revenue, cost
}

/// How an effect changes its target: x → x·(1 + c), x + c, c, or x·m.
public enum EffectChange: String, Sendable, Hashable, CaseIterable {
    case relative, absolute, set, multiply
}

/// A lever of a plan.
public struct Effect: Sendable, Hashable {
    public var target: EffectTarget
    /// The target as written (`transitions.active.churned`).
    public var targetText: String
    /// `label:` and `description:` as written (docs/scenario-format.md).
    public var labelled = Labelled()
    /// Segment names the effect applies to; nil for all.
    public var segments: [String]?
    public var change: EffectChange
    public var amount: Uncertain
    /// The effect's own window (`ramp:` on the effect); nil: the plan's `ramp`.
    public var ramp: Ramp?
    public var location: SourceLocation
    /// The plan of a portfolio the effect comes from (its index among the members); 0 otherwise.
    public var owner = 0
    public init(target: EffectTarget, targetText: String, segments: [String]?, change: EffectChange,
                amount: Uncertain, location: SourceLocation, ramp: Ramp? = nil) {
        self.target = target
        self.targetText = targetText
        self.segments = segments
        self.change = change
        self.amount = amount
        self.ramp = ramp
        self.location = location
    }
}

/// An effect window (model.md 3.1, "Plan parameters along the ramp"): effects weigh 0 up to
/// period `from`, rise linearly, are full from period `to` through period `until` (for ever when
/// nil), then fall linearly to 0 at period `until + fade` (at once, after `until`, when `fade` is 0).
public struct Ramp: Sendable, Hashable {
    public var from: Double
    public var to: Double
    /// The last period at full effect; nil: the effect never ends.
    public var until: Double?
    /// Periods over which the weight falls from 1 at `until` to 0 at `until + fade`.
    public var fade: Double
    public init(from: Double, to: Double, until: Double? = nil, fade: Double = 0) {
        self.from = from
        self.to = to
        self.until = until
        self.fade = fade
    }

    /// The weight in period t, with every end shifted by `delay` periods: 0 up to from + delay,
    /// linear up to 1 at to + delay, 1 through until + delay, then linear down to 0 at
    /// until + delay + fade (0 right after until + delay when fade is 0).
    @inline(__always)
    public func weight(_ t: Int, delay: Double) -> Double {
        let a = from + delay, b = to + delay, x = Double(t)
        if let u = until {
            let e = u + delay
            if x > e { return fade > 0 ? max(0, 1 - (x - e) / fade) : 0 }
        }
        return x >= b ? 1 : x <= a ? 0 : (x - a) / (b - a)
    }
}

/// Something that may go wrong with a plan, occurring in a trial with `probability`.
/// Delays add, effect scales and overruns multiply when several risks occur.
public struct Risk: Sendable, Hashable {
    public var name: String
    /// `label:` and `description:` as written (docs/scenario-format.md).
    public var labelled = Labelled()
    /// `technical`, `market`, `operational`, `compliance` (the source report's 4.1) or any other word.
    public var category: String?
    public var probability: Uncertain
    /// What happens when it occurs, at most one of each kind, in `RiskConsequence.Kind` order.
    public var consequences: [RiskConsequence]
    /// Responses (the source report's 4.3): mitigate, transfer; accepting is having neither.
    public var mitigation: RiskMitigation?
    public var transfer: RiskTransfer?
    public var location: SourceLocation
    /// Path of the uniform draw that decides occurrence (`risks.NAME.occurs`).
    public var occursPath: String
    /// The plan of a portfolio the risk comes from (its index among the members); 0 otherwise.
    /// Its delay and effect scale act on that plan's effects only, its overrun on that plan's costs.
    public var owner = 0

    public init(name: String, category: String? = nil, probability: Uncertain, consequences: [RiskConsequence],
                mitigation: RiskMitigation? = nil, transfer: RiskTransfer? = nil, location: SourceLocation, occursPath: String) {
        self.name = name
        self.category = category
        self.probability = probability
        self.consequences = consequences.sorted { $0.kind.order < $1.kind.order }
        self.mitigation = mitigation
        self.transfer = transfer
        self.location = location
        self.occursPath = occursPath
    }

    /// The three consequences by name (any may be nil).
    public init(name: String, probability: Uncertain, delay: Uncertain?, costOverrun: Uncertain?,
                categories: [String]?, effectScale: Uncertain?, location: SourceLocation, occursPath: String) {
        var cs: [RiskConsequence] = []
        if let delay { cs.append(.delay(delay)) }
        if let costOverrun { cs.append(.costOverrun(costOverrun, categories: categories)) }
        if let effectScale { cs.append(.effectScale(effectScale)) }
        self.init(name: name, probability: probability, consequences: cs, location: location, occursPath: occursPath)
    }
}

/// A baseline or plan scenario after `extends` has been merged.
public struct Scenario: Sendable, Hashable {
    public var name: String
    /// The file the scenario was read from (as the user named it, relative to the working directory).
    public var file: String
    public var currency: String
    public var period: Period
    public var horizon: Int
    /// Annual rate r; per-period discount factor d = (1 + r)^(-1/p).
    public var discountRate: Double
    public var terminalValue: TerminalValue
    public var states: [State]
    public var segments: [Segment]
    public var costs: [CostItem]
    public var effects: [Effect]
    public var ramp: Ramp?
    public var risks: [Risk]
    /// `parameters:`, in the order written (after `extends`: a plan's parameter replaces the
    /// baseline's of the same name).
    public var parameters: [Parameter] = []
    /// Target rank correlations between inputs (`correlations:`), in the order listed.
    public var correlations: [CorrelationSpec] = []
    /// `label:` and `description:` as written (docs/scenario-format.md).
    public var labelled = Labelled()
    /// `labels:`: input path or `category.NAME` to a label.
    public var inputLabels: [String: LocalizedText] = [:]
    /// A portfolio's member plans by name, in listed order (nil for a plain scenario).
    public var portfolio: [String]? = nil
    /// A portfolio's ramp of each member (owner), in listed order; empty for a plain scenario,
    /// whose one ramp is `ramp`.
    public var ownerRamps: [Ramp?] = []

    public init(name: String, file: String, currency: String, period: Period, horizon: Int, discountRate: Double,
                terminalValue: TerminalValue, states: [State], segments: [Segment], costs: [CostItem] = [],
                effects: [Effect] = [], ramp: Ramp? = nil, risks: [Risk] = []) {
        self.name = name
        self.file = file
        self.currency = currency
        self.period = period
        self.horizon = horizon
        self.discountRate = discountRate
        self.terminalValue = terminalValue
        self.states = states
        self.segments = segments
        self.costs = costs
        self.effects = effects
        self.ramp = ramp
        self.risks = risks
    }

    /// Per-period discount factor d = (1 + r)^(-1/p).
    public var discountFactor: Double {
        pow(1 + discountRate, -1 / Double(period.periodsPerYear))
    }

    public func stateIndex(_ name: String) -> Int? { states.firstIndex { $0.name == name } }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
