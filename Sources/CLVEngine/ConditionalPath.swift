public import CLVModel
import CLVNumerics

/// The expected customer equity of one scenario **given one trial's input draws**: the
/// expected-value recursion of model.md 3.5, `m_t = m_{t−1} P_t + λ_t`, run at the trial's
/// parameters (its draws, its risks as they occurred: delay, effect scale, overruns) instead of
/// at the means.
///
/// Given the inputs, everything else a trial draws — the multinomial moves, the Poisson
/// arrivals, the Gamma revenue sums — enters customer equity linearly, so this is the exact
/// conditional expectation E[CE | inputs] of what `Engine.run` simulates for that trial (initial
/// counts rounded, probabilities clamped and rows rescaled exactly as there; terminal value on
/// the counts at T, as in model.md 3.4). Averaged over a run's trials it estimates the same
/// expected NPV as the run's mean, without the population's own noise (Rao–Blackwell).
///
/// One instance per thread: it owns its buffers and allocates nothing per trial.
public final class ConditionalPath {
    public let model: ScenarioModel
    let parameters: SegmentParameters
    let pp: [PeriodParameters]
    let solver: LinearSolve.Workspace
    let m0: UnsafeMutableBufferPointer<Double>, m1: UnsafeMutableBufferPointer<Double>
    let dense: UnsafeMutableBufferPointer<Double>, net: UnsafeMutableBufferPointer<Double>, x: UnsafeMutableBufferPointer<Double>
    let life: UnsafeMutableBufferPointer<Double>
    var plan: ScenarioModel.TrialPlan
    /// One trial's draws, copied for `evaluate(_:trial:setting:to:)`.
    var row: [Double] = []
    /// The scenario's segment models, each held by a class (`Held`) and reached unretained: an
    /// evaluation passes `held.m`, a class's constant, borrowed in place. Passing `segments[g]` of
    /// the array (or of its buffer) copied the struct, retaining and releasing each of its twenty
    /// arrays, per segment and evaluation — and break-even evaluates every trial per step.
    let held: [Held]
    let heldRefs: UnsafeMutableBufferPointer<Unmanaged<Held>>
    final class Held {
        let m: SegmentModel
        init(_ m: SegmentModel) { self.m = m }
    }

    public init(_ model: ScenarioModel) {
        self.model = model
        parameters = SegmentParameters(for: model)
        pp = model.segments.map { PeriodParameters(states: $0.stateCount, moves: $0.moveTo.count) }
        let S = max(model.scenario.states.count, 1)
        solver = LinearSolve.Workspace(capacity: S)
        m0 = .allocate(capacity: S)
        m1 = .allocate(capacity: S)
        dense = .allocate(capacity: S * S)
        net = .allocate(capacity: S)
        x = .allocate(capacity: S)
        life = .allocate(capacity: S)
        plan = model.newTrialPlan()
        held = model.segments.map(Held.init)
        heldRefs = .allocate(capacity: max(held.count, 1))
        for g in held.indices { (heldRefs.baseAddress! + g).initialize(to: .passUnretained(held[g])) }
    }

    deinit {
        for b in [m0, m1, dense, net, x, life] { b.deallocate() }
        heldRefs.deallocate()
    }

    /// `evaluate` at trial `trial` of a run's draws, with the input slots `slots` set to `value`
    /// in that trial (as a stress of those inputs at the constant `value` would draw them).
    /// `terminal: false` skips the terminal value (then `ceTerminal` is `ce`): what a caller on the
    /// horizon basis needs, without a dense solve per segment. With `cache` (laid out for the same
    /// `slots`), `record` keeps the trial's parts that do not depend on `value` in its block, and a
    /// later call with `record: false` reuses them (`Reuse`): the same result, bit for bit.
    public func evaluate(_ draws: Matrix, trial: Int, setting slots: [Int] = [], to value: Double = 0, terminal: Bool = true,
                         cache: Reuse.Cache? = nil, record: Bool = false)
        -> (ce: Double, ceTerminal: Double, costPV: Double) {
        if row.count != draws.columns { row = [Double](repeating: 0, count: draws.columns) }
        let base = trial * draws.columns
        for k in 0..<draws.columns { row[k] = draws.storage[base + k] }
        for s in slots { row[s] = value }
        let block = cache.map { $0.block(trial) }
        return row.withUnsafeBufferPointer {
            evaluate($0, terminal: terminal, reuse: cache?.layout, block: block, record: record)
        }
    }

    /// E[CE | draws] within the horizon and with terminal value, and the present value of the
    /// plan's costs in that trial (0 for a scenario that applies no levers). `terminal: false`
    /// leaves the terminal value out (`ceTerminal` is then `ce`); `ce` and `costPV` are the same.
    public func evaluate(_ draws: UnsafeBufferPointer<Double>, terminal: Bool = true) -> (ce: Double, ceTerminal: Double, costPV: Double) {
        evaluate(draws, terminal: terminal, reuse: nil, block: nil, record: false)
    }

