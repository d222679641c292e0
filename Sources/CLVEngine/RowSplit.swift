import CLVNumerics

/// The multinomial splits of every row of every segment, period after period: each row's
/// customers spread over its moves as a chain of binomials, each conditional on what the
/// earlier moves left (p_k / (1 − Σ_{j<k} p_j)), each row from its own stream.
///
/// Rows are independent, so eight are split at once, one per lane of `BinomialLanes`: step j
/// draws the j-th move of every row of a group in one vector call. Rows of all segments are
/// pooled and grouped by chain length (longest first), so that a group's lanes are full and
/// finish together: bank-large's 56 rows take 23 calls a period instead of 40 segment by
/// segment. The draws are those of one row after another with the scalar sampler, bit for bit.
/// The chains' conditional probabilities depend only on a segment's parameters, so `prepare`
/// lays them out once per parameter change, not once per period.
final class RowSplit {
    typealias Lanes = BinomialLanes
    let groups: Int
    let maxSteps: Int
    /// Per group and step (group g's step j at g·maxSteps + j): each lane's probability and
    /// destination (an index into the counts of all segments).
    let p: UnsafeMutablePointer<Lanes.Doubles>
    let to: UnsafeMutablePointer<Lanes.Counts>
    /// Per group and step, beside `p`: each lane's `BinomialLanes.ratio` of its probability (the
    /// sampler's p/q, a division per draw otherwise).
    let ratio: UnsafeMutablePointer<Lanes.Doubles>
    /// Per group and step, beside `p`: the kernel's cache of each lane's log(1 − p') for the
    /// inversion path (NaN until a lane of the step is first drawn by inversion; reset with `p`).
    let logq: UnsafeMutablePointer<Lanes.Doubles>
    /// Per group: each lane's number of steps (moves with a positive probability).
    let stepCount: UnsafeMutablePointer<Lanes.Counts>
    /// Per group: its lanes in use; each lane's segment and source state (an index into the
    /// counts of all segments), lane i of group g at g·width + i.
    let laneCount: [Int]
    let laneSegment: UnsafeMutablePointer<Int>
    let laneSource: UnsafeMutablePointer<Int>

    /// Each lane's source state, as words for the kernel (lane i of group g at g·8 + i).
    let sourceWords: UnsafeMutablePointer<Int64>
    /// The seed bases of the lanes' stream keys (their rows'), period by period (lane i of group g
    /// at g·8 + i): the kernel and the scalar path seed each row's stream from them.
    let bases: StreamBases
    /// Per segment, per row: its group and lane.
    let place: [[(group: Int, lane: Int)]]
    /// Index of segment g's state s in the counts of all segments: g·stride + s.
    let stride: Int
    /// Segments with move values, whose moves' counts are recorded in `moved` (model.md, "Values
    /// on moves"): their rows are split by the scalar sampler, which draws the same numbers.
    let recording: [Bool]
    /// Per group: whether a lane belongs to a recording segment.
    let groupRecords: [Bool]
    /// Per group and step: each lane's move, an index into `moved` (segment g's move k at moveBase[g] + k).
    let stepMove: UnsafeMutablePointer<Lanes.Counts>
    /// The customers making each move of the recording segments in the period just split.
    let moved: UnsafeMutableBufferPointer<Int64>
    let moveBase: [Int]

