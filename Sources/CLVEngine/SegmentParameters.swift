/// One segment's parameter vectors in one trial: the base values gathered from the draws, the
/// values at full effect, and their blend at an effect weight (`SegmentModel.blend`). Owned by
/// one worker (or one expected-value path) and reused for every segment and trial: no
/// allocation per trial or period.
final class SegmentParameters {
    private let storage: UnsafeMutableBufferPointer<Double>
    private let width: Int
    /// The effect operations' changes of the segment loaded last (`SegmentModel.changes`).
    private let changeStorage: UnsafeMutableBufferPointer<Double>
    /// The effect windows' weights: those `blend(_:_:t:plan:)` computed last.
    let weights: UnsafeMutableBufferPointer<Double>
    /// Parameter count of the segment loaded last.
    private(set) var count = 0
    /// Whether the segment loaded last has its values at full effect (`load`'s `levers`).
    private var levers = false
    /// The period whose series values `base` holds (1 after `load`).
    private var period = 1
    /// Counts the base vectors: a new one at every `load` and series change.
    private var generation = 0
    /// The generation `current` was last blended from in full (its untouched entries are that
    /// generation's base values), or −1.
    private var blended = -1

    /// Room for any segment of `model`.
    init(for model: ScenarioModel) {
        width = max(model.segments.map(\.count).max() ?? 1, 1)
        storage = .allocate(capacity: 3 * width)
        storage.initialize(repeating: 0)
        changeStorage = .allocate(capacity: max(model.segments.map(\.effects.count).max() ?? 1, 1))
        changeStorage.initialize(repeating: 0)
        weights = .allocate(capacity: max(model.windows.count, 1))
        weights.initialize(repeating: 0)
    }

    deinit {
        storage.deallocate()
        changeStorage.deallocate()
        weights.deallocate()
    }

    private func slice(_ k: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: storage[(k * width)..<(k * width + count)])
    }
    var base: UnsafeMutableBufferPointer<Double> { slice(0) }
    var full: UnsafeMutableBufferPointer<Double> { slice(1) }
    var current: UnsafeMutableBufferPointer<Double> { slice(2) }

    /// Gathers segment `m`'s base parameters from `draws` and, when `levers` is set, its
    /// parameters at full effect.
    func load(_ m: SegmentModel, _ draws: UnsafeBufferPointer<Double>, levers: Bool) {
        count = m.count
        valid = false
        self.levers = levers
        period = 1
        generation &+= 1
        m.base(draws, into: base)
        if levers {
            m.full(draws, base: UnsafeBufferPointer(base), into: full)
            m.changes(draws, into: changeStorage)
        }
    }

    /// Puts the series of segment `m` (the one loaded last) at their values of period t, in the
    /// base values and, with levers, in the values at full effect (the effects applied on top).
    func setPeriod(_ m: SegmentModel, _ t: Int) {
        let t = max(t, 1)
        guard !m.series.isEmpty, t != period, t <= m.seriesEnd || period < m.seriesEnd else { return }
        period = t
        generation &+= 1
        m.setPeriod(t, base: base)
        if levers { m.full(changes: UnsafeBufferPointer(changeStorage), base: UnsafeBufferPointer(base), into: full) }
    }

    /// Before period t: sets the windows' weights of the trial's plan and the series' values of
    /// the period; true when the period's parameters must be derived again (a weight or a series
    /// value changed, or the segment has trends).
    @inline(__always)
    func prepare(_ m: SegmentModel, _ model: ScenarioModel, _ t: Int, plan: ScenarioModel.TrialPlan, varies: Bool) -> Bool {
        let changed = setWeights(model, t, plan: plan, varies: varies)
        if m.series.isEmpty { return changed || m.trend != nil }
        let before = period
        setPeriod(m, t)
        return changed || period != before || m.trend != nil
    }

    /// Sets every window's weight to `w` (0: the baseline; the effect scale: full effect).
    func setWeights(_ w: Double) {
        for k in weights.indices { weights[k] = w }
    }

    /// Sets the windows' weights for period t of the trial's plan (all 0 when `varies` is
    /// false); true when some weight changed since the last call (always after `invalidate`).
    @discardableResult
    func setWeights(_ model: ScenarioModel, _ t: Int, plan: ScenarioModel.TrialPlan, varies: Bool) -> Bool {
        var changed = !valid
        valid = true
        for k in 0..<model.windows.count {
            let w = varies ? model.weight(window: k, t, plan: plan) : 0
            if !(w == weights[k]) { changed = true }
            weights[k] = w
        }
        return changed
    }

    /// Whether the weights of the trial's plan are all 0 in period t (the baseline's parameters).
    func weightsAreZero(_ model: ScenarioModel, _ t: Int, plan: ScenarioModel.TrialPlan, varies: Bool) -> Bool {
        guard varies else { return true }
        for k in 0..<model.windows.count where model.weight(window: k, t, plan: plan) != 0 {
            return false
        }
        return true
    }

    /// Whether `weights` holds what the last `setWeights` computed (false: the next one reports a change).
    private(set) var valid = false
    func invalidate() { valid = false }

    /// The parameters at the windows' current `weights`, in `current`: blended in full once per
    /// base vector, then only the parameters that effects touch.
    @discardableResult
    func blend(_ m: SegmentModel) -> UnsafeBufferPointer<Double> {
        m.blend(base: UnsafeBufferPointer(base), full: UnsafeBufferPointer(full), weights: UnsafeBufferPointer(weights),
                changes: UnsafeBufferPointer(changeStorage), into: current, copied: blended == generation)
        blended = generation
        return UnsafeBufferPointer(current)
    }

    /// Period t's parameters into `pp` at the windows' current `weights`: derived in full, or
    /// only what effects touch when `pp` was derived last from this base vector (same load and
    /// period) and the segment has no trends: the same numbers either way.
    func derive(_ m: SegmentModel, into pp: PeriodParameters, period t: Int) {
        let p = blend(m)
        let me = ObjectIdentifier(self)
        if m.trend == nil, let from = pp.derivedFrom, from.owner == me, from.generation == generation {
            pp.deriveVarying(m, p)
        } else {
            pp.derive(m, p, period: t)
        }
        pp.derivedFrom = (me, generation)
    }

    /// The parameters with every window at weight `w`, in `current`, with the series at period 1's
    /// values (as the closed-form and simulated CLV take them).
    @discardableResult
    func blend(_ m: SegmentModel, weight w: Double) -> UnsafeBufferPointer<Double> {
        setPeriod(m, 1)
        setWeights(w)
        valid = false
        return blend(m)
    }

    /// The parameters at full effect, each window at its owner's effect scale in the trial's plan
    /// (a portfolio's members each at their own scale), in `current`.
    @discardableResult
    func blendFull(_ m: SegmentModel, _ model: ScenarioModel, plan: ScenarioModel.TrialPlan) -> UnsafeBufferPointer<Double> {
        setPeriod(m, 1)
        for k in weights.indices { weights[k] = plan.scales[model.windows.owners[k]] }
        valid = false
        return blend(m)
    }

    /// The parameters in period t of the trial's plan (series at their values of period t), in `current`.
    @discardableResult
    func blend(_ m: SegmentModel, _ model: ScenarioModel, _ t: Int, plan: ScenarioModel.TrialPlan, varies: Bool)
        -> UnsafeBufferPointer<Double> {
        setPeriod(m, t)
        setWeights(model, t, plan: plan, varies: varies)
        return blend(m)
    }
}
