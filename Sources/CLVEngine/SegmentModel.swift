public import CLVModel
import CLVNumerics

/// A segment compiled to a flat parameter vector, so that a trial's parameters are a gather
/// from the input draws, the plan's effects are a list of (slot, change) operations, and the
/// ramp is a blend of two vectors (per effect window: see `blend`).
///
/// The vector's layout is `layout` (`ParameterLayout`). Moves are grouped by source row in `rows`.
public struct SegmentModel: Sendable {
    public let name: String
    public let stateCount: Int
    /// A source row: the moves out of `from` are `moves[start ..< start + count]`.
    public struct Row: Sendable { public let from: Int; public let start: Int; public let count: Int }
    public let rows: [Row]
    /// Destination of each move.
    public let moveTo: [Int]
    /// States with a (base or full-effect) arrival rate: where new customers enter.
    public let entryStates: [Int]
    /// States listed under `initial`.
    public let initialStates: [Int]
    /// Input slot of each parameter, or −1 for 0.
    let source: [Int32]
    /// Effects in the order listed: parameter index, change, input slot of the change and the
    /// effect's window (`ScenarioModel.windows`).
    let effects: [Operation]
    struct Operation: Sendable { let param: Int, change: EffectChange, slot: Int, window: Int }
    /// Parameters that effects touch (blended by the ramp); initial stocks blend at t = 0.
    public let varying: [Int]
    /// Parameters whose effects all share one window: θ = θ_base + w·(θ_full − θ_base).
    let simple: [(param: Int, window: Int)]
    /// Parameters whose effects fall in several windows, each with its runs of consecutive
    /// effects in one window: `effects[start ..< end]` (model.md 3.1).
    let chained: [(param: Int, runs: [(window: Int, start: Int, end: Int)])]
    /// States whose arrivals, revenue, cost or cv an effect touches, and rows (indices into `rows`)
    /// with a move an effect touches: what `PeriodParameters.deriveVarying` recomputes.
    let varyingStates: [Int]
    let varyingRows: [Int]
    /// Whether each state is a churn state.
    public let churn: [Bool]
    /// Growth and seasons of arrivals, revenue and cost; nil without any.
    public let trend: TrendFactors?
    /// Whether the segment has one-off values on moves (`move_values`, or an effect on them).
    public let hasMoveValues: Bool
    /// Where each parameter sits in the vector.
    public let layout: ParameterLayout
    /// A base number written by period: parameter `param` takes the vector's values
    /// `start ..< start + count` (periods 1, 2, …; the last held) in period t (period 0: period 1's).
    public struct Series: Sendable, Hashable { public let param: Int; public let start: Int; public let count: Int }
    public let series: [Series]
    /// The last period in which some series changes value (0 without series).
    public let seriesEnd: Int
    /// Whether the effects' changes must be kept for the blend (chained windows) or to recompute
    /// the values at full effect in each period (series).
    var keepsChanges: Bool { !chained.isEmpty || !series.isEmpty }

    /// What must agree for two compiled segments to have the same parameter layout and period
    /// parameters from the same vector (`TrialSimulator.reuse`): name, states, churn states, moves
    /// and rows, entry states, vector length, move values and trends.
    public struct StructureKey: Hashable, Sendable {
        let name: String
        let churn: [Bool]
        let moveTo: [Int]
        let rows: [[Int]]
        let entryStates: [Int]
        let count: Int
        let hasMoveValues: Bool
        let growth: [[Double]]?, season: [[[Double]]]?, periodsPerYear: Int?
        let series: [Series]
    }

    public var structureKey: StructureKey {
        StructureKey(name: name, churn: churn, moveTo: moveTo, rows: rows.map { [$0.from, $0.start, $0.count] },
                     entryStates: entryStates, count: count, hasMoveValues: hasMoveValues,
                     growth: trend?.growth, season: trend?.season, periodsPerYear: trend?.periodsPerYear, series: series)
    }

    /// Length of the parameter vector.
    public var count: Int { layout.count }

