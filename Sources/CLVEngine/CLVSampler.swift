import CLVModel
import CLVNumerics

/// Where a sampled customer starts: an entry state of new customers (who pay the acquisition
/// cost), or, in a segment without arrivals, a state holding its initial stock (who do not).
public struct CLVEntryPoint: Sendable, Hashable {
    public var state: Int
    public var paysAcquisition: Bool

    /// Entry points of a segment: its arrival states, else the states of its initial stock.
    public static func of(_ m: SegmentModel) -> [CLVEntryPoint] {
        if !m.entryStates.isEmpty { return m.entryStates.map { CLVEntryPoint(state: $0, paysAcquisition: true) } }
        return m.initialStates.filter { !m.churn[$0] }.sorted().map { CLVEntryPoint(state: $0, paysAcquisition: false) }
    }
}

/// Simulates individual customers (model.md 3.3): `CLV = −cac + Σ_{k≥0} d^k v(state_k)`, revenue
/// drawn per period when `revenue_cv > 0`, until churn or d^k < 1e-6. Customer j lives in
/// trial j mod n under that trial's parameters at full effect times its effect scale, and draws
/// from stream (seed, j, segment and entry): the same customer in every scenario.
final class CLVSimulator {
    /// Longest simulated customer path, in periods (ten times the longest horizon). Only a discount
    /// rate near 0 gets there: d^k < 1e-6 takes 16,600 months at 1% a year, 10,000 at 1.7%.
    static let maxPeriods = 12_000

    let model: ScenarioModel
    let stream: RandomStream
    let pp: [PeriodParameters]
    let parameters: SegmentParameters
    /// A portfolio's risks and owner weights in the trial in hand (unused otherwise).
    var portfolioPlan: ScenarioModel.TrialPlan
    /// The transition rows of the trial in hand, sparse: row i's destinations with a probability
    /// other than 0 (its stay and its listed moves), in state order, at rowStart[i]..<rowStart[i + 1]
    /// of `destination` and `cumulative` (the running sum of the row's probabilities in state
    /// order, the last state's +∞). The next state is the first destination whose cumulative
    /// probability exceeds the uniform: the dense row's first state, since states left out add 0.
    /// Built in O(S + moves) per trial and drawn from in O(log K) per step (K = the row's size),
    /// instead of an S×S matrix built per trial and scanned per step.
    let rowStart: UnsafeMutableBufferPointer<Int>
    let destination: UnsafeMutableBufferPointer<Int>
    let cumulative: UnsafeMutableBufferPointer<Double>
    /// Per state, in the trial in hand: the revenue Gamma's shape 1/cv² and scale revenue·cv².
    let shapes: UnsafeMutableBufferPointer<GammaShape>
    let scales: UnsafeMutableBufferPointer<Double>
    /// Segments with move values: the net one-off value of each move i → j, at i·S + j.
    let moveValues: UnsafeMutableBufferPointer<Double>
    /// The customers in the lanes' kernel variant `isa` (nil: one after another, `LaneChoice.scalar`,
    /// `CLVSIM_LANES=scalar`), a block of `CLVSimulator.block` trials at a time (a CLV job's, about
    /// `Engine.customerChunk` customers), for segments of up to eight states without move values;
    /// the same values.
    let lanes: CustomerLanes?
    static let block = 512

    init(_ model: ScenarioModel, stream: RandomStream, lanes isa: BinomialLanes.ISA? = BinomialLanes.engineISA) {
        self.model = model
        self.stream = stream
        pp = model.segments.map { PeriodParameters(states: $0.stateCount, moves: $0.moveTo.count) }
        parameters = SegmentParameters(for: model)
        portfolioPlan = model.newTrialPlan()
        let S = model.scenario.states.count
        let cells = S + (model.segments.map(\.moveTo.count).max() ?? 0)
        lanes = S <= CustomerLanes.maxStates ? isa.map { CustomerLanes(isa: $0, slots: Self.block, states: S) } : nil
        rowStart = .allocate(capacity: S + 1)
        rowStart.initialize(repeating: 0)
        destination = .allocate(capacity: max(cells, 1))
        destination.initialize(repeating: 0)
        cumulative = .allocate(capacity: max(cells, 1))
        cumulative.initialize(repeating: 0)
        shapes = .allocate(capacity: max(S, 1))
        shapes.initialize(repeating: GammaShape(1))
        scales = .allocate(capacity: max(S, 1))
        scales.initialize(repeating: 0)
        moveValues = .allocate(capacity: max(S * S, 1))
        moveValues.initialize(repeating: 0)
    }

    deinit {
        rowStart.deallocate()
        destination.deallocate()
        cumulative.deallocate()
        shapes.deallocate()
        scales.deallocate()
        moveValues.deallocate()
    }

