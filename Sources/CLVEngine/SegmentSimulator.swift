import CLVModel
import CLVNumerics

/// One segment's part of a trial: its parameters, period parameters and state within the
/// trial. `TrialSimulator` runs all segments period by period (so that the rows of every
/// segment are split together, `RowSplit`), calling `start`, then `prepare` and `finish` for
/// each period, then `terminalValue`. Allocated once per worker; nothing allocates per period.
final class SegmentSimulator {
    let index: Int
    let m: SegmentModel
    let pp: PeriodParameters
    let parameters: SegmentParameters
    /// Segment g's state s is at counts[offset + s] (and next[offset + s]) of the trial's buffers.
    let offset: Int
    /// As raw buffers (read per state and period without a retain or a bounds check): per state,
    /// whether it is a churn state and the start of its stage's row in the trial's stage sums
    /// (the stage's index · (T + 1)); the entry states.
    let churnFlag: UnsafeMutableBufferPointer<Bool>
    let stageRow: UnsafeMutableBufferPointer<Int>
    let entryList: UnsafeMutableBufferPointer<Int>
    let entryCount: Int
    /// Terminal value: transition matrix, net values, values per state and the solver's buffers.
    let dense: UnsafeMutableBufferPointer<Double>
    let net: UnsafeMutableBufferPointer<Double>
    let values: UnsafeMutableBufferPointer<Double>
    let solver: LinearSolve.Workspace
    /// Per entry state: the period parameters' arrival mean, prepared for repeated draws.
    let arrivalMeans: UnsafeMutableBufferPointer<PoissonMean>
    /// The period's revenue per state (`finishDraws`, read by `finishCash`), and the period's cash
    /// before revenue and costs (acquisition, move values).
    let revenue: UnsafeMutableBufferPointer<Double>
    var periodCash = 0.0
    /// The seed bases of the revenue and arrival streams, per period and state (`StreamBases`).
    let revenueBases: StreamBases
    let arrivalBases: StreamBases
    /// Segments with move values: the customers making each move in the period (`RowSplit.moved`),
    /// and the closed form's values per state (`PeriodParameters.lifetimeValue`).
    var moved: UnsafeMutableBufferPointer<Int64>? = nil
    let lifetime: UnsafeMutableBufferPointer<Double>
    /// Baseline only: where this segment's path is recorded, when some plan reuses it.
    var record: SegmentHistory? = nil
    /// Plans only: the baseline segment's history this segment may take periods over from.
    var reference: SegmentHistory? = nil

    // Within a trial.
    var varies = false
    /// Whether the period parameters were derived in this trial (at `parameters.weights`).
    var derived = false
    /// First simulated period: later than 1 when the periods before it are the baseline's.
    var first = 1
    /// Customer equity within the horizon.
    var ce = 0.0
    var takenFrom: SegmentHistory? = nil
    /// Whether `dense` and `net` hold period T's matrix and net values of the population valued
    /// last (set by `terminalValue` at the scenario's rate, which every population calls first).
    var terminalBuilt = false