    init(_ model: ScenarioModel, keys rowKeys: [ProcessKeys], stride: Int) {
        let W = Lanes.width
        self.stride = stride
        // Every (segment, row), longest chain first; ties in model order.
        let rows = model.segments.enumerated().flatMap { g, m in m.rows.indices.map { (g, $0) } }
            .enumerated().sorted { a, b in
                let ca = model.segments[a.element.0].rows[a.element.1].count
                let cb = model.segments[b.element.0].rows[b.element.1].count
                return ca != cb ? ca > cb : a.offset < b.offset
            }.map(\.element)
        groups = (rows.count + W - 1) / W
        maxSteps = max(1, model.segments.flatMap { $0.rows.map(\.count) }.max() ?? 1)
        let cells = max(groups, 1) * maxSteps
        p = .allocate(capacity: cells)
        p.initialize(repeating: Lanes.Doubles(), count: cells)
        ratio = .allocate(capacity: cells)
        ratio.initialize(repeating: Lanes.Doubles(), count: cells)
        logq = .allocate(capacity: cells)
        logq.initialize(repeating: Lanes.Doubles(repeating: .nan), count: cells)
        to = .allocate(capacity: cells)
        to.initialize(repeating: Lanes.Counts(), count: cells)
        stepCount = .allocate(capacity: max(groups, 1))
        stepCount.initialize(repeating: Lanes.Counts(), count: max(groups, 1))
        let lanes = max(groups, 1) * W
        laneSegment = .allocate(capacity: lanes)
        laneSegment.initialize(repeating: 0, count: lanes)
        laneSource = .allocate(capacity: lanes)
        laneSource.initialize(repeating: 0, count: lanes)
        var place = model.segments.map { [(group: Int, lane: Int)](repeating: (0, 0), count: $0.rows.count) }
        var keys = [UInt64](repeating: 0, count: lanes)
        for grp in 0..<groups {
            for (i, (g, r)) in rows[(grp * W)..<min(rows.count, grp * W + W)].enumerated() {
                place[g][r] = (grp, i)
                keys[grp * W + i] = rowKeys[g].moves[r]
                laneSegment[grp * W + i] = g
                laneSource[grp * W + i] = g * stride + model.segments[g].rows[r].from
            }
        }
        self.place = place
        sourceWords = .allocate(capacity: lanes)
        sourceWords.initialize(repeating: 0, count: lanes)
        for k in 0..<lanes { sourceWords[k] = Int64(laneSource[k]) }
        bases = StreamBases(keys: keys, horizon: model.horizon)
        laneCount = (0..<groups).map { min(W, rows.count - $0 * W) }
        let recording = model.segments.map(\.hasMoveValues)
        self.recording = recording
        groupRecords = (0..<groups).map { grp in (0..<min(W, rows.count - grp * W)).contains { recording[rows[grp * W + $0].0] } }
        stepMove = .allocate(capacity: cells)
        stepMove.initialize(repeating: Lanes.Counts(), count: cells)
        var bases: [Int] = [], total = 0
        for m in model.segments { bases.append(total); total += m.moveTo.count }
        moveBase = bases
        moved = .allocate(capacity: max(total, 1))
        moved.initialize(repeating: 0)
    }

    /// Segment g's recorded move counts (its moves in order).
    func moved(segment g: Int, count: Int) -> UnsafeMutableBufferPointer<Int64> {
        UnsafeMutableBufferPointer(rebasing: moved[moveBase[g]..<(moveBase[g] + count)])
    }

    deinit {
        p.deallocate()
        ratio.deallocate()
        logq.deallocate()
        to.deallocate()
        stepCount.deallocate()
        laneSegment.deallocate()
        laneSource.deallocate()
        sourceWords.deallocate()
        stepMove.deallocate()
        moved.deallocate()
    }

    /// Lays out segment g's chains for its period's move probabilities, as the scalar chain
    /// computes them: a move with probability 0 (or NaN) draws nothing, and every move's
    /// probability leaves the rest (pRest −= q) for the next.
    func prepare(segment g: Int, _ m: SegmentModel, moves: UnsafeMutableBufferPointer<Double>) {
        // The cells as scalars (lane i of group grp's step j at (grp·maxSteps + j)·8 + i): one store
        // each, where a SIMD8 element's setter would load and store the whole vector.
        let W = Lanes.width
        let pw = UnsafeMutableRawPointer(p).assumingMemoryBound(to: Double.self)
        let rw = UnsafeMutableRawPointer(ratio).assumingMemoryBound(to: Double.self)
        let lw = UnsafeMutableRawPointer(logq).assumingMemoryBound(to: Double.self)
        let tw = UnsafeMutableRawPointer(to).assumingMemoryBound(to: Int64.self)
        let sw = UnsafeMutableRawPointer(stepMove).assumingMemoryBound(to: Int64.self)
        let cw = UnsafeMutableRawPointer(stepCount).assumingMemoryBound(to: Int64.self)
        let places = place[g], moveTo = m.moveTo, base = moveBase[g], into = Int64(g * stride)
        for (r, row) in m.rows.enumerated() {
            let (grp, i) = places[r]
            let first = grp * maxSteps * W + i
            var pRest = 1.0, j = 0
            for k in row.start..<(row.start + row.count) {
                let q = moves[k]
                if q > 0 {
                    let pj = pRest > 0 ? min(q / pRest, 1) : 1, cell = first + j * W
                    pw[cell] = pj
                    rw[cell] = Lanes.ratio(pj)
                    lw[cell] = .nan
                    tw[cell] = into + Int64(moveTo[k])
                    sw[cell] = Int64(base + k)
                    j += 1
                }
                pRest -= q
            }
            cw[grp * W + i] = Int64(j)
        }
    }

