import CLVModel

/// One customer's states over consecutive periods `first, first+1, …` (state −1: not observed),
/// with the revenue and cost seen in each (NaN: no value observation in that period).
struct CustomerPath {
    var segment = 0
    var first = 0
    var states: [Int32] = []
    var revenue: [Double] = []
    var cost: [Double] = []

    mutating func reset(segment: Int, first: Int) {
        self.segment = segment
        self.first = first
        states.removeAll(keepingCapacity: true)
        revenue.removeAll(keepingCapacity: true)
        cost.removeAll(keepingCapacity: true)
    }
    mutating func append(_ s: Int32, _ r: Double, _ c: Double) { states.append(s); revenue.append(r); cost.append(c) }
}

/// What the estimator reads: states, segments, and each customer's path up to a cut.
protocol PathSource {
    var stateNames: [String] { get }
    var stages: [Stage] { get }
    /// True for a state whose stage was guessed from its name (the YAML marks it for review).
    var stageGuessed: [Bool] { get }
    var segmentNames: [String] { get }
    var customerCount: Int { get }
    var firstPeriod: Int { get }
    var kind: PeriodKind { get }
    /// States that count as active (a purchase this period; a non-churn state in a panel):
    /// the backtest's active customers, and the order of latent classes.
    var active: [Bool] { get }
    /// Destinations a row may have whatever the data show (the prior's support, with the observed ones).
    func structuralDestinations(_ from: Int) -> [Int]
    /// Customer `i`'s path over periods up to `cut`; false when the customer first appears after it.
    func path(_ i: Int, cut: Int, into p: inout CustomerPath) -> Bool
    /// Whether the values of state `s` are estimated (recency states other than a purchase earn nothing).
    var hasCost: Bool { get }
}

/// Recency × frequency states of a transaction log (Pfeifer & Carraway 2000, extended by frequency).
///
/// State `r{r}` (`r{r}_f{f}` with frequency classes): `r` periods since the last purchase, capped at
/// `K`; `f` purchase periods so far, capped at `F`. `r0` is "bought this period", the only states
/// with revenue. A customer enters at its first purchase in `r0` (`r0_f1`).
struct RecencyFrequencyStates: PathSource {
    let log: TransactionLog
    let recency: Int
    let frequency: Int
    let lapseIsChurn: Bool

    var kind: PeriodKind { log.kind }
    var customerCount: Int { log.customers }
    var firstPeriod: Int { log.firstPeriod }
    var segmentNames: [String] { ["customers"] }
    var hasCost: Bool { false }

    func index(r: Int, f: Int) -> Int { (f - 1) * (recency + 1) + r }

    var stateNames: [String] {
        (1...frequency).flatMap { f in (0...recency).map { r in frequency == 1 ? "r\(r)" : "r\(r)_f\(f)" } }
    }
    var stages: [Stage] {
        (1...frequency).flatMap { _ in (0...recency).map { r in r == recency && lapseIsChurn ? Stage.churn : .retention } }
    }
    var stageGuessed: [Bool] { stateNames.map { _ in false } }
    var active: [Bool] { (1...frequency).flatMap { _ in (0...recency).map { $0 == 0 } } }

    func structuralDestinations(_ from: Int) -> [Int] {
        let f = from / (recency + 1) + 1, r = from % (recency + 1)
        return [index(r: 0, f: min(f + 1, frequency)), index(r: min(r + 1, recency), f: f)]
    }

    func path(_ i: Int, cut: Int, into p: inout CustomerPath) -> Bool {
        let buys = log.purchases[i]
        guard let first = buys.first, Int(first.period) <= cut else { return false }
        p.reset(segment: 0, first: Int(first.period))
        var r = 0, f = 0, k = 0
        for t in Int(first.period)...cut {
            if k < buys.count && Int(buys[k].period) == t {
                f = min(f + 1, frequency)
                r = 0
                p.append(Int32(index(r: 0, f: f)), buys[k].amount, .nan)
                k += 1
            } else {
                r = min(r + 1, recency)
                p.append(Int32(index(r: r, f: f)), .nan, .nan)
                // A lapse that is churn absorbs: later purchases do not bring the customer back.
                if r == recency && lapseIsChurn { break }
            }
        }
        return true
    }
}

/// The states of a panel as written, with disappearing customers moved to the churn state
/// (or censored).
struct PanelStates: PathSource {
    let panel: PanelData
    let stages: [Stage]
    let stageGuessed: [Bool]
    /// Where a customer missing from all later periods goes; nil: censored.
    let churnState: Int?

    var stateNames: [String] { panel.stateNames }
    var segmentNames: [String] { panel.segmentNames }
    var customerCount: Int { panel.customers.count }
    var firstPeriod: Int { panel.firstPeriod }
    var kind: PeriodKind { panel.kind }
    var hasCost: Bool { panel.hasCost }
    var active: [Bool] { stages.map { $0 != .churn } }

    func structuralDestinations(_ from: Int) -> [Int] { [from] }

    func path(_ i: Int, cut: Int, into p: inout CustomerPath) -> Bool {
        let rows = panel.customers[i]
        guard let first = rows.first, Int(first.period) <= cut else { return false }
        p.reset(segment: Int(panel.segmentOf[i]), first: Int(first.period))
        var t = Int(first.period)
        for row in rows {
            let period = Int(row.period)
            if period > cut { break }
            while t < period { p.append(-1, .nan, .nan); t += 1 }
            p.append(row.state, row.revenue, panel.hasCost ? row.cost : .nan)
            t += 1
            if stages[Int(row.state)] == .churn { return true }
        }
        // Gone before the cut and never seen again: churned (or censored).
        let lastSeen = rows.last.map { Int($0.period) } ?? cut
        if let churnState, lastSeen < cut, t <= cut, p.states.last.map({ $0 >= 0 }) == true {
            p.append(Int32(churnState), .nan, .nan)
        }
        return true
    }
}
