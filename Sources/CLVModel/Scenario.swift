/// The lifecycle stage of a state (model.md 2.2). Churn states are absorbing and carry no value.
public enum Stage: String, Sendable, Hashable, CaseIterable {
    case acquisition, retention, expansion, churn
}

/// A lifecycle state of the Markov chain.
public struct State: Sendable, Hashable {
    public var name: String
    public var stage: Stage
    /// `label:` and `description:` as written (docs/scenario-format.md).
    public var labelled = Labelled()
    public init(name: String, stage: Stage) { self.name = name; self.stage = stage }
    public var isChurn: Bool { stage == .churn }
}

/// Length of one period; `periodsPerYear` is p in d = (1 + r)^(-1/p).
public enum Period: String, Sendable, Hashable, CaseIterable {
    case month, quarter
    case halfYear = "half_year"
    case year
    public var periodsPerYear: Int {
        switch self { case .month: 12; case .quarter: 4; case .halfYear: 2; case .year: 1 }
    }
}

/// Whether customer equity adds the expected value of customers alive at the horizon (model.md 3.4).
public enum TerminalValue: String, Sendable, Hashable, CaseIterable {
    case none, clv
}

/// A move out of a state with its per-period probability.
public struct Move: Sendable, Hashable {
    /// Index of the destination in `Scenario.states`.
    public var to: Int
    public var probability: Uncertain
    public init(to: Int, probability: Uncertain) { self.to = to; self.probability = probability }
}

/// A row drawn as a whole from a Dirichlet over its destinations, stay included.
public struct DirichletRow: Sendable, Hashable {
    /// Input path (`segments.mass.transitions.at_risk`).
    public var path: String
    /// Destination state indices, in the order written; may include the row's own state (stay).
    public var destinations: [Int]
    /// Dirichlet weights α, one per destination, all > 0.
    public var weights: [Double]
    public var text: String
    public var location: SourceLocation
    public init(path: String, destinations: [Int], weights: [Double], text: String, location: SourceLocation) {
        self.path = path
        self.destinations = destinations
        self.weights = weights
        self.text = text
        self.location = location
    }
}

/// One row of a segment's transition matrix: the probabilities of leaving a state.
public enum TransitionRow: Sendable, Hashable {
    /// Listed moves; the rest stays.
    case moves([Move])
    case dirichlet(DirichletRow)
}

/// Per-customer, per-period value of a state. Missing fields are 0.
public struct StateValue: Sendable, Hashable {
    public var state: Int
    public var revenue: Uncertain?
    public var cost: Uncertain?
    /// Coefficient of variation of one customer's revenue in one period (customer-to-customer noise).
    public var revenueCV: Uncertain?
    public init(state: Int, revenue: Uncertain? = nil, cost: Uncertain? = nil, revenueCV: Uncertain? = nil) {
        self.state = state
        self.revenue = revenue
        self.cost = cost
        self.revenueCV = revenueCV
    }
}

/// A one-off value per customer making the move `from` → `to` (`move_values:`), counted in the
/// period of the move. Missing fields are 0.
public struct MoveValue: Sendable, Hashable {
    public var from: Int
    public var to: Int
    public var revenue: Uncertain?
    public var cost: Uncertain?
    public init(from: Int, to: Int, revenue: Uncertain? = nil, cost: Uncertain? = nil) {
        self.from = from
        self.to = to
        self.revenue = revenue
        self.cost = cost
    }
}

/// What a trend (`growth:`, `season:`) scales.
public enum TrendField: String, Sendable, Hashable, CaseIterable {
    case arrivals, revenue, cost
}

/// A trend of a segment's arrivals, revenue or cost (model.md, "Trends and seasons"): in period
/// t ≥ 1 the value is multiplied by (1 + growth)^((t − 1)/p) · season[(t − 1) mod p].
public struct Trend: Sendable, Hashable {
    public var field: TrendField
    /// The state it applies to; nil: every state of the segment (a state's own trend replaces it).
    public var state: Int?
    /// Annual growth rate, compounded per period; nil when the trend only sets a season.
    public var growth: Double?
    /// One multiplier per period of the year (p of them); nil when the trend only sets a growth.
    public var season: [Double]?
    public var location: SourceLocation
    public init(field: TrendField, state: Int?, growth: Double? = nil, season: [Double]? = nil, location: SourceLocation) {
        self.field = field
        self.state = state
        self.growth = growth
        self.season = season
        self.location = location
    }
}

/// The base number a `by_period` series varies (docs/scenario-format.md, "Numbers by period").
public enum SeriesTarget: Sendable, Hashable {
    case arrivals(Int)
    case acquisitionCost
    case value(Int, ValueField)
    case move(from: Int, to: Int)
    case moveValue(from: Int, to: Int, MoveValueField)
}

/// A base number written `{by_period: [x1, x2, …]}`: x1 in period 1 (and period 0), x2 in period
/// 2, …, the last from its period on. x1 is the number in its own field (the segment's `arrivals`,
/// `value`, …, at the field's own input path); the later ones are here, each an input of its own
/// at `PATH@t` (t = 2, 3, …).
public struct PeriodSeries: Sendable, Hashable {
    public var target: SeriesTarget
    /// The values of periods 2, 3, …, in order (empty for a list of one).
    public var later: [Uncertain]
    public var location: SourceLocation
    public init(target: SeriesTarget, later: [Uncertain], location: SourceLocation) {
        self.target = target
        self.later = later
        self.location = location
    }
}

/// A number attached to a state (initial stock, arrival rate).
public struct StateAmount: Sendable, Hashable {
    public var state: Int
    public var amount: Uncertain
    public init(state: Int, amount: Uncertain) { self.state = state; self.amount = amount }
}

/// A transition row with the state it leaves.
public struct TransitionEntry: Sendable, Hashable {
    /// Index of the source state in `Scenario.states`.
    public var from: Int
    public var row: TransitionRow
    public init(from: Int, row: TransitionRow) { self.from = from; self.row = row }
}

/// A customer segment: its own population, arrivals, transitions and values.
public struct Segment: Sendable, Hashable {
    public var name: String
    /// `label:` and `description:` as written (docs/scenario-format.md).
    public var labelled = Labelled()
    /// Customers at t = 0 (rounded and clamped at 0 when drawn).
    public var initial: [StateAmount]
    /// Expected new customers per period (Poisson rate), by entry state.
    public var arrivals: [StateAmount]
    /// Paid per arriving customer; nil means 0.
    public var acquisitionCost: Uncertain?
    /// Rows in the order written. Churn states have none.
    public var transitions: [TransitionEntry]
    public var value: [StateValue]
    /// One-off values of moves, in the order written.
    public var moveValues: [MoveValue] = []
    /// Growth and seasons of arrivals, revenue and cost (`growth:`, `season:`), in the order written.
    public var trends: [Trend] = []
    /// Base numbers that vary by period (`by_period:`), in the order written.
    public var series: [PeriodSeries] = []

    public init(name: String, initial: [StateAmount], arrivals: [StateAmount], acquisitionCost: Uncertain?,
                transitions: [TransitionEntry], value: [StateValue]) {
        self.name = name
        self.initial = initial
        self.arrivals = arrivals
        self.acquisitionCost = acquisitionCost
        self.transitions = transitions
        self.value = value
    }
}
