import CLVNumerics

extension Int64 {
    /// `self + x`, saturating at Int64.max instead of trapping. Counts are bounded far below
    /// (≤ 10^15 initial per state, ≤ 10^15 arrivals per state and period, 1,200 periods:
    /// ~10^18 < 9.2·10^18 only for a handful of entry states), so saturation marks a study
    /// beyond the validated limits, where a wrong-but-finite count beats a trap.
    @inline(__always) func addingClamped(_ x: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(x)
        return overflow ? (x > 0 ? .max : .min) : sum
    }
}

/// The multinomial splits of one segment's rows, period after period: each row's customers
/// spread over its moves as a chain of binomials, each conditional on what the earlier moves
/// left (p_k / (1 − Σ_{j<k} p_j)), each row from its own stream.
///
/// Rows are independent, so up to eight are split at once, one per lane of `BinomialLanes`:
/// step j draws the j-th move of every row still going in one vector call. The draws are
/// those of one row after another with the scalar sampler, bit for bit. The chains' conditional
/// probabilities depend only on the period's parameters, so `prepare` lays them out (per group
/// of eight rows, per step, per lane) once per parameter change, not once per period.
final class RowSplit {
    typealias Lanes = BinomialLanes
    let groups: Int
    /// Per group: the most steps of any of its rows.
    var steps: [Int]
    /// Per group and step (group g's step j at g·maxSteps + j): each lane's probability and destination.
    let p: UnsafeMutablePointer<Lanes.Doubles>
    let to: UnsafeMutablePointer<Lanes.Counts>
    /// Per group: each lane's number of steps (moves with a positive probability), and source state.
    let stepCount: UnsafeMutablePointer<Lanes.Counts>
    let from: [[Int]]
    /// Per group: each lane's stream key (its row's).
    let keys: [Lanes.Words]
    let maxSteps: Int
    var drawn = Lanes.Counts()

    init(_ m: SegmentModel, keys rowKeys: [UInt64]) {
        let W = Lanes.width
        groups = (m.rows.count + W - 1) / W
        maxSteps = max(1, m.rows.map(\.count).max() ?? 1)
        steps = Array(repeating: 0, count: groups)
        p = .allocate(capacity: max(groups, 1) * maxSteps)
        p.initialize(repeating: Lanes.Doubles(), count: max(groups, 1) * maxSteps)
        to = .allocate(capacity: max(groups, 1) * maxSteps)
        to.initialize(repeating: Lanes.Counts(), count: max(groups, 1) * maxSteps)
        stepCount = .allocate(capacity: max(groups, 1))
        stepCount.initialize(repeating: Lanes.Counts(), count: max(groups, 1))
        from = (0..<groups).map { g in Array(m.rows[(g * W)..<min(m.rows.count, g * W + W)].map(\.from)) }
        keys = (0..<groups).map { g in
            var k = Lanes.Words()
            for i in 0..<min(W, m.rows.count - g * W) { k[i] = rowKeys[g * W + i] }
            return k
        }
    }

    deinit {
        p.deallocate()
        to.deallocate()
        stepCount.deallocate()
    }

    /// Lays out the chains for the period's move probabilities, as the scalar chain computes
    /// them: a move with probability 0 (or NaN) draws nothing, and every move's probability
    /// leaves the rest (pRest −= q) for the next.
    func prepare(_ m: SegmentModel, moves: UnsafeMutableBufferPointer<Double>) {
        let W = Lanes.width
        for g in 0..<groups {
            var count = Lanes.Counts()
            var most = 0
            for i in 0..<min(W, m.rows.count - g * W) {
                let row = m.rows[g * W + i]
                var pRest = 1.0, j = 0
                for k in row.start..<(row.start + row.count) {
                    let q = moves[k]
                    if q > 0 {
                        p[g * maxSteps + j][i] = pRest > 0 ? min(q / pRest, 1) : 1
                        to[g * maxSteps + j][i] = Int64(m.moveTo[k])
                        j += 1
                    }
                    pRest -= q
                }
                count[i] = Int64(j)
                most = max(most, j)
            }
            stepCount[g] = count
            steps[g] = most
        }
    }

    /// Splits every row of the period: counts at the start in `counts`, movers added to and
    /// taken out of `next`. `seed(keys)` gives each lane's raw stream seed from its row's key.
    /// Builds without wide vectors (`BinomialLanes.isWide`) split one row after another with
    /// the scalar sampler on `stream`, with the same draws.
    func split(counts: UnsafeMutableBufferPointer<Int64>, next: UnsafeMutableBufferPointer<Int64>,
               lanes: inout Lanes, stream: RandomStream, seed: (Lanes.Words) -> Lanes.Words) {
        let none = Lanes.Counts()
        for g in 0..<groups {
            let sources = from[g]
            var rest = Lanes.Counts()
            for (i, s) in sources.enumerated() { rest[i] = counts[s] }
            let total = rest
            guard any(rest .> none) else { continue }
            let raw = seed(keys[g])
            if Lanes.isWide {
                lanes.reset(raw: raw)
                let count = stepCount[g]
                for j in 0..<steps[g] {
                    let active = (count .> Lanes.Counts(repeating: Int64(j))) .& (rest .> none)
                    if !any(active) { break }
                    let x = lanes.binomial(rest, p[g * maxSteps + j], active: active)
                    rest &-= x
                    drawn = x
                    let dest = to[g * maxSteps + j]
                    for i in sources.indices where drawn[i] != 0 {
                        let d = Int(dest[i])
                        next[d] = next[d].addingClamped(drawn[i])
                    }
                }
            } else {
                for i in sources.indices where rest[i] > 0 {
                    stream.reset(raw: raw[i])
                    var left = rest[i]
                    for j in 0..<Int(stepCount[g][i]) {
                        let x = stream.binomial(left, p[g * maxSteps + j][i])
                        let d = Int(to[g * maxSteps + j][i])
                        next[d] = next[d].addingClamped(x)
                        left -= x
                        if left == 0 { break }
                    }
                    rest[i] = left
                }
            }
            // Take the movers out of their source states.
            let moved = total &- rest
            for (i, s) in sources.enumerated() { next[s] -= moved[i] }
        }
    }
}