    /// CLVs of the customers who live in trials `range` (customers j = k, k + n, k + 2n, … < count
    /// for each trial k) of segment `g` entering at `entry`, written to `out[j]`. Grouping by trial
    /// derives each trial's parameters once, whatever the number of customers per trial; each
    /// customer still draws from its own stream, so results do not depend on the grouping.
    /// Returns the number of customer-periods simulated.
    @discardableResult
    func run(segment g: Int, entry: CLVEntryPoint, trials range: Range<Int>, of n: Int, customers count: Int,
             seed: UInt64, draws: Matrix, effectScale: Matrix, into out: UnsafeMutableBufferPointer<Double>) -> Int {
        let m = model.segments[g], p = pp[g], S = m.stateCount
        let d = model.discount
        let key = StreamKey.hash("clv.\(m.name).\(model.scenario.states[entry.state].name)")
        // The lanes scan rows of at most eight cells, as `nextState` does (longer ones it bisects).
        // (`lanes` exists only for scenarios of at most CustomerLanes.maxStates states.)
        if let lanes, !m.hasMoveValues, m.rows.allSatisfy({ $0.count + 1 <= 8 }) {
            return runLanes(lanes, g, m, entry: entry, trials: range, of: n, customers: count, seed: seed, key: key,
                            draws: draws, effectScale: effectScale, into: out)
        }
        var periods = 0
        for k in range {
            setParameters(g, m, trial: k, draws: draws, weight: model.appliesLevers ? effectScale[k, 0] : 0)
            for j in stride(from: k, to: count, by: n) {
                stream.reset(seed: seed, trial: UInt64(j), key: key)
                var s = entry.state
                var value = entry.paysAcquisition ? -p.acquisitionCost : 0
                var dk = 1.0, steps = 0
                // Also stop after maxPeriods: with discount_rate 0 (the default) d^k never falls, and a
                // customer in a state that cannot reach churn would be followed forever.
                while dk >= 1e-6 && !m.churn[s] && steps < Self.maxPeriods {
                    steps += 1
                    let rev = p.revenue[s], cv = p.cv[s]
                    let r = cv > 0 && rev > 0 ? stream.gamma(shapes[s], scale: scales[s]) : rev
                    value += dk * (r - p.cost[s])
                    let from = s
                    s = nextState(s, stream.uniform(), last: S - 1)
                    dk *= d
                    // A move's one-off value falls in the period of the move, the next one.
                    if m.hasMoveValues && s != from { value += dk * moveValues[from * S + s] }
                }
                periods += steps
                out[j] = value
            }
        }
        return periods
    }

    /// `run` in the lanes: trials in blocks of `block`, each trial's parameters in a slot, its
    /// customers queued; the kernel draws each customer from its own stream as `run` does.
    private func runLanes(_ lanes: CustomerLanes, _ g: Int, _ m: SegmentModel, entry: CLVEntryPoint, trials range: Range<Int>,
                          of n: Int, customers count: Int, seed: UInt64, key: UInt64, draws: Matrix, effectScale: Matrix,
                          into out: UnsafeMutableBufferPointer<Double>) -> Int {
        let p = pp[g], S = m.stateCount
        let base = StreamKey.mix(StreamKey.mix(seed) ^ key)
        let perTrial = max(1, (count + n - 1) / n)
        var customer = [UInt64](repeating: 0, count: min(range.count, Self.block) * perTrial)
        var slot = [Int32](repeating: 0, count: customer.count), values = [Double](repeating: 0, count: customer.count)
        var periods = 0
        for k0 in Swift.stride(from: range.lowerBound, to: range.upperBound, by: Self.block) {
            var q = 0
            for k in k0..<min(range.upperBound, k0 + Self.block) {
                setParameters(g, m, trial: k, draws: draws, weight: model.appliesLevers ? effectScale[k, 0] : 0)
                let sl = k - k0
                lanes.setStart(slot: sl, entry.paysAcquisition ? -p.acquisitionCost : 0)
                for s in 0..<S {
                    lanes.set(slot: sl, state: s, revenue: p.revenue[s], cost: p.cost[s], cv: p.cv[s], shape: shapes[s],
                              scale: scales[s], row: rowStart[s]..<rowStart[s + 1], destination: destination,
                              cumulative: cumulative)
                }
                for j in Swift.stride(from: k, to: count, by: n) {
                    customer[q] = UInt64(j)
                    slot[q] = Int32(sl)
                    q += 1
                }
            }
            periods += customer.withUnsafeBufferPointer { c in
                slot.withUnsafeBufferPointer { sl in
                    values.withUnsafeMutableBufferPointer { v in
                        lanes.run(churn: m.churn, entry: entry.state, discount: model.discount, maxPeriods: Self.maxPeriods,
                                  base: base, customers: c.baseAddress!, slots: sl.baseAddress!, count: q, out: v.baseAddress!)
                    }
                }
            }
            for i in 0..<q { out[Int(customer[i])] = values[i] }
        }
        return periods
    }

