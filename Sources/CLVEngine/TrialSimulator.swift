import CLVModel
import CLVNumerics

/// One worker's machinery for simulating whole trials of one scenario: one `SegmentSimulator`
/// per segment, the counts of all segments, the rows' split and its own random streams.
/// Allocated once per worker; nothing allocates per period.
final class TrialSimulator {
    let model: ScenarioModel
    let stream: RandomStream
    /// Eight streams side by side, for the rows' splits, and whether they draw (else the scalar
    /// sampler splits row after row, with the same draws: `LaneChoice`).
    let lanes: BinomialLanes
    /// The period's revenue Gamma draws of every segment, pooled for the lanes.
    let revenueDraws = RevenueDraws()
    let vectorized: Bool
    let keys: [ProcessKeys]
    let segments: [SegmentSimulator]
    /// The same simulators, for the per-period loops: called through a borrowed reference
    /// (`_withUnsafeGuaranteedRef`), so that a period does not retain and release each segment
    /// (`segments` keeps them alive).
    let segmentRefs: UnsafeMutableBufferPointer<Unmanaged<SegmentSimulator>>
    /// Every segment's rows' chains, laid out for the lanes.
    let split: RowSplit
    /// Counts of every segment at the start and at the end of the period: segment g's state s
    /// at g·stride + s.
    let counts: UnsafeMutableBufferPointer<Int64>
    let next: UnsafeMutableBufferPointer<Int64>
    var plan: ScenarioModel.TrialPlan
    /// Per segment: whether it is simulated (not taken over) in the current period.
    let live: UnsafeMutableBufferPointer<Bool>
    /// What the segments share within the trial being simulated (`population` sets it).
    let context: TrialContext
    /// Baseline only: the path of each segment in the current trial, when some plan reuses it.
    var history: [SegmentHistory]? = nil
    /// Plans only: the baseline's simulator and, per segment, the index of the baseline segment
    /// with the same structure and process streams (nil when there is none).
    var reference: (sim: TrialSimulator, segment: [Int?])? = nil
    /// Plans with risk responses: the trial's plan without one response, and scratch rows for the
    /// population run it needs when its delay or effect scale differs (nothing is kept of it but
    /// the customer equity).
    var without: ScenarioModel.TrialPlan
    let scratch: UnsafeMutableBufferPointer<Double>
    /// Whether the terminal value is also valued at the alternate rates and the hurdle grid's
    /// (`ScenarioTrials.terminalAtRates`). Only an NPV on the terminal basis (the baseline's
    /// `terminal_value: clv`) reads them; without it they stay 0 and two or more dense solves per
    /// segment and trial are saved (no other result depends on them).
    var valuesAtRates = true

    init(_ model: ScenarioModel, stream: RandomStream, lanes isa: BinomialLanes.ISA? = BinomialLanes.engineISA) {
        self.model = model
        self.stream = stream
        lanes = BinomialLanes(isa: isa ?? .best)
        vectorized = isa != nil
        let keys = model.segments.map { ProcessKeys($0, states: model.scenario.states) }
        self.keys = keys
        let S = model.scenario.states.count, G = model.segments.count
        segments = (0..<G).map { SegmentSimulator(model, segment: $0, keys: keys[$0], stride: S) }
        segmentRefs = .allocate(capacity: max(G, 1))
        for g in 0..<G { (segmentRefs.baseAddress! + g).initialize(to: .passUnretained(segments[g])) }
        split = RowSplit(model, keys: keys, stride: S)
        for (g, seg) in segments.enumerated() where model.segments[g].hasMoveValues {
            seg.moved = split.moved(segment: g, count: model.segments[g].moveTo.count)
        }
        counts = .allocate(capacity: max(G * S, 1))
        counts.initialize(repeating: 0)
        next = .allocate(capacity: max(G * S, 1))
        next.initialize(repeating: 0)
        live = .allocate(capacity: max(G, 1))
        live.initialize(repeating: false)
        context = TrialContext(model: model, counts: counts, next: next)
        plan = model.newTrialPlan()
        without = model.newTrialPlan()
        let T1 = model.horizon + 1
        scratch = .allocate(capacity: model.responses.isEmpty ? 1 : (2 + Stage.allCases.count) * T1)
        scratch.initialize(repeating: 0)
    }

