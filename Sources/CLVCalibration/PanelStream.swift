import CLVModel

/// A panel estimated as it streams past, for files in which every customer's rows come in period
/// order (sorted by customer, or by period, or both): the common case of a CRM export.
///
/// With one class per segment (the panel default) every estimate is a sum over customer-periods,
/// so the stream keeps sums per period and segment (transitions into the period, values, state
/// counts, first appearances) and, per customer, only its last row (period, state, line). Any cut
/// is then a sum over the periods up to it: the full calibration and the backtest's come from one
/// read. Memory is per customer and per period, never per row. A customer whose rows go back in
/// time makes the stream give up (`unsorted`); the caller then reads the panel whole (`PanelData`
/// with rows kept), which gives the same estimates.
final class PanelStream {
    /// Sums of one period and data segment.
    struct Cell {
        /// Transitions from the previous period into this one, [from · cap + to].
        var trans: [Double]
        /// Customers last seen in the previous period in state `from`, gone for good: churned here.
        var churnFrom: [Double]
        /// Customers observed in each state (not yet absorbed by a churn state).
        var occupancy: [Double]
        /// Customers whose first row is in this period, by its state.
        var entries: [Double]
        var values: [ValueStats]

        init(cap: Int) {
            trans = Array(repeating: 0, count: cap * cap)
            churnFrom = Array(repeating: 0, count: cap)
            occupancy = Array(repeating: 0, count: cap)
            entries = Array(repeating: 0, count: cap)
            values = Array(repeating: ValueStats(), count: cap)
        }

        mutating func widen(from old: Int, to cap: Int) {
            var t = [Double](repeating: 0, count: cap * cap)
            for a in 0..<old { for b in 0..<old { t[a * cap + b] = trans[a * old + b] } }
            trans = t
            churnFrom += Array(repeating: 0, count: cap - old)
            occupancy += Array(repeating: 0, count: cap - old)
            entries += Array(repeating: 0, count: cap - old)
            values += Array(repeating: ValueStats(), count: cap - old)
        }
    }

    /// Periods further apart than this are left to the whole-panel reader (sums are per period).
    static let maxPeriodSpan = 100_000

    private(set) var stages: [Stage] = []
    private var stageOf: (String) -> Stage
    private(set) var cap = 8
    private(set) var base = 0
    /// [period − base][segment].
    private(set) var cells: [[Cell]] = []
    private var segments = 0
    /// Per customer: its last row's period, state (−1 once a churn state has absorbed it) and line.
    private var lastPeriod: [Int32] = [], lastState: [Int32] = [], lastLine: [Int32] = [], segmentOf: [Int32] = []
    /// All rows of a period, for the backtest's actual figures: revenue, and rows in a non-churn state.
    private(set) var actualRevenue: [Double] = [], actualActive: [Double] = []
    /// Set when a customer's rows are not in period order, or periods span too far: use `PanelData`.
    private(set) var unsorted = false
    private(set) var hasCost = false

    init(stageOf: @escaping (String) -> Stage) { self.stageOf = stageOf }

    var customerCount: Int { lastPeriod.count }

    func stateAdded(_ name: String) {
        stages.append(stageOf(name))
        if stages.count > cap {
            let old = cap
            cap *= 2
            for t in cells.indices { for g in cells[t].indices { cells[t][g].widen(from: old, to: cap) } }
        }
    }

    func segmentAdded() {
        segments += 1
        for t in cells.indices { while cells[t].count < segments { cells[t].append(Cell(cap: cap)) } }
    }

    /// The cell row of period `p`, growing the table (false: periods too far apart).
    private func slot(_ p: Int) -> Int? {
        if cells.isEmpty { base = p }
        if p < base {
            guard cells.count + base - p <= Self.maxPeriodSpan else { return nil }
            let more = base - p
            cells.insert(contentsOf: Array(repeating: Array(repeating: Cell(cap: cap), count: segments), count: more), at: 0)
            actualRevenue.insert(contentsOf: Array(repeating: 0, count: more), at: 0)
            actualActive.insert(contentsOf: Array(repeating: 0, count: more), at: 0)
            base = p
        }
        let t = p - base
        if t >= cells.count {
            guard t < Self.maxPeriodSpan else { return nil }
            let more = t - cells.count + 1
            cells += Array(repeating: Array(repeating: Cell(cap: cap), count: segments), count: more)
            actualRevenue += Array(repeating: 0, count: more)
            actualActive += Array(repeating: 0, count: more)
        }
        return t
    }

    enum Added { case ok, duplicate(line: Int), unsorted }