    /// The state after `s` for uniform `u`: the first destination of row s whose cumulative
    /// probability exceeds u (linear for short rows, else binary search), `last` if none does.
    @inline(__always)
    private func nextState(_ s: Int, _ u: Double, last: Int) -> Int {
        var lo = rowStart[s], hi = rowStart[s + 1]
        if hi - lo <= 8 {
            while lo < hi { if u < cumulative[lo] { return destination[lo] }; lo += 1 }
            return last
        }
        while lo < hi {       // first index in lo..<hi with u < cumulative (cumulative is nondecreasing)
            let mid = (lo + hi) / 2
            if u < cumulative[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo < rowStart[s + 1] ? destination[lo] : last
    }

    /// Sets the parameters of segment g in trial k at effect weight w (the trial's effect scale
    /// for a plan at full effect, 0 for the baseline) and its sparse cumulative transition rows:
    /// each cell's probability summed as `PeriodParameters.dense` sums it (stay, then the row's
    /// moves in order), each row accumulated in state order as a dense row would be.
    /// `m` is `model.segments[g]`, passed in so that no trial copies the segment's model (a copy
    /// retains and releases each of its arrays).
    private func setParameters(_ g: Int, _ m: SegmentModel, trial k: Int, draws: Matrix, weight scale: Double) {
        let p = pp[g], S = m.stateCount
        let row = UnsafeBufferPointer(draws.row(k))
        if model.owners > 1 && model.appliesLevers {
            // A portfolio: each member at full effect times its own scale, from the trial's plan.
            model.trialPlan(row, into: &portfolioPlan)
            parameters.load(m, row, levers: true)
            p.derive(m, parameters.blendFull(m, model, plan: portfolioPlan))
        } else {
            parameters.load(m, row, levers: scale != 0)
            p.derive(m, parameters.blend(m, weight: scale))
        }
        if m.hasMoveValues {
            for i in 0..<(S * S) { moveValues[i] = 0 }
            for r in m.rows { for k in r.start..<(r.start + r.count) { moveValues[r.from * S + m.moveTo[k]] += p.moveValue[k] } }
        }
        // Row sizes: the stay plus each listed move (a destination listed twice is merged below).
        for i in 0...S { rowStart[i] = 0 }
        for r in m.rows { rowStart[r.from + 1] = r.count }
        var total = 0
        for i in 0..<S {
            total += 1 + rowStart[i + 1]
            rowStart[i + 1] = total
        }
        for i in 0..<S {
            destination[rowStart[i]] = i
            cumulative[rowStart[i]] = p.stay[i]       // cell values first; accumulated below
        }
        for r in m.rows {
            let base = rowStart[r.from]
            var n = 1
            for k in r.start..<(r.start + r.count) {
                let to = m.moveTo[k]
                var j = base
                while j < base + n && destination[j] != to { j += 1 }
                if j == base + n {
                    destination[j] = to
                    cumulative[j] = 0
                    n += 1
                }
                cumulative[j] += p.moves[k]
            }
            for j in (base + n)..<rowStart[r.from + 1] { destination[j] = -1 }   // cells left unused
        }
        for i in 0..<S {
            // Sort the row's cells by state (insertion sort: rows are short), drop unused and zero cells,
            // then accumulate in state order.
            let lo = rowStart[i], hi = rowStart[i + 1]
            var n = lo
            for j in lo..<hi where destination[j] >= 0 {
                let (d, v) = (destination[j], cumulative[j])
                var at = n
                while at > lo && destination[at - 1] > d {
                    destination[at] = destination[at - 1]
                    cumulative[at] = cumulative[at - 1]
                    at -= 1
                }
                destination[at] = d
                cumulative[at] = v
                n += 1
            }
            var acc = 0.0, out = lo
            for j in lo..<n where cumulative[j] != 0 {
                acc += cumulative[j]
                destination[out] = destination[j]
                cumulative[out] = destination[j] == S - 1 ? .infinity : acc  // rounding never lets a draw fall off the row
                out += 1
            }
            for j in out..<hi { destination[j] = S - 1; cumulative[j] = .infinity }   // as the dense row's last state
            let cv = p.cv[i], rev = p.revenue[i]
            shapes[i] = GammaShape(1 / (cv * cv))
            scales[i] = rev * cv * cv
        }
    }
}