    deinit {
        segmentRefs.deallocate()
        scratch.deallocate()
        counts.deallocate()
        next.deallocate()
        live.deallocate()
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
            let key = m.structureKey
            let gb = baseline.model.segments.firstIndex { $0.structureKey == key }
            map.append(gb.flatMap { baseline.keys[$0].moves == keys[g].moves && baseline.keys[$0].arrivals == keys[g].arrivals
                && baseline.keys[$0].revenue == keys[g].revenue ? $0 : nil })
        }
        guard map.contains(where: { $0 != nil }), model.horizon == baseline.model.horizon,
              model.discountFactors == baseline.model.discountFactors else { return }
        reference = (baseline, map)
        if baseline.history == nil {
            let h = baseline.model.segments.map {
                SegmentHistory(states: $0.stateCount, horizon: baseline.model.horizon, parameters: $0.count)
            }
            baseline.history = h
            for (g, seg) in baseline.segments.enumerated() { seg.record = h[g] }
        }
        for (g, seg) in segments.enumerated() { seg.reference = map[g].map { baseline.history![$0] } }
    }

    /// Simulates trial `trial` from its input draws and writes its results into `out` at row
    /// `trial`; stage sums and overflows accumulate into chunk row `chunk`.
    func run(trial: Int, seed: UInt64, draws: UnsafeBufferPointer<Double>, into out: ScenarioTrials, chunk: Int) {
        let T = model.horizon
        if model.appliesLevers {
            model.trialPlan(draws, into: &plan)
            let c = out.cost.row(trial)
            for t in 0...T { c[t] = plan.cost[t] }
            let pv = out.costPVByCategory.row(trial)
            for k in 0..<plan.costPVByCategory.count { pv[k] = plan.costPVByCategory[k] }
            if out.costByCategoryPeriod.rows > 0 {
                let cc = out.costByCategoryPeriod.row(trial)
                for k in 0..<plan.costByCategoryPeriod.count { cc[k] = plan.costByCategoryPeriod[k] }
            }
            let occ = out.occurred.row(trial)
            for k in 0..<plan.occurred.count { occ[k] = plan.occurred[k] ? 1 : 0 }
            out.delay[trial, 0] = plan.delay
            out.effectScale[trial, 0] = plan.scale
        }
        let cf = out.cashFlow.row(trial), cust = out.customers.row(trial)
        let p = population(trial: trial, seed: seed, draws: draws, plan: plan, cashFlow: cf, customers: cust,
                           stages: out.stageSums.row(chunk), grid: (out, trial))
        for (g, seg) in segments.enumerated() { out.segmentCE[trial, g] = seg.ce }
        let (ceTotal, tvTotal, tvLow, tvHigh, overflows) = p
        out.terminalAtRates[trial, 0] = tvLow
        out.terminalAtRates[trial, 1] = tvHigh
        out.ce[trial, 0] = ceTotal
        out.ceTerminal[trial, 0] = ceTotal + tvTotal
        out.overflowCounts[chunk, 0] += Double(overflows)
        if !model.responses.isEmpty { responses(trial: trial, seed: seed, draws: draws, into: out, ce: ceTotal, tv: tvTotal) }
    }

    /// The trial's population: every segment period by period, into the given rows. Returns
    /// customer equity, terminal value (also at the two other rates) and the rows scaled down.
    private func population(trial: Int, seed: UInt64, draws: UnsafeBufferPointer<Double>, plan: ScenarioModel.TrialPlan,
                            cashFlow cf: UnsafeMutableBufferPointer<Double>, customers cust: UnsafeMutableBufferPointer<Double>,
                            stages: UnsafeMutableBufferPointer<Double>, grid: (ScenarioTrials, Int)? = nil)
        -> (ce: Double, tv: Double, tvLow: Double, tvHigh: Double, overflows: Int) {
        let T = model.horizon, G = segments.count
        for t in 0...T { cf[t] = 0; cust[t] = 0 }
        let u = UInt64(trial)
        let context = self.context
        context.plan = plan
        context.seed = seed
        context.trial = u
        context.stages = stages
        context.cashFlow = cf
        context.customers = cust
        split.bases.prepare(seed: seed)
        for seg in segments { seg.start(context, draws: draws) }
        // Period by period, every segment at once: the rows of all segments are split together.
        var overflows = 0
        let trialMix = u &* 0xD1B5_4A32_D192_ED03    // StreamKey.streamSeed's trial part (StreamBases)
        for t in Swift.stride(from: 1, through: T, by: 1) {
            for g in 0..<G { live[g] = segmentRefs[g]._withUnsafeGuaranteedRef { $0.prepare(context, t, split: split) } }
            // Moves: one multinomial draw per row, eight rows at once (RowSplit). Each row's
            // stream is StreamKey.streamSeed(seed, trial, combine(row key, t)), lane by lane.
            split.split(counts: counts, next: next, live: live, lanes: lanes, stream: stream,
                        vectorized: vectorized, period: t, trialMix: trialMix)
            // Arrivals and revenue sums, the segments' Gamma draws pooled in the lanes; then each
            // segment's counts and cash flow, in segment order.
            for g in 0..<G {
                segmentRefs[g]._withUnsafeGuaranteedRef {
                    $0.finishDraws(context, t, stream: stream, lanes: lanes, draws: revenueDraws, vectorized: vectorized,
                                   trialMix: trialMix)
                }
            }
            revenueDraws.flush(lanes: lanes, stream: stream, trialMix: trialMix)
            for g in 0..<G { overflows += segmentRefs[g]._withUnsafeGuaranteedRef { $0.finishCash(context, t) } }
        }
        var ceTotal = 0.0, tvTotal = 0.0, tvLow = 0.0, tvHigh = 0.0
        // The hurdle grid's rates (decision.hurdle_rates) after the two alternates, for the run's own
        // population only (not for a response left out, whose values at other rates nothing reads).
        let rates = grid == nil ? 2 : model.alternateDiscounts.count
        if let (out, trial) = grid { for a in 2..<max(rates, 2) { out.terminalAtRates[trial, a] = 0 } }
        let atRates = valuesAtRates && grid != nil
        for seg in segments {
            let tv = seg.terminalValue(context)
            ceTotal += seg.ce
            tvTotal += tv
            guard atRates else { continue }
            // The same customers and parameters, valued at the other two rates (no draw involved).
            tvLow += seg.terminalValue(context, discount: model.alternateDiscounts[0])
            tvHigh += seg.terminalValue(context, discount: model.alternateDiscounts[1])
            // The hurdle grid's rates (decision.hurdle_rates), likewise.
            if let (out, trial) = grid {
                for a in 2..<max(rates, 2) { out.terminalAtRates[trial, a] += seg.terminalValue(context, discount: model.alternateDiscounts[a]) }
            }
        }
        return (ceTotal, tvTotal, tvLow, tvHigh, overflows)
    }

    /// Each response left out in turn (model.md, risk responses): the plan's cost under the same
    /// draws, and its customer equity — the trial's own when the delay and effect scale are the same
    /// (the population then is the same, bit for bit: its draws are keyed by trial, period and
    /// state), else simulated again with the other delay and scale, from the same streams.
    private func responses(trial: Int, seed: UInt64, draws: UnsafeBufferPointer<Double>, into out: ScenarioTrials,
                           ce: Double, tv: Double) {
        let T = model.horizon, d = model.discountFactors, T1 = T + 1
        let row = out.responses.row(trial)
        for j in model.responses.indices {
            model.trialPlan(draws, into: &without, without: j)
            var cost = 0.0
            for t in 0...T { cost += d[t] * without.cost[t] }
            var (ceW, tvW) = (ce, tv)
            if without.delays != plan.delays || without.scales != plan.scales {
                let p = population(trial: trial, seed: seed, draws: draws, plan: without,
                                   cashFlow: UnsafeMutableBufferPointer(rebasing: scratch[0..<T1]),
                                   customers: UnsafeMutableBufferPointer(rebasing: scratch[T1..<(2 * T1)]),
                                   stages: UnsafeMutableBufferPointer(rebasing: scratch[(2 * T1)...]))
                (ceW, tvW) = (p.ce, p.tv)
            }
            row[3 * j] = ceW
            row[3 * j + 1] = ceW + tvW
            row[3 * j + 2] = cost
        }
    }
}
