public import CLVModel
import CLVNumerics

/// A segment compiled to a flat parameter vector, so that a trial's parameters are a gather
/// from the input draws, the plan's effects are a list of (slot, change) operations, and the
/// ramp is a blend of two vectors.
///
/// Layout for S states and M moves: `initial[S] arrivals[S] cac revenue[S] cost[S] cv[S] moves[M]`.
/// Moves are grouped by source row in `rows`.
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
    /// Effects in the order listed: parameter index, change, input slot of the change, and the
    /// owner (a portfolio's member plan; 0 otherwise).
    let effects: [(param: Int, change: EffectChange, slot: Int, owner: Int)]
    /// Owners of the scenario (1 unless a portfolio): `full` fills one vector per owner.
    public let owners: Int
    /// Parameters that effects touch (blended by the ramp); initial stocks blend at t = 0.
    public let varying: [Int]
    /// Whether each state is a churn state.
    public let churn: [Bool]

    public var count: Int { 5 * stateCount + 1 + moveTo.count }
    @inline(__always) public var initialOffset: Int { 0 }
    @inline(__always) public var arrivalsOffset: Int { stateCount }
    @inline(__always) public var cacIndex: Int { 2 * stateCount }
    @inline(__always) public var revenueOffset: Int { 2 * stateCount + 1 }
    @inline(__always) public var costOffset: Int { 3 * stateCount + 1 }
    @inline(__always) public var cvOffset: Int { 4 * stateCount + 1 }
    @inline(__always) public var movesOffset: Int { 5 * stateCount + 1 }

    /// Compiles `segment` of `scenario`, registering its inputs in `inputs`.
    public init(_ segment: Segment, of scenario: Scenario, inputs: inout InputTable) {
        let S = scenario.states.count
        name = segment.name
        stateCount = S
        let churn = scenario.states.map(\.isChurn)
        self.churn = churn
        var src = [Int32](repeating: -1, count: 5 * S + 1)
        for a in segment.initial { src[a.state] = Int32(inputs.slot(of: a.amount)) }
        for a in segment.arrivals { src[S + a.state] = Int32(inputs.slot(of: a.amount)) }
        if let c = segment.acquisitionCost { src[2 * S] = Int32(inputs.slot(of: c)) }
        for v in segment.value where !scenario.states[v.state].isChurn {
            if let r = v.revenue { src[2 * S + 1 + v.state] = Int32(inputs.slot(of: r)) }
            if let c = v.cost { src[3 * S + 1 + v.state] = Int32(inputs.slot(of: c)) }
            if let c = v.revenueCV { src[4 * S + 1 + v.state] = Int32(inputs.slot(of: c)) }
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
        let applicable = scenario.effects.filter { $0.segments?.contains(segment.name) ?? true }
        for e in applicable {
            if case .transition(.state(let i), .state(let j)) = e.target, i != j, !churn[i],
                !pairs.contains(where: { $0.from == i && $0.to == j }) {
                pairs.append((i, j, -1))
            }
        }
        let order = pairs.indices.sorted { (pairs[$0].from, $0) < (pairs[$1].from, $1) }
        pairs = order.map { pairs[$0] }
        moveTo = pairs.map(\.to)
        src += pairs.map(\.slot)
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
        var ops: [(param: Int, change: EffectChange, slot: Int, owner: Int)] = []
        let moveBase = 5 * S + 1
        for e in applicable {
            let slot = inputs.slot(of: e.amount)
            var params: [Int] = []
            switch e.target {
            case .transition(let f, let t):
                params = pairs.indices.filter { f.matches(pairs[$0].from) && t.matches(pairs[$0].to) }.map { moveBase + $0 }
            case .value(let st, let field):
                let off = field == .revenue ? 2 * S + 1 : field == .cost ? 3 * S + 1 : 4 * S + 1
                params = (0..<S).filter { !churn[$0] && st.matches($0) }.map { off + $0 }
            case .arrivals(let st):
                params = (st == .any ? listedArrivals : (0..<S).filter { st.matches($0) }).map { S + $0 }
            case .initial(let st):
                params = (st == .any ? initialStates : (0..<S).filter { st.matches($0) })
            case .acquisitionCost:
                params = [2 * S]
            }
            ops += params.map { ($0, e.change, slot, e.owner) }
        }
        effects = ops
        owners = max(scenario.ownerRamps.count, 1)
        varying = Array(Set(ops.map(\.param))).sorted()
        var entries = listedArrivals
        for op in ops where op.param >= S && op.param < 2 * S && !entries.contains(op.param - S) {
            entries.append(op.param - S)
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
        for op in effects {
            let c = draws[op.slot]
            switch op.change {
            case .relative: p[op.param] *= 1 + c
            case .absolute: p[op.param] += c
            case .set: p[op.param] = c
            }
        }
    }

    /// A portfolio's parameters at full effect of owners 0...k, for each k: owner k's effects
    /// applied in order to owner k − 1's vector (`base` before owner 0), into `p[k]`.
    public func fullByOwner(_ draws: UnsafeBufferPointer<Double>, base: UnsafeBufferPointer<Double>,
                            into p: [UnsafeMutableBufferPointer<Double>]) {
        for k in 0..<owners {
            for i in 0..<base.count { p[k][i] = k == 0 ? base[i] : p[k - 1][i] }
            for op in effects where op.owner == k {
                let c = draws[op.slot]
                switch op.change {
                case .relative: p[k][op.param] *= 1 + c
                case .absolute: p[k][op.param] += c
                case .set: p[k][op.param] = c
                }
            }
        }
    }

    /// A portfolio's blend: θ = θ_base + Σ_k w_k·(θ_k − θ_{k−1}), owner k's increment over the
    /// owners listed before it weighed by its own weight (θ_{−1} = θ_base).
    public func blend(base: UnsafeBufferPointer<Double>, fulls: [UnsafeMutableBufferPointer<Double>],
                      weights w: ArraySlice<Double>, into p: UnsafeMutableBufferPointer<Double>) {
        for k in 0..<base.count { p[k] = base[k] }
        for k in varying {
            var x = base[k]
            for j in 0..<owners where w[w.startIndex + j] != 0 {
                x += w[w.startIndex + j] * (fulls[j][k] - (j == 0 ? base[k] : fulls[j - 1][k]))
            }
            p[k] = x
        }
    }

    /// Blends base and full parameters at effect weight `w` (ramp weight times effect scale):
    /// θ = θ_base + w·(θ_full − θ_base), on the parameters effects touch.
    @inline(__always)
    public func blend(base: UnsafeBufferPointer<Double>, full: UnsafeBufferPointer<Double>, weight w: Double,
                      into p: UnsafeMutableBufferPointer<Double>) {
        for k in 0..<base.count { p[k] = base[k] }
        if w == 0 { return }
        for k in varying { p[k] = base[k] + w * (full[k] - base[k]) }
    }
}