    /// `evaluate`, recording into or replaying from one trial's `block` of a `Reuse.Cache`.
    func evaluate(_ draws: UnsafeBufferPointer<Double>, terminal: Bool, reuse: Reuse?, block: UnsafeMutablePointer<Double>?,
                  record: Bool) -> (ce: Double, ceTerminal: Double, costPV: Double) {
        let T = model.horizon, d = model.discountFactors
        var costPV = 0.0
        if model.appliesLevers {
            model.trialPlan(draws, into: &plan)
            for t in 0...T { costPV += plan.cost[t] * d[t] }
        }
        var ce = 0.0, tv = 0.0
        // One segment at a time, given its model borrowed from its holder (`held`).
        func segment(_ g: Int, _ m: SegmentModel) {
            let S = m.stateCount, p = pp[g]
            let varies = model.appliesLevers && !m.varying.isEmpty
            // This segment's part of the trial's block (see `Reuse`): [code, d^t·CF_t for t = 1...T,
            // counts after the leading periods (S), terminal terms (S), their count or −1 for NaN].
            let b = reuse.flatMap { r in block.map { $0 + r.offsets[g] } }
            var mt = m0, nx = m1
            var first = 1, derived = false
            if let b, !record, let r = reuse {
                let code = Int(b[0])
                if code == T + 1 {
                    // Nothing of this segment depends on the value: its sums as recorded, in order.
                    for t in Swift.stride(from: 1, through: T, by: 1) { ce += b[t] }
                    if terminal {
                        let k = Int(b[T + 1 + 2 * S])
                        if k < 0 { tv = .nan } else { for j in 0..<k { tv += b[T + 1 + S + j] } }
                    }
                    return
                }
                if code >= 0 && r.leadingZeroPeriods(model, plan: plan, varies: varies) == code {
                    // The periods before any effect weighs: base parameters, whatever the value.
                    parameters.load(m, draws, levers: varies)
                    parameters.invalidate()
                    for t in Swift.stride(from: 1, through: code, by: 1) { ce += b[t] }
                    for s in 0..<S { mt[s] = b[T + 1 + s] }
                    first = code + 1
                    derived = code >= 1
                }
            }
            var code = -1
            if first == 1 {
                parameters.load(m, draws, levers: varies)
                let start = parameters.blend(m, model, 0, plan: plan, varies: varies)
                parameters.invalidate()
                for s in 0..<S {
                    let c = start[m.layout.initial(s)].rounded()
                    mt[s] = c.isFinite && c > 0 ? min(c, 1e15) : 0
                }
                if let b, record, let r = reuse {
                    let lead = r.leadingZeroPeriods(model, plan: plan, varies: varies)
                    code = r.readsBase[g] ? -1 : r.invariant[g] || lead >= T ? T + 1 : lead
                    b[0] = Double(code)
                    if code == 0 { for s in 0..<S { b[T + 1 + s] = mt[s] } }
                }
            }
            for t in Swift.stride(from: first, through: T, by: 1) {
                if parameters.prepare(m, model, t, plan: plan, varies: varies) {
                    parameters.derive(m, into: p, period: t)
                    derived = true
                }
                for s in 0..<S { nx[s] = mt[s] * p.stay[s] }
                var cf = p.expectedMoveValue(m, UnsafeBufferPointer(mt))
                for r in m.rows {
                    let from = mt[r.from]
                    if from == 0 { continue }
                    for k in r.start..<(r.start + r.count) { nx[m.moveTo[k]] += from * p.moves[k] }
                }
                for s in 0..<S {
                    nx[s] += p.arrivals[s]
                    cf += nx[s] * (p.revenue[s] - p.cost[s]) - p.arrivals[s] * p.acquisitionCost
                }
                let term = d[t] * cf
                ce += term
                swap(&mt, &nx)
                if let b, record {
                    b[t] = term
                    if t == code { for s in 0..<S { b[T + 1 + s] = mt[s] } }
                }
            }
            guard terminal else { return }
            if !derived { p.derive(m, parameters.blend(m, model, T, plan: plan, varies: varies), period: T) }
            let P = UnsafeMutableBufferPointer(rebasing: dense[0..<(S * S)])
            let v = UnsafeMutableBufferPointer(rebasing: net[0..<S]), xs = UnsafeMutableBufferPointer(rebasing: x[0..<S])
            p.dense(m, into: P)
            p.netValue(into: v)
            var solved = v
            if p.hasMoveValues {
                solved = UnsafeMutableBufferPointer(rebasing: life[0..<S])
                p.lifetimeValue(m, discount: model.discount, into: solved)
            }
            let keep = record && code == T + 1 ? b : nil
            if clvVector(UnsafeBufferPointer(P), UnsafeBufferPointer(solved), discount: model.discount, workspace: solver, into: xs) {
                var k = 0
                for s in 0..<S where mt[s] > 0 {
                    let term = d[T] * mt[s] * (xs[s] - v[s])
                    tv += term
                    if let keep { keep[T + 1 + S + k] = term }
                    k += 1
                }
                keep?[T + 1 + 2 * S] = Double(k)
            } else {
                tv = .nan
                keep?[T + 1 + 2 * S] = -1
            }
        }
        for g in 0..<held.count { heldRefs[g]._withUnsafeGuaranteedRef { segment(g, $0.m) } }
        return (ce, ce + tv, costPV)
    }

