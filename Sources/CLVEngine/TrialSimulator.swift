import CLVModel
import CLVNumerics

/// One worker's machinery for simulating whole trials of one scenario: parameter buffers,
/// counts and its own random stream. Allocated once per worker; nothing allocates per period.
final class TrialSimulator {
    let model: ScenarioModel
    let stream: RandomStream
    /// Eight streams side by side, for the rows' splits.
    var lanes = BinomialLanes()
    let keys: [ProcessKeys]
    let periods: [PeriodParameters]
    /// Per segment: its rows' chains, laid out for the lanes.
    let splits: [RowSplit]
    let parameters: SegmentParameters
    let counts: UnsafeMutableBufferPointer<Int64>
    let next: UnsafeMutableBufferPointer<Int64>
    var plan: ScenarioModel.TrialPlan
    let stageIndex: [Int]
    /// Baseline only: the path of each segment in the current trial, when some plan reuses it.
    var history: [SegmentHistory]? = nil
    /// Plans only: the baseline's simulator and, per segment, the index of the baseline segment
    /// with the same structure and process streams (nil when there is none).
    var reference: (sim: TrialSimulator, segment: [Int?])? = nil

    init(_ model: ScenarioModel, stream: RandomStream) {
        self.model = model
        self.stream = stream
        keys = model.segments.map { ProcessKeys($0, states: model.scenario.states) }
        periods = model.segments.map { PeriodParameters(states: $0.stateCount, moves: $0.moveTo.count) }
        splits = zip(model.segments, keys).map { RowSplit($0, keys: $1.moves) }
        parameters = SegmentParameters(for: model)
        let S = model.scenario.states.count
        counts = .allocate(capacity: S)
        counts.initialize(repeating: 0)
        next = .allocate(capacity: S)
        next.initialize(repeating: 0)
        plan = model.newTrialPlan()
        stageIndex = model.stageOf.map { Stage.allCases.firstIndex(of: $0)! }
    }

    deinit {
        counts.deallocate()
        next.deallocate()
    }

    /// Lets this plan reuse the baseline's periods before its effects start.
    ///
    /// In a trial where a segment's base parameters equal the baseline's and the effect weight
    /// is still 0, the plan's parameters are the baseline's, and its draws come from the same
    /// streams (keyed by trial, period and state names): its path is the baseline's, bit for
    /// bit. Copying it instead of drawing it again changes no result; it saves the periods up
    /// to `ramp.from` + delay (all of them in a trial where the effect scale is 0).
    func reuse(_ baseline: TrialSimulator) {
        var map: [Int?] = []
        for (g, m) in model.segments.enumerated() {
            let gb = baseline.model.segments.firstIndex { b in
                b.name == m.name && b.stateCount == m.stateCount && b.churn == m.churn && b.moveTo == m.moveTo
                    && b.entryStates == m.entryStates && b.count == m.count
                    && b.rows.map { [$0.from, $0.start, $0.count] } == m.rows.map { [$0.from, $0.start, $0.count] }
            }
            map.append(gb.flatMap { baseline.keys[$0].moves == keys[g].moves && baseline.keys[$0].arrivals == keys[g].arrivals
                && baseline.keys[$0].revenue == keys[g].revenue ? $0 : nil })
        }
        guard map.contains(where: { $0 != nil }), model.horizon == baseline.model.horizon,
              model.discountFactors == baseline.model.discountFactors else { return }
        reference = (baseline, map)
        if baseline.history == nil {
            baseline.history = baseline.model.segments.map {
                SegmentHistory(states: $0.stateCount, horizon: baseline.model.horizon, parameters: $0.count)
            }
        }
    }