    /// Adds a parsed row of customer `k` (a new customer is `customerCount`).
    func add(customer k: Int, segment: Int, _ row: PanelRow) -> Added {
        let p = Int(row.period), s = Int(row.state)
        let isNew = k == lastPeriod.count
        if isNew {
            lastPeriod.append(row.period); lastState.append(-1); lastLine.append(row.line); segmentOf.append(Int32(segment))
        } else {
            if row.period == lastPeriod[k] { return .duplicate(line: Int(lastLine[k])) }
            if row.period < lastPeriod[k] { unsorted = true; return .unsorted }
        }
        guard let t = slot(p) else { unsorted = true; return .unsorted }
        let stage = stages[s]
        actualRevenue[t] += row.revenue
        if stage != .churn { actualActive[t] += 1 }
        let g = Int(segmentOf[k])
        let previous = Int(lastState[k]), consecutive = Int(lastPeriod[k]) + 1 == p
        lastPeriod[k] = row.period
        lastLine[k] = row.line
        guard isNew || previous >= 0 else { return .ok }   // absorbed by a churn state: later rows do not count
        cells[t][g].occupancy[s] += 1
        if isNew {
            cells[t][g].entries[s] += 1
        } else if consecutive {
            cells[t][g].trans[previous * cap + s] += 1
        }
        if stage != .churn {
            cells[t][g].values[s].n += 1
            cells[t][g].values[s].sum += row.revenue
            cells[t][g].values[s].sumSq += row.revenue * row.revenue
            cells[t][g].values[s].minRevenue = min(cells[t][g].values[s].minRevenue, row.revenue)
            if hasCost {
                cells[t][g].values[s].costN += 1
                cells[t][g].values[s].costSum += row.cost
                cells[t][g].values[s].costSq += row.cost * row.cost
            }
            lastState[k] = Int32(s)
        } else {
            lastState[k] = -1
        }
        return .ok
    }

    func setHasCost(_ c: Bool) { hasCost = c }

    /// After the last row: customers gone before the last period move to `churnState` in the
    /// period after their last row (nil: censored).
    func finish(churnState: Int?) {
        guard churnState != nil else { return }
        for k in lastPeriod.indices where lastState[k] >= 0 {
            let t = Int(lastPeriod[k]) + 1 - base
            guard t < cells.count else { continue }
            cells[t][Int(segmentOf[k])].churnFrom[Int(lastState[k])] += 1
        }
    }

    var firstPeriod: Int { base }
    var lastPeriodSeen: Int { base + cells.count - 1 }

    /// The estimates at `cut`, as `Estimator.estimate` computes them from whole paths with one class.
    func estimate(cut: Int, kind: PeriodKind, stateNames: [String], stageGuessed: [Bool], segmentNames: [String], churnState: Int?) -> Estimates {
        let S = stateNames.count, G = segmentNames.count
        let last = min(cut - base, cells.count - 1)
        let periods = max(cut - base, 0)
        var out: [SegmentEstimate] = []
        var customerPeriods = 0.0
        var observed = [Set<Int>](repeating: [], count: S)
        for g in 0..<G {
            var e = SegmentEstimate(
                name: segmentNames[g], dataSegment: segmentNames[g], latentClass: 0, share: 1, customers: 0,
                counts: Array(repeating: Array(repeating: 0, count: S), count: S),
                values: Array(repeating: ValueStats(), count: S), initial: Array(repeating: 0, count: S),
                arrivals: Array(repeating: Array(repeating: 0, count: periods), count: S))
            if last >= 0 {
                for t in 0...last where g < cells[t].count {
                    let c = cells[t][g]
                    for a in 0..<S {
                        for b in 0..<S where c.trans[a * cap + b] > 0 { e.counts[a][b] += c.trans[a * cap + b] }
                        if let churnState, c.churnFrom[a] > 0 {
                            e.counts[a][churnState] += c.churnFrom[a]
                            customerPeriods += c.churnFrom[a]
                        }
                        customerPeriods += c.occupancy[a]
                        e.customers += c.entries[a]
                        if t > 0 { e.arrivals[a][t - 1] += c.entries[a] }
                        let v = c.values[a]
                        e.values[a].n += v.n; e.values[a].sum += v.sum; e.values[a].sumSq += v.sumSq
                        e.values[a].minRevenue = min(e.values[a].minRevenue, v.minRevenue)
                        e.values[a].costN += v.costN; e.values[a].costSum += v.costSum; e.values[a].costSq += v.costSq
                    }
                }
                if last == cut - base {
                    for s in 0..<S where stages[s] != .churn { e.initial[s] = cells[last][g].occupancy[s] }
                }
            }
            for a in 0..<S { for b in 0..<S where e.counts[a][b] > 0 { observed[a].insert(b) } }
            out.append(e)
        }
        let destinations = (0..<S).map { s in stages[s] == .churn ? [] : Array(observed[s].union([s])).sorted() }
        let fits = out.map { LatentClasses.Fit(shares: [1], responsibilities: [], logLikelihood: 0, iterations: 0, parameters: 0, customers: $0.customers) }
        return Estimates(stateNames: stateNames, stages: Array(stages.prefix(S)), stageGuessed: stageGuessed,
                         active: stages.prefix(S).map { $0 != .churn }, destinations: destinations, segments: out,
                         kind: kind, firstPeriod: base, cut: cut, customerPeriods: Int(customerPeriods), latent: fits)
    }
}