    /// What one trial's evaluations with different values at the same input `slots` share
    /// (`BreakEven`: every root-finding step is a pass over the same trials with one effect's change
    /// moved). Per segment: when none of its parameters reads the slots, everything — its discounted
    /// cash flows and its terminal value's terms (code T + 1); else the leading periods in which no
    /// effect window weighs (parameters are the base ones, whatever the slots hold: code = the last
    /// such period, −1 when period 0 already weighs) — their discounted cash flows and the counts
    /// after them. A replay adds the kept terms in the order the recursion adds them, so its sums
    /// are the recursion's, bit for bit; the leading periods are checked against the trial's plan
    /// again before they are reused.
    public struct Reuse: Sendable {
        /// Doubles per trial, and each segment's offset in them.
        public let stride: Int
        let offsets: [Int]
        /// Per segment: no parameter of it (base or effect) reads any of the slots.
        let invariant: [Bool]
        /// Per segment: a base parameter reads one of the slots (nothing of it is kept).
        let readsBase: [Bool]
        let windows: Int

        public init(_ model: ScenarioModel, slots: [Int]) {
            let set = Set(slots), T = model.horizon
            var off: [Int] = [], k = 0
            for m in model.segments {
                off.append(k)
                k += 2 + T + 2 * m.stateCount
            }
            stride = max(k, 1)
            offsets = off
            let base = model.segments.map { m in m.source.contains { $0 >= 0 && set.contains(Int($0)) } }
            readsBase = base
            invariant = model.segments.indices.map { g in !base[g] && !model.segments[g].effects.contains { set.contains($0.slot) } }
            windows = model.windows.count
        }

        /// The last period t (from 0) up to which every effect window weighs 0 in the trial's plan,
        /// −1 when period 0 already weighs; T for a segment whose parameters never vary.
        func leadingZeroPeriods(_ model: ScenarioModel, plan: ScenarioModel.TrialPlan, varies: Bool) -> Int {
            let T = model.horizon
            guard varies else { return T }
            var last = -1
            for t in 0...T {
                for k in 0..<windows where model.weight(window: k, t, plan: plan) != 0 { return last }
                last = t
            }
            return last
        }

        /// Blocks of `stride` doubles, one per trial, written by a recording pass (each trial its own
        /// block: passes over chunks of trials on every core write disjoint memory).
        public final class Cache: @unchecked Sendable {
            public let layout: Reuse
            let storage: UnsafeMutableBufferPointer<Double>
            public init(_ layout: Reuse, trials: Int) {
                self.layout = layout
                storage = .allocate(capacity: max(trials, 1) * layout.stride)
                storage.initialize(repeating: -1)
            }
            deinit { storage.deallocate() }
            func block(_ trial: Int) -> UnsafeMutablePointer<Double> { storage.baseAddress! + trial * layout.stride }
        }
    }
}

extension Engine {
    /// Every input's draw in every trial of `study`, exactly as `run` draws them (same seed,
    /// trials, correlations; no simulation): the compiled scenarios, their input table and the
    /// draws (rows: trials, columns: input slots). Throws `drawFailed` for the lowest trial whose
    /// draw is not finite.
    public static func inputDraws(_ study: Study, options o: RunOptions) throws(EngineError)
        -> (inputs: InputTable, models: [ScenarioModel], draws: Matrix) {
        Numerics.silenceGSL()
        let (inputs, models) = compile(study)
        let n = o.trials
        let draws = Matrix(rows: n, columns: max(inputs.width, 1))
        let correlated = CorrelatedDraws(study, inputs: inputs, seed: o.seed, trials: n)
        let stream = RandomStream()
        for trial in 0..<n {
            let row = draws.row(trial)
            if let bad = inputs.draw(seed: o.seed, trial: trial, stream: stream, into: row, correlated: correlated) {
                let e = inputs.entries[bad]
                throw .drawFailed(input: e.path, distribution: e.text, trial: trial + 1)
            }
            if let c = o.isCancelled, trial % 1024 == 0, c() { throw .cancelled }
        }
        return (inputs, models, draws)
    }
}