    /// Compiles `segment` of `scenario`, registering its inputs in `inputs`.
    public init(_ segment: Segment, of scenario: Scenario, inputs: inout InputTable, windows: EffectWindows? = nil) {
        let windowOf = (windows ?? EffectWindows(scenario)).ofEffect
        let S = scenario.states.count
        name = segment.name
        stateCount = S
        let churn = scenario.states.map(\.isChurn)
        self.churn = churn
        let states = ParameterLayout(states: S, moves: 0, hasMoveValues: false)
        var src = [Int32](repeating: -1, count: states.moveProbability.lowerBound)
        for a in segment.initial { src[states.initial(a.state)] = Int32(inputs.slot(of: a.amount)) }
        for a in segment.arrivals { src[states.arrivals(a.state)] = Int32(inputs.slot(of: a.amount)) }
        if let c = segment.acquisitionCost { src[states.acquisitionCost] = Int32(inputs.slot(of: c)) }
        for v in segment.value where !scenario.states[v.state].isChurn {
            if let r = v.revenue { src[states.revenue(v.state)] = Int32(inputs.slot(of: r)) }
            if let c = v.cost { src[states.cost(v.state)] = Int32(inputs.slot(of: c)) }
            if let c = v.revenueCV { src[states.cv(v.state)] = Int32(inputs.slot(of: c)) }
        }
        // Moves as (from, to, slot), written order; churn rows and moves to self are dropped.
        var pairs: [(from: Int, to: Int, slot: Int32)] = []
        for entry in segment.transitions where !scenario.states[entry.from].isChurn {
            switch entry.row {
            case .moves(let ms):
                for m in ms where m.to != entry.from {
                    pairs.append((entry.from, m.to, Int32(inputs.slot(of: m.probability))))
                }
            case .dirichlet(let d):
                let first = inputs.slot(of: d)
                for (k, to) in d.destinations.enumerated() where to != entry.from {
                    pairs.append((entry.from, to, Int32(first + k)))
                }
            }
        }
        // Effects may name moves the segment does not list: they start at 0.
        let applicable = scenario.effects.indices.filter { scenario.effects[$0].segments?.contains(segment.name) ?? true }
        for e in applicable.map({ scenario.effects[$0] }) {
            if case .transition(.state(let i), .state(let j)) = e.target, i != j, !churn[i],
                !pairs.contains(where: { $0.from == i && $0.to == j }) {
                pairs.append((i, j, -1))
            }
        }
        for v in segment.moveValues where !churn[v.from] && !pairs.contains(where: { $0.from == v.from && $0.to == v.to }) {
            pairs.append((v.from, v.to, -1))
        }
        let order = pairs.indices.sorted { (pairs[$0].from, $0) < (pairs[$1].from, $1) }
        pairs = order.map { pairs[$0] }
        moveTo = pairs.map(\.to)
        src += pairs.map(\.slot)
        let moveValued = applicable.contains { if case .moveValue = scenario.effects[$0].target { true } else { false } }
        hasMoveValues = !segment.moveValues.isEmpty || moveValued
        trend = segment.trends.isEmpty ? nil : TrendFactors(segment.trends, states: S, churn: churn,
                                                            periodsPerYear: scenario.period.periodsPerYear)
        if hasMoveValues {
            var revenue = [Int32](repeating: -1, count: pairs.count), cost = revenue
            for v in segment.moveValues {
                guard let k = pairs.firstIndex(where: { $0.from == v.from && $0.to == v.to }) else { continue }
                if let r = v.revenue { revenue[k] = Int32(inputs.slot(of: r)) }
                if let c = v.cost { cost[k] = Int32(inputs.slot(of: c)) }
            }
            src += revenue + cost
        }
        // Series: each parameter's values of periods 1, 2, … after the written vector (period 1's
        // is its own slot's input, repeated).
        let written = ParameterLayout(states: S, moves: pairs.count, hasMoveValues: hasMoveValues)
        var series: [Series] = []
        for ps in segment.series {
            let param: Int?
            switch ps.target {
            case .arrivals(let s): param = written.arrivals(s)
            case .acquisitionCost: param = written.acquisitionCost
            case .value(let s, let f): param = churn[s] ? nil : written.value(f, s)
            case .move(let i, let j): param = pairs.firstIndex { $0.from == i && $0.to == j }.map(written.move)
            case .moveValue(let i, let j, let f):
                param = hasMoveValues ? pairs.firstIndex { $0.from == i && $0.to == j }.map { written.moveValue(f, $0) } : nil
            }
            guard let param, src[param] >= 0, !ps.later.isEmpty else { continue }
            series.append(Series(param: param, start: src.count, count: 1 + ps.later.count))
            src.append(src[param])
            src += ps.later.map { Int32(inputs.slot(of: $0)) }
        }
        self.series = series
        seriesEnd = series.map(\.count).max() ?? 0
        let lay = ParameterLayout(states: S, moves: pairs.count, hasMoveValues: hasMoveValues,
                                  seriesElements: src.count - written.count)
        layout = lay
        source = src
        var rs: [Row] = []
        var k = 0
        while k < pairs.count {
            var e = k
            while e < pairs.count && pairs[e].from == pairs[k].from { e += 1 }
            rs.append(Row(from: pairs[k].from, start: k, count: e - k))
            k = e
        }
        rows = rs
        initialStates = segment.initial.map(\.state)
        let listedArrivals = segment.arrivals.map(\.state)
        // Compile effects to parameter operations.
        var ops: [Operation] = []
        let layout = lay
        for ei in applicable {
            let e = scenario.effects[ei], window = windowOf[ei]
            let slot = inputs.slot(of: e.amount)
            var params: [Int] = []
            switch e.target {
            case .transition(let f, let t):
                params = pairs.indices.filter { f.matches(pairs[$0].from) && t.matches(pairs[$0].to) }.map(layout.move)
            case .value(let st, let field):
                params = (0..<S).filter { !churn[$0] && st.matches($0) }.map { layout.value(field, $0) }
            case .arrivals(let st):
                params = (st == .any ? listedArrivals : (0..<S).filter { st.matches($0) }).map(layout.arrivals)
            case .initial(let st):
                params = (st == .any ? initialStates : (0..<S).filter { st.matches($0) }).map(layout.initial)
            case .acquisitionCost:
                params = [layout.acquisitionCost]
            case .moveValue(let f, let t, let field):
                params = pairs.indices.filter { f.matches(pairs[$0].from) && t.matches(pairs[$0].to) }.map { layout.moveValue(field, $0) }
            }
            ops += params.map { Operation(param: $0, change: e.change, slot: slot, window: window) }
        }
        // Grouped by parameter (each operation touches one parameter, so this changes no value),
        // in the order listed within each.
        ops = ops.indices.sorted { (ops[$0].param, $0) < (ops[$1].param, $1) }.map { ops[$0] }
        effects = ops
        varying = Array(Set(ops.map(\.param))).sorted()
        var simple: [(param: Int, window: Int)] = [], chained: [(param: Int, runs: [(window: Int, start: Int, end: Int)])] = []
        var i = 0
        while i < ops.count {
            var runs: [(window: Int, start: Int, end: Int)] = []
            var j = i
            while j < ops.count && ops[j].param == ops[i].param {
                var e = j
                while e < ops.count && ops[e].param == ops[i].param && ops[e].window == ops[j].window { e += 1 }
                runs.append((ops[j].window, j, e))
                j = e
            }
            if runs.count == 1 { simple.append((ops[i].param, runs[0].window)) } else { chained.append((ops[i].param, runs)) }
            i = j
        }
        self.simple = simple
        self.chained = chained
        // What a change of the windows' weights alone can change in a period's parameters.
        let varyingSet = Set(varying)
        varyingStates = (0..<S).filter { s in
            [layout.arrivals(s), layout.revenue(s), layout.cost(s), layout.cv(s)].contains(where: varyingSet.contains)
        }
        varyingRows = rs.indices.filter { r in (rs[r].start..<(rs[r].start + rs[r].count)).contains { varyingSet.contains(layout.move($0)) } }
        var entries = listedArrivals
        for op in ops where layout.arrivals.contains(op.param) && !entries.contains(op.param - layout.arrivals.lowerBound) {
            entries.append(op.param - layout.arrivals.lowerBound)
        }
        entryStates = entries.filter { !churn[$0] }.sorted()
    }