    /// Simulates trial `trial` from its input draws and writes its results into `out` at row
    /// `trial`; stage sums and overflows accumulate into chunk row `chunk`.
    func run(trial: Int, seed: UInt64, draws: UnsafeBufferPointer<Double>, into out: ScenarioTrials, chunk: Int) {
        let T = model.horizon
        let d = model.discountFactors
        if model.appliesLevers {
            model.trialPlan(draws, into: &plan)
            let c = out.cost.row(trial)
            for t in 0...T { c[t] = plan.cost[t] }
            let pv = out.costPVByCategory.row(trial)
            for k in 0..<plan.costPVByCategory.count { pv[k] = plan.costPVByCategory[k] }
            let occ = out.occurred.row(trial)
            for k in 0..<plan.occurred.count { occ[k] = plan.occurred[k] ? 1 : 0 }
            out.delay[trial, 0] = plan.delay
            out.effectScale[trial, 0] = plan.scale
        }
        let cf = out.cashFlow.row(trial), cust = out.customers.row(trial)
        for t in 0...T { cf[t] = 0; cust[t] = 0 }
        let stages = out.stageSums.row(chunk)
        var overflows = 0
        var ceTotal = 0.0, tvTotal = 0.0
        let u = UInt64(trial)
        let seedMix = StreamKey.mix(seed), trialMix = u &* 0xD1B5_4A32_D192_ED03
        for (g, m) in model.segments.enumerated() {
            let pp = periods[g], key = keys[g]
            let S = m.stateCount
            let n = m.count
            let varies = model.appliesLevers && !m.varying.isEmpty
            parameters.load(m, draws, levers: varies)
            let b = parameters.base
            func weight(_ t: Int) -> Double { varies ? model.weight(t, delay: plan.delay, scale: plan.scale) : 0 }
            var p = parameters.blend(m, weight: weight(0))
            var alive = 0.0
            for s in 0..<S {
                let x = p[m.initialOffset + s].rounded()
                counts[s] = x.isFinite && x > 0 ? Int64(min(x, 1e15)) : 0
                if !m.churn[s] { alive += Double(counts[s]) }
                stages[stageIndex[s] * (T + 1)] += Double(counts[s])
            }
            cust[0] += alive
            var lastWeight = Double.nan
            var segCE = 0.0
            let record = history?[g]
            if let h = record {
                for k in 0..<n { h.base[k] = b[k] }
                for s in 0..<S { h.counts[s] = counts[s] }
            }
            // Periods before the effects start, taken over from the baseline when identical.
            var first = 1
            if let ref = reference, let gb = ref.segment[g], let h = ref.sim.history?[gb], weight(0) == 0,
               (0..<n).allSatisfy({ b[$0] == h.base[$0] }) {
                var t0 = 0
                while t0 < T && weight(t0 + 1) == 0 { t0 += 1 }
                for t in stride(from: 1, through: t0, by: 1) {
                    var living = 0.0
                    for s in 0..<S {
                        let c = Double(h.counts[t * S + s])
                        stages[stageIndex[s] * (T + 1) + t] += c
                        if !m.churn[s] { living += c }
                    }
                    cf[t] += h.cash[t]
                    cust[t] += living
                    segCE += d[t] * h.cash[t]
                    overflows += h.overflows[t]
                }
                for s in 0..<S { counts[s] = h.counts[t0 * S + s] }
                first = t0 + 1
            }
            for t in stride(from: first, through: T, by: 1) {
                let w = weight(t)
                if w != lastWeight {
                    p = parameters.blend(m, weight: w)
                    pp.derive(m, p)
                    splits[g].prepare(m, moves: pp.moves)
                    lastWeight = w
                }
                overflows += pp.overflows
                let tk = UInt64(t)
                for s in 0..<S { next[s] = counts[s] }
                // Moves: one multinomial draw per row, up to eight rows at once (RowSplit).
                // Each row's stream is StreamKey.streamSeed(seed, trial, combine(row key, t)), lane by lane.
                let periodMix = StreamKey.mix(tk &+ 0x9E37_79B9_7F4A_7C15)
                splits[g].split(counts: counts, next: next, lanes: &lanes, stream: stream) { rowKeys in
                    let key = BinomialLanes.mix(rowKeys ^ periodMix)
                    return BinomialLanes.mix(BinomialLanes.mix(seedMix ^ key) ^ trialMix)
                }
                // Arrivals.
                var acquired: Int64 = 0
                for e in m.entryStates where pp.arrivals[e] > 0 {
                    stream.reset(seed: seed, trial: u, key: StreamKey.combine(key.arrivals[e], tk))
                    let a = stream.poisson(pp.arrivals[e])
                    next[e] = next[e].addingClamped(a)
                    acquired = acquired.addingClamped(a)
                }
                // Cash flow: exact Gamma sums of revenue, costs, acquisition.
                var cash = -Double(acquired) * pp.acquisitionCost
                alive = 0
                for s in 0..<S {
                    let c = next[s]
                    counts[s] = c
                    stages[stageIndex[s] * (T + 1) + t] += Double(c)
                    if m.churn[s] || c == 0 { continue }
                    let nc = Double(c)
                    alive += nc
                    let rev = pp.revenue[s], cv = pp.cv[s]
                    var r = nc * rev
                    // A shape beyond maxGammaShape (a vanishing cv, or billions of customers) has a
                    // relative sd below 10^-6: its sum is its mean, n·revenue.
                    if cv > 0 && rev > 0 && nc / (cv * cv) <= RandomStream.maxGammaShape {
                        stream.reset(seed: seed, trial: u, key: StreamKey.combine(key.revenue[s], tk))
                        r = stream.gamma(shape: nc / (cv * cv), scale: rev * cv * cv)
                    }
                    cash += r - nc * pp.cost[s]
                }
                cf[t] += cash
                cust[t] += alive
                segCE += d[t] * cash
                if let h = record {
                    for s in 0..<S { h.counts[t * S + s] = counts[s] }
                    h.cash[t] = cash
                    h.overflows[t] = pp.overflows
                }
            }
            if lastWeight.isNaN {     // every period was taken over: period T's parameters for the terminal value
                pp.derive(m, parameters.blend(m, weight: weight(T)))
            }
            // Terminal value (model.md 3.4): customers alive at T, valued from T + 1 on at period T's parameters.
            var tv = 0.0
            let v = pp.netValue()
            if let x = clvVector(pp.dense(m), v, discount: model.discount) {
                for s in 0..<S where counts[s] > 0 { tv += Double(counts[s]) * (x[s] - v[s]) }
                tv *= d[T]
            } else {
                tv = .nan
            }
            ceTotal += segCE
            tvTotal += tv
            out.segmentCE[trial, g] = segCE
        }
        out.ce[trial, 0] = ceTotal
        out.ceTerminal[trial, 0] = ceTotal + tvTotal
        out.overflowCounts[chunk, 0] += Double(overflows)
    }
}