    /// Splits the rows of every segment for which `live` holds: counts at the start of the
    /// period in `counts`, movers added to and taken out of `next`. Each row draws from stream
    /// StreamKey.streamSeed(seed, trial, combine(row key, t)): its period-t base in `bases`
    /// (prepared for the run's seed) mixed with trialMix = trial · 0xD1B54A32D192ED03. With the
    /// lanes, a group is one kernel call (`BinomialLanes.group`: the lanes' counts, their seeds,
    /// the chains and the movers taken out). With `vectorized` false (`LaneChoice.scalar`,
    /// `CLVSIM_LANES=scalar`), and for groups holding a segment with move values, rows are split
    /// one after another with the scalar sampler on `stream`, with the same draws.
    func split(counts: UnsafeMutableBufferPointer<Int64>, next: UnsafeMutableBufferPointer<Int64>,
               live: UnsafeMutableBufferPointer<Bool>, lanes: Lanes, stream: RandomStream,
               vectorized: Bool, period t: Int, trialMix: UInt64) {
        let none = Lanes.Counts(), W = Lanes.width
        for (g, r) in recording.enumerated() where r && live[g] {
            for k in moveBase[g]..<(g + 1 < moveBase.count ? moveBase[g + 1] : moved.count) { moved[k] = 0 }
        }
        let counts0 = UnsafePointer(counts.baseAddress!), next0 = next.baseAddress!, periodBases = bases.period(t)
        for grp in 0..<groups {
            let L = laneCount[grp], base = grp * W
            if vectorized && !groupRecords[grp] {
                // Gather, seeds, chains and the movers taken out, in one kernel call.
                var bits: UInt32 = 0
                for i in 0..<L where live[laneSegment[base + i]] { bits |= 1 << UInt32(i) }
                if bits == 0 { continue }
                lanes.group(bases: periodBases + base, trialMix: trialMix, source: sourceWords + base, live: bits,
                            count: stepCount + grp, p: p + grp * maxSteps, ratio: ratio + grp * maxSteps,
                            logq: logq + grp * maxSteps, to: to + grp * maxSteps, counts: counts0, next: next0)
                continue
            }
            var rest = Lanes.Counts()
            for i in 0..<L where live[laneSegment[base + i]] { rest[i] = counts[laneSource[base + i]] }
            let total = rest
            guard Lanes.any(rest .> none) else { continue }
            let count = stepCount[grp]
            for i in 0..<L where rest[i] > 0 {
                stream.reset(raw: StreamBases.raw(periodBases[base + i], trialMix: trialMix))
                var left = rest[i]
                for j in 0..<Int(count[i]) {
                    let x = stream.binomial(left, p[grp * maxSteps + j][i])
                    let d = Int(to[grp * maxSteps + j][i])
                    next[d] = next[d].addingClamped(x)
                    if groupRecords[grp] { moved[Int(stepMove[grp * maxSteps + j][i])] = x }
                    left -= x
                    if left == 0 { break }
                }
                rest[i] = left
            }
            // Take the movers out of their source states.
            let moved = total &- rest
            for i in 0..<L { next[laneSource[base + i]] -= moved[i] }
        }
    }
}