    /// Base parameters of a trial: a gather from the input draws.
    @inline(__always)
    public func base(_ draws: UnsafeBufferPointer<Double>, into p: UnsafeMutableBufferPointer<Double>) {
        for k in 0..<source.count {
            let s = source[k]
            p[k] = s < 0 ? 0 : draws[Int(s)]
        }
    }

    /// Parameters at full effect: the effects applied in order to a copy of `base`.
    @inline(__always)
    public func full(_ draws: UnsafeBufferPointer<Double>, base: UnsafeBufferPointer<Double>,
                     into p: UnsafeMutableBufferPointer<Double>) {
        for k in 0..<base.count { p[k] = base[k] }
        for op in effects { p[op.param] = Self.apply(op.change, draws[op.slot], to: p[op.param]) }
    }

    /// `full` from the effects' changes (`changes`) instead of the draws.
    @inline(__always)
    func full(changes c: UnsafeBufferPointer<Double>, base: UnsafeBufferPointer<Double>,
              into p: UnsafeMutableBufferPointer<Double>) {
        for k in 0..<base.count { p[k] = base[k] }
        for (o, op) in effects.enumerated() { p[op.param] = Self.apply(op.change, c[o], to: p[op.param]) }
    }

    /// The change of each effect operation (`changes` of `blend`), gathered from the draws:
    /// only the chained parameters' blend and the series' values at full effect read them.
    @inline(__always)
    public func changes(_ draws: UnsafeBufferPointer<Double>, into c: UnsafeMutableBufferPointer<Double>) {
        guard keepsChanges else { return }
        for (o, op) in effects.enumerated() { c[o] = draws[op.slot] }
    }

