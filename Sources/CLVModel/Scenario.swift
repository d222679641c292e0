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
