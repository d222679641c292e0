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

/// What a calibration estimates from: the data's extent, and its estimates at any cut.
protocol CalibrationSource {
    var customerCount: Int { get }
    var firstPeriod: Int { get }
    var kind: PeriodKind { get }
    func estimate(cut: Int, classes: ClassCount) -> Estimates
}

/// A panel read into a `PanelStream`: its sums per period give the estimates at any cut.
struct StreamedPanel: CalibrationSource {
    let stream: PanelStream
    let panel: PanelData
    let stageGuessed: [Bool]
    let churnState: Int?

    var customerCount: Int { stream.customerCount }
    var firstPeriod: Int { panel.firstPeriod }
    var kind: PeriodKind { panel.kind }
    func estimate(cut: Int, classes: ClassCount) -> Estimates {
        stream.estimate(cut: cut, kind: panel.kind, stateNames: panel.stateNames, stageGuessed: stageGuessed,
                        segmentNames: panel.segmentNames, churnState: churnState)
    }
}

/// What the estimator reads: states, segments, and each customer's moves up to a cut.
protocol MoveSource: CalibrationSource {
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
    /// Customer `i`'s moves up to `cut` as distinct cells (from·S + to, ascending) with their counts;
    /// nil when the customer first appears after the cut.
    func moves(_ i: Int, cut: Int, path: inout CustomerPath, cells: inout [Int32], counts: inout [Int32]) -> MoveSummary?
}

/// A source that gives each customer's path (panels): states, revenue and cost per period.
protocol PathSource: MoveSource {
    /// Customer `i`'s path over periods up to `cut`; false when the customer first appears after it.
    func path(_ i: Int, cut: Int, into p: inout CustomerPath) -> Bool
    var hasCost: Bool { get }
    func observations(_ i: Int, cut: Int, into p: inout CustomerPath) -> Bool
}

/// What the estimator's first pass needs of a customer: its distinct moves and their counts.
struct MoveSummary {
    var segment: Int
    /// The state at the cut (−1: not observed in the cut period).
    var atCut: Int32
    /// Observed customer-periods up to the cut.
    var periods: Int
}

extension MoveSource {
    func estimate(cut: Int, classes: ClassCount) -> Estimates { Estimator.estimate(self, cut: cut, classes: classes) }
}

extension PathSource {

    /// Customer `i`'s moves up to `cut` as distinct cells (from·S + to, ascending) with their counts;
    /// nil when the customer first appears after the cut. From its path, by default.
    func moves(_ i: Int, cut: Int, path: inout CustomerPath, cells: inout [Int32], counts: inout [Int32]) -> MoveSummary? {
        guard self.path(i, cut: cut, into: &path) else { return nil }
        let stages = self.stages, S = stages.count
        cells.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        for t in 1..<max(path.states.count, 1) {
            let a = Int(path.states[t - 1]), b = Int(path.states[t])
            guard a >= 0, b >= 0, stages[a] != .churn else { continue }
            Self.count(Int32(a * S + b), 1, &cells, &counts)
        }
        var periods = 0
        for s in path.states where s >= 0 { periods += 1 }
        let atCut = path.first + path.states.count - 1 == cut ? path.states.last! : -1
        return MoveSummary(segment: path.segment, atCut: atCut, periods: periods)
    }

    @inline(__always) static func count(_ ab: Int32, _ n: Int32, _ cells: inout [Int32], _ counts: inout [Int32]) {
        var j = 0
        while j < cells.count && cells[j] < ab { j += 1 }
        if j < cells.count && cells[j] == ab { counts[j] += n } else { cells.insert(ab, at: j); counts.insert(n, at: j) }
    }

    /// The periods of customer `i` up to `cut` that carry a value (revenue or cost not NaN), with
    /// the first entry at the customer's first period: the path, by default.
    func observations(_ i: Int, cut: Int, into p: inout CustomerPath) -> Bool { path(i, cut: cut, into: &p) }
}

/// Recency × frequency states of a transaction log (Pfeifer & Carraway 2000, extended by frequency).
///
/// State `r{r}` (`r{r}_f{f}` with frequency classes): `r` periods since the last purchase, capped at
/// `K`; `f` purchase periods so far, capped at `F`. `r0` is "bought this period", the only states
/// with revenue. A customer enters at its first purchase in `r0` (`r0_f1`). Counted from the log's
/// per-customer tallies (`RecencyTallies`), never from rows.
struct RecencyFrequencyStates: MoveSource {
    let log: TransactionLog
    var recency: Int { log.tallies.recency }
    var frequency: Int { log.tallies.frequency }
    var lapseIsChurn: Bool { log.tallies.lapseIsChurn }

    var kind: PeriodKind { log.kind }
    var customerCount: Int { log.customers }
    var firstPeriod: Int { log.firstPeriod }
    var segmentNames: [String] { ["customers"] }

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

    /// The moves from the gaps between purchase periods: between two purchases d periods apart,
    /// r0 → r1 → … → r_min(d−1,K) (rK → rK for the rest), then → r0.
    func moves(_ i: Int, cut: Int, path: inout CustomerPath, cells: inout [Int32], counts: inout [Int32]) -> MoveSummary? {
        let K = recency
        return log.tallies.moves(i, cut: cut, index: { r, f in (f - 1) * (K + 1) + r }, cells: &cells, counts: &counts)
    }

    /// Customer `i`'s purchases up to `cut` summed per purchase state (`r0`, or `r0_f{f}`); its first period.
    func values(_ i: Int, cut: Int, into sums: inout [ValueSum]) -> Int? { log.tallies.values(i, cut: cut, into: &sums) }
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