    init(_ model: ScenarioModel, segment g: Int, keys: ProcessKeys, stride: Int) {
        index = g
        m = model.segments[g]
        pp = PeriodParameters(states: m.stateCount, moves: m.moveTo.count)
        parameters = SegmentParameters(for: model)
        offset = g * stride
        let stageIndex = model.stageOf.map { Stage.allCases.firstIndex(of: $0)! }
        churnFlag = .allocate(capacity: max(m.stateCount, 1))
        churnFlag.initialize(repeating: false)
        stageRow = .allocate(capacity: max(m.stateCount, 1))
        stageRow.initialize(repeating: 0)
        for s in 0..<m.stateCount {
            churnFlag[s] = m.churn[s]
            stageRow[s] = stageIndex[s] * (model.horizon + 1)
        }
        entryList = .allocate(capacity: max(m.entryStates.count, 1))
        entryList.initialize(repeating: 0)
        for (i, e) in m.entryStates.enumerated() { entryList[i] = e }
        entryCount = m.entryStates.count
        let S = m.stateCount
        dense = .allocate(capacity: max(S * S, 1))
        net = .allocate(capacity: max(S, 1))
        values = .allocate(capacity: max(S, 1))
        lifetime = .allocate(capacity: max(S, 1))
        solver = LinearSolve.Workspace(capacity: S)
        arrivalMeans = .allocate(capacity: max(S, 1))
        arrivalMeans.initialize(repeating: PoissonMean(0))
        revenueBases = StreamBases(keys: keys.revenue, horizon: model.horizon)
        arrivalBases = StreamBases(keys: keys.arrivals, horizon: model.horizon)
        revenue = .allocate(capacity: max(S, 1))
        revenue.initialize(repeating: 0)
    }

    deinit {
        dense.deallocate()
        net.deallocate()
        values.deallocate()
        lifetime.deallocate()
        arrivalMeans.deallocate()
        churnFlag.deallocate()
        stageRow.deallocate()
        entryList.deallocate()
        revenue.deallocate()
    }

    /// Period 0: loads the trial's parameters, sets the initial stocks and decides which periods
    /// are taken over from the baseline (see `TrialSimulator.reuse`).
    func start(_ trial: TrialContext, draws: UnsafeBufferPointer<Double>) {
        let S = m.stateCount, n = m.count, T = trial.T
        varies = trial.model.appliesLevers && !m.varying.isEmpty
        revenueBases.prepare(seed: trial.seed)
        arrivalBases.prepare(seed: trial.seed)
        parameters.load(m, draws, levers: varies)
        let b = parameters.base
        let p = parameters.blend(m, trial.model, 0, plan: trial.plan, varies: varies)
        var alive = 0.0
        for s in 0..<S {
            let x = p[m.layout.initial(s)].rounded()
            let c: Int64 = x.isFinite && x > 0 ? Int64(min(x, 1e15)) : 0
            trial.counts[offset + s] = c
            if !churnFlag[s] { alive += Double(c) }
            trial.stages[stageRow[s]] += Double(c)
        }
        trial.customers[0] += alive
        parameters.invalidate()
        derived = false
        ce = 0
        if let h = record {
            for k in 0..<n { h.base[k] = b[k] }
            for s in 0..<S { h.counts[s] = trial.counts[offset + s] }
        }
        // Periods before the effects start, taken over from the baseline when identical.
        first = 1
        takenFrom = nil
        if let h = reference, zero(trial, 0), (0..<n).allSatisfy({ b[$0] == h.base[$0] }) {
            var t0 = 0
            while t0 < T && zero(trial, t0 + 1) { t0 += 1 }
            first = t0 + 1
            takenFrom = h
            for s in 0..<S { trial.counts[offset + s] = h.counts[t0 * S + s] }
        }
    }

    /// Whether every effect window weighs 0 in period t (the parameters are the baseline's).
    @inline(__always)
    func zero(_ trial: TrialContext, _ t: Int) -> Bool {
        parameters.weightsAreZero(trial.model, t, plan: trial.plan, varies: varies)
    }

    /// Before period t's moves: derives the period's parameters when the effect weight changed
    /// and copies the counts into `next`. False when the period is taken over.
    func prepare(_ trial: TrialContext, _ t: Int, split: RowSplit) -> Bool {
        guard t >= first else { return false }
        if parameters.prepare(m, trial.model, t, plan: trial.plan, varies: varies) {
            parameters.derive(m, into: pp, period: t)
            split.prepare(segment: index, m, moves: pp.moves)
            for e in m.entryStates { arrivalMeans[e] = PoissonMean(pp.arrivals[e]) }
            derived = true
        }
        for s in 0..<m.stateCount { trial.next[offset + s] = trial.counts[offset + s] }
        return true
    }

