/// One segment's parameters for one period, ready for the population step: probabilities
/// clamped to [0, 1], rows whose moves sum above 1 scaled down to 1 (model.md 3.1 step 5),
/// rates and coefficients of variation clamped at 0.
///
/// Buffers are owned by the worker that uses them; nothing here allocates per period.
public final class PeriodParameters {
    public let stateCount: Int
    public let moveCount: Int
    /// Probability of each move (after clamping and row scaling).
    public let moves: UnsafeMutableBufferPointer<Double>
    /// Probability of staying, per state (1 for states without a row and for churn states).
    public let stay: UnsafeMutableBufferPointer<Double>
    public let arrivals: UnsafeMutableBufferPointer<Double>
    public let revenue: UnsafeMutableBufferPointer<Double>
    public let cost: UnsafeMutableBufferPointer<Double>
    public let cv: UnsafeMutableBufferPointer<Double>
    /// One-off net value (revenue − cost) per customer making each move (0 without move values).
    public let moveValue: UnsafeMutableBufferPointer<Double>
    /// Whether the segment derived last has move values.
    public private(set) var hasMoveValues = false
    public var acquisitionCost = 0.0
    /// Rows scaled down in the last `derive`.
    public var overflows = 0
    /// Whether each row (index into `SegmentModel.rows`) was scaled down in the last derivation.
    private let rowOverflowed: UnsafeMutableBufferPointer<Bool>
    /// The parameter vectors (`SegmentParameters`, and its load and period) derived last; nil after
    /// a derivation that did not say.
    var derivedFrom: (owner: ObjectIdentifier, generation: Int)? = nil

    public init(states: Int, moves: Int) {
        stateCount = states
        moveCount = moves
        self.moves = .allocate(capacity: max(moves, 1))
        moveValue = .allocate(capacity: max(moves, 1))
        moveValue.initialize(repeating: 0)
        stay = .allocate(capacity: states)
        arrivals = .allocate(capacity: states)
        revenue = .allocate(capacity: states)
        cost = .allocate(capacity: states)
        cv = .allocate(capacity: states)
        rowOverflowed = .allocate(capacity: max(states, 1))
        rowOverflowed.initialize(repeating: false)
    }

    deinit {
        for b in [moves, stay, arrivals, revenue, cost, cv, moveValue] { b.deallocate() }
        rowOverflowed.deallocate()
    }

    /// Derives period `period`'s parameters from a segment's parameter vector `p`: with the
    /// segment's trends applied for a period ≥ 1, as written for nil.
    public func derive(_ m: SegmentModel, _ p: UnsafeBufferPointer<Double>, period: Int?) {
        derive(m, p)
        guard let tr = m.trend, let t = period, t >= 1 else { return }
        for s in 0..<stateCount where !m.churn[s] {
            arrivals[s] *= tr.factor(0, s, t)
            revenue[s] *= tr.factor(1, s, t)
            cost[s] *= tr.factor(2, s, t)
        }
    }

    /// Derives the period's parameters from a segment's parameter vector `p`, as written (no trend).
    public func derive(_ m: SegmentModel, _ p: UnsafeBufferPointer<Double>) {
        derivedFrom = nil
        for s in 0..<stateCount {
            stay[s] = 1
            state(m, p, s)
        }
        others(m, p)
        overflows = 0
        for r in m.rows.indices { row(m, p, r) }
    }

    /// Re-derives, from `p`, only what the effects touch (`SegmentModel.varyingStates`,
    /// `varyingRows`, the acquisition cost and the move values): for a vector that differs from
    /// the one derived last only in the parameters effects touch (a new weight of the windows in
    /// the same load and period, without trends). The results equal those of `derive`.
    func deriveVarying(_ m: SegmentModel, _ p: UnsafeBufferPointer<Double>) {
        for s in m.varyingStates { state(m, p, s) }
        others(m, p)
        for r in m.varyingRows {
            if rowOverflowed[r] { overflows -= 1 }
            row(m, p, r)
        }
    }