    /// Sets every series' parameter in `base` to its value in period t (period 1's for t ≤ 1).
    @inline(__always)
    func setPeriod(_ t: Int, base p: UnsafeMutableBufferPointer<Double>) {
        for s in series { p[s.param] = p[s.start + min(max(t, 1), s.count) - 1] }
    }

    /// One effect at full effect: x·(1 + c), x + c, c or x·c.
    @inline(__always)
    static func apply(_ change: EffectChange, _ c: Double, to x: Double) -> Double {
        switch change {
        case .relative: x * (1 + c)
        case .absolute: x + c
        case .set: c
        case .multiply: x * c
        }
    }

    /// Blends base and full parameters at the windows' effect weights `w` (ramp weight times
    /// effect scale, one per window of `ScenarioModel.windows`): θ = θ_base + w·(θ_full − θ_base)
    /// on a parameter whose effects share one window; on one whose effects fall in several, each
    /// run of consecutive effects in one window moves the value left by the runs before it,
    /// x → x + w·(F(x) − x), F the run's effects at full effect (model.md 3.1).
    @inline(__always)
    public func blend(base: UnsafeBufferPointer<Double>, full: UnsafeBufferPointer<Double>,
                      weights w: UnsafeBufferPointer<Double>, changes: UnsafeBufferPointer<Double>,
                      into p: UnsafeMutableBufferPointer<Double>, copied: Bool = false) {
        // `copied`: p already holds `base` wherever no effect acts (blended from it before).
        if !copied { for k in 0..<base.count { p[k] = base[k] } }
        for (k, g) in simple {
            let wg = w[g]
            p[k] = wg != 0 ? base[k] + wg * (full[k] - base[k]) : base[k]
        }
        for (k, runs) in chained {
            var x = base[k]
            for r in runs where w[r.window] != 0 {
                var y = x
                for o in r.start..<r.end { y = Self.apply(effects[o].change, changes[o], to: y) }
                x = x + w[r.window] * (y - x)
            }
            p[k] = x
        }
    }
}

/// A segment's trends (model.md, "Trends and seasons"): in period t ≥ 1, state s's arrivals,
/// revenue and cost are multiplied by (1 + g)^((t − 1)/p) · season[(t − 1) mod p], with the
/// state's own growth and season, else the segment's, else none.
public struct TrendFactors: Sendable, Equatable {
    public let periodsPerYear: Int
    /// Per field (arrivals, revenue, cost) and state: the annual growth rate (0 for none).
    public let growth: [[Double]]
    /// Per field and state: the season's multipliers (empty for none).
    public let season: [[[Double]]]

    init(_ trends: [Trend], states S: Int, churn: [Bool], periodsPerYear p: Int) {
        periodsPerYear = p
        var g = [[Double]](repeating: [Double](repeating: 0, count: S), count: TrendField.allCases.count)
        var m = [[[Double]]](repeating: [[Double]](repeating: [], count: S), count: TrendField.allCases.count)
        // The segment's own first, then the states' (which replace it).
        for tr in trends.filter({ $0.state == nil }) + trends.filter({ $0.state != nil }) {
            let f = TrendField.allCases.firstIndex(of: tr.field)!
            for s in 0..<S where !churn[s] && (tr.state == nil || tr.state == s) {
                if let x = tr.growth { g[f][s] = x }
                if let x = tr.season { m[f][s] = x }
            }
        }
        growth = g
        season = m
    }

    /// The multiplier of `field` (0 arrivals, 1 revenue, 2 cost) of state s in period t ≥ 1.
    @inline(__always)
    public func factor(_ field: Int, _ s: Int, _ t: Int) -> Double {
        let g = growth[field][s], m = season[field][s]
        var x = g == 0 ? 1 : pow(1 + g, Double(t - 1) / Double(periodsPerYear))
        if !m.isEmpty { x *= m[(t - 1) % periodsPerYear] }
        return x
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