    /// After period t's moves, first part: arrivals, and the states' revenue sums — drawn at once
    /// by the scalar sampler, or when `vectorized` added to `draws` (eight at a time in the lanes,
    /// with every segment's: `RevenueDraws`), for `finishCash` once `draws` is flushed. A period
    /// taken over from the baseline is left to `finishCash` whole.
    ///
    /// Each stream's seed StreamKey.streamSeed(seed, trial, combine(key, t)) is its period's
    /// base (`StreamBases`, prepared for the run's seed in `start`) mixed with trialMix =
    /// trial · 0xD1B54A32D192ED03: one mix per stream.
    func finishDraws(_ trial: TrialContext, _ t: Int, stream: RandomStream, lanes: BinomialLanes, draws: RevenueDraws,
                     vectorized: Bool, trialMix: UInt64) {
        if takenFrom != nil, t < first { return }
        let S = m.stateCount
        let next = trial.next
        let churn = churnFlag, revenueMean = pp.revenue, cvs = pp.cv
        var acquired: Int64 = 0
        let arrivalBase = arrivalBases.period(t)
        for i in 0..<entryCount where pp.arrivals[entryList[i]] > 0 {
            let e = entryList[i]
            stream.reset(raw: StreamBases.raw(arrivalBase[e], trialMix: trialMix))
            let a = stream.poisson(arrivalMeans[e])
            next[offset + e] = next[offset + e].addingClamped(a)
            acquired = acquired.addingClamped(a)
        }
        var cash = -Double(acquired) * pp.acquisitionCost
        if pp.hasMoveValues, let moved {
            // One-off values of the period's moves, on the customers who made them.
            for k in 0..<m.moveTo.count where moved[k] != 0 { cash += Double(moved[k]) * pp.moveValue[k] }
        }
        periodCash = cash
        // Revenue per state: Gamma sums (seeded from their bases).
        let revenueBase = revenueBases.period(t)
        for s in 0..<S {
            let c = next[offset + s]
            if churn[s] || c == 0 { continue }
            let nc = Double(c), rev = revenueMean[s], cv = cvs[s]
            revenue[s] = nc * rev
            // A shape beyond maxGammaShape (a vanishing cv, or billions of customers) has a
            // relative sd below 10^-6: its sum is its mean, n·revenue.
            guard cv > 0 && rev > 0 && nc / (cv * cv) <= RandomStream.maxGammaShape else { continue }
            let shape = nc / (cv * cv), scale = rev * cv * cv
            if vectorized, shape >= 1, scale.isFinite {
                draws.add(base: revenueBase[s], shape: shape, scale: scale, into: revenue.baseAddress! + s,
                          lanes: lanes, stream: stream, trialMix: trialMix)
            } else {
                stream.reset(raw: StreamBases.raw(revenueBase[s], trialMix: trialMix))
                revenue[s] = stream.gamma(shape: shape, scale: scale)
            }
        }
    }

    /// After period t's moves, second part (every segment's `finishDraws` done and its draws
    /// flushed): the period's counts and cash flow (revenue sums, costs, acquisition), or the
    /// baseline's period, when taken over. Returns the rows scaled down (overflows).
    func finishCash(_ trial: TrialContext, _ t: Int) -> Int {
        let S = m.stateCount
        if let h = takenFrom, t < first {
            var living = 0.0
            for s in 0..<S {
                let c = Double(h.counts[t * S + s])
                trial.stages[stageRow[s] + t] += c
                if !churnFlag[s] { living += c }
            }
            trial.cashFlow[t] += h.cash[t]
            trial.customers[t] += living
            ce += trial.discountFactors[t] * h.cash[t]
            return h.overflows[t]
        }
        let next = trial.next, counts = trial.counts, stages = trial.stages
        let churn = churnFlag, costs = pp.cost
        var cash = periodCash
        var alive = 0.0
        for s in 0..<S {
            let c = next[offset + s]
            counts[offset + s] = c
            stages[stageRow[s] + t] += Double(c)
            if churn[s] || c == 0 { continue }
            let nc = Double(c)
            alive += nc
            cash += revenue[s] - nc * costs[s]
        }
        trial.cashFlow[t] += cash
        trial.customers[t] += alive
        ce += trial.discountFactors[t] * cash
        if let h = record {
            for s in 0..<S { h.counts[t * S + s] = counts[offset + s] }
            h.cash[t] = cash
            h.overflows[t] = pp.overflows
        }
        return pp.overflows
    }