    @inline(__always)
    private func state(_ m: SegmentModel, _ p: UnsafeBufferPointer<Double>, _ s: Int) {
        let L = m.layout
        arrivals[s] = m.churn[s] ? 0 : max(0, p[L.arrivals(s)])
        revenue[s] = m.churn[s] ? 0 : p[L.revenue(s)]
        cost[s] = m.churn[s] ? 0 : p[L.cost(s)]
        cv[s] = m.churn[s] ? 0 : max(0, p[L.cv(s)])
    }

    @inline(__always)
    private func others(_ m: SegmentModel, _ p: UnsafeBufferPointer<Double>) {
        let L = m.layout
        acquisitionCost = p[L.acquisitionCost]
        hasMoveValues = m.hasMoveValues
        if hasMoveValues {
            for k in 0..<m.moveTo.count { moveValue[k] = p[L.moveRevenue(k)] - p[L.moveCost(k)] }
        }
    }

    /// Row `ri`: probabilities clamped, scaled down when they sum above 1 (counted in `overflows`).
    @inline(__always)
    private func row(_ m: SegmentModel, _ p: UnsafeBufferPointer<Double>, _ ri: Int) {
        let r = m.rows[ri], base = m.layout.moveProbability.lowerBound
        var sum = 0.0
        for k in r.start..<(r.start + r.count) {
            let x = min(max(p[base + k], 0), 1)
            moves[k] = x.isNaN ? 0 : x
            sum += moves[k]
        }
        rowOverflowed[ri] = sum > 1 + 1e-12
        if rowOverflowed[ri] {
            overflows += 1
            for k in r.start..<(r.start + r.count) { moves[k] /= sum }
            sum = 1
        }
        stay[r.from] = max(0, 1 - sum)
    }

    /// The full transition matrix, row-major S×S, stay on the diagonal; churn rows are identity.
    public func dense(_ m: SegmentModel) -> [Double] {
        var P = [Double](repeating: 0, count: stateCount * stateCount)
        P.withUnsafeMutableBufferPointer { dense(m, into: $0) }
        return P
    }

    /// `dense` into a buffer of S×S values.
    public func dense(_ m: SegmentModel, into P: UnsafeMutableBufferPointer<Double>) {
        let S = stateCount
        for i in 0..<(S * S) { P[i] = 0 }
        for s in 0..<S { P[s * S + s] = stay[s] }
        for r in m.rows {
            for k in r.start..<(r.start + r.count) { P[r.from * S + m.moveTo[k]] += moves[k] }
        }
    }

    /// Net value per customer and period, v = revenue − cost (0 in churn states).
    public func netValue() -> [Double] {
        (0..<stateCount).map { revenue[$0] - cost[$0] }
    }

    /// The value of a period in each state for the closed form (model.md, "Values on moves"):
    /// v_s + d·Σ_j P[s,j]·mv[s,j], the net value of the period plus the discounted expected value
    /// of the move made at the start of the next one. Equals `netValue` without move values.
    public func lifetimeValue(_ m: SegmentModel, discount d: Double, into v: UnsafeMutableBufferPointer<Double>) {
        netValue(into: v)
        guard hasMoveValues else { return }
        for r in m.rows {
            var u = 0.0
            for k in r.start..<(r.start + r.count) { u += moves[k] * moveValue[k] }
            v[r.from] += d * u
        }
    }

    /// `lifetimeValue` as an array.
    public func lifetimeValue(_ m: SegmentModel, discount d: Double) -> [Double] {
        var v = [Double](repeating: 0, count: stateCount)
        v.withUnsafeMutableBufferPointer { lifetimeValue(m, discount: d, into: $0) }
        return v
    }

    /// Expected one-off move values of a period for `counts` customers at its start:
    /// Σ_i counts[i]·Σ_j P[i,j]·mv[i,j] (0 without move values).
    public func expectedMoveValue(_ m: SegmentModel, _ counts: UnsafeBufferPointer<Double>) -> Double {
        guard hasMoveValues else { return 0 }
        var total = 0.0
        for r in m.rows where counts[r.from] != 0 {
            for k in r.start..<(r.start + r.count) { total += counts[r.from] * moves[k] * moveValue[k] }
        }
        return total
    }

    /// `netValue` into a buffer of S values.
    public func netValue(into v: UnsafeMutableBufferPointer<Double>) {
        for s in 0..<stateCount { v[s] = revenue[s] - cost[s] }
    }
}