    /// Terminal value (model.md 3.4): customers alive at T, valued from T + 1 on at period T's
    /// parameters, discounted to 0.
    func terminalValue(_ trial: TrialContext) -> Double { terminalValue(trial, discount: nil) }

    /// The terminal value at per-period discount factor `discount` (nil: the scenario's),
    /// discounted to 0 at that factor.
    /// The scenario's own rate (`alt` nil) builds period T's matrix and net values; the other rates
    /// of the same population (called after it) reuse them and only solve again: they do not depend
    /// on the rate.
    func terminalValue(_ trial: TrialContext, discount alt: Double?) -> Double {
        let S = m.stateCount, T = trial.T
        let d = alt ?? trial.model.discount
        if !derived {     // every period was taken over: period T's parameters
            pp.derive(m, parameters.blend(m, trial.model, T, plan: trial.plan, varies: varies), period: T)
            derived = true
            terminalBuilt = false
        }
        let P = UnsafeMutableBufferPointer(rebasing: dense[0..<(S * S)])
        let v = UnsafeMutableBufferPointer(rebasing: net[0..<S]), x = UnsafeMutableBufferPointer(rebasing: values[0..<S])
        if alt == nil || !terminalBuilt {
            pp.dense(m, into: P)
            pp.netValue(into: v)
            terminalBuilt = true
        }
        var solved = v
        if pp.hasMoveValues {
            solved = UnsafeMutableBufferPointer(rebasing: lifetime[0..<S])
            pp.lifetimeValue(m, discount: d, into: solved)
        }
        guard clvVector(UnsafeBufferPointer(P), UnsafeBufferPointer(solved), discount: d,
                        workspace: solver, into: x) else { return .nan }
        var tv = 0.0
        for s in 0..<S where trial.counts[offset + s] > 0 { tv += Double(trial.counts[offset + s]) * (x[s] - v[s]) }
        guard let alt else { return tv * trial.discountFactors[T] }
        var dT = 1.0
        for _ in 0..<T { dT *= alt }
        return tv * dT
    }
}

/// What every segment of a trial shares: the scenario, the trial's plan and identity, the
/// counts of all segments and the trial's output rows. One per `TrialSimulator`, whose
/// `population` sets the per-trial fields: a class, so that no trial copies the scenario's model
/// (a struct of some twenty arrays, each retained and released per copy).
final class TrialContext {
    let model: ScenarioModel
    var plan: ScenarioModel.TrialPlan
    var seed: UInt64 = 0, trial: UInt64 = 0
    let T: Int
    let discountFactors: [Double]
    let counts: UnsafeMutableBufferPointer<Int64>
    let next: UnsafeMutableBufferPointer<Int64>
    var stages: UnsafeMutableBufferPointer<Double>
    var cashFlow: UnsafeMutableBufferPointer<Double>
    var customers: UnsafeMutableBufferPointer<Double>

    init(model: ScenarioModel, counts: UnsafeMutableBufferPointer<Int64>, next: UnsafeMutableBufferPointer<Int64>) {
        self.model = model
        plan = model.newTrialPlan()
        T = model.horizon
        discountFactors = model.discountFactors
        self.counts = counts
        self.next = next
        stages = UnsafeMutableBufferPointer(start: nil, count: 0)
        cashFlow = stages
        customers = stages
    }
}
