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
    }

    deinit { for b in [m0, m1, dense, net, x, life] { b.deallocate() } }

    /// `evaluate` at trial `trial` of a run's draws, with the input slots `slots` set to `value`
    /// in that trial (as a stress of those inputs at the constant `value` would draw them).
    /// `terminal: false` skips the terminal value (then `ceTerminal` is `ce`): what a caller on the
    /// horizon basis needs, without a dense solve per segment.
    public func evaluate(_ draws: Matrix, trial: Int, setting slots: [Int] = [], to value: Double = 0, terminal: Bool = true)
        -> (ce: Double, ceTerminal: Double, costPV: Double) {
        if row.count != draws.columns { row = [Double](repeating: 0, count: draws.columns) }
        let base = trial * draws.columns
        for k in 0..<draws.columns { row[k] = draws.storage[base + k] }
        for s in slots { row[s] = value }
        return row.withUnsafeBufferPointer { evaluate($0, terminal: terminal) }
    }

    /// E[CE | draws] within the horizon and with terminal value, and the present value of the
    /// plan's costs in that trial (0 for a scenario that applies no levers). `terminal: false`
    /// leaves the terminal value out (`ceTerminal` is then `ce`); `ce` and `costPV` are the same.
    public func evaluate(_ draws: UnsafeBufferPointer<Double>, terminal: Bool = true) -> (ce: Double, ceTerminal: Double, costPV: Double) {
        let T = model.horizon, d = model.discountFactors
        var costPV = 0.0
        if model.appliesLevers {
            model.trialPlan(draws, into: &plan)
            for t in 0...T { costPV += plan.cost[t] * d[t] }
        }
        var ce = 0.0, tv = 0.0
        for (g, m) in model.segments.enumerated() {
            let S = m.stateCount, p = pp[g]
            let varies = model.appliesLevers && !m.varying.isEmpty
            parameters.load(m, draws, levers: varies)
            let start = parameters.blend(m, model, 0, plan: plan, varies: varies)
            parameters.invalidate()
            var mt = m0, nx = m1
            for s in 0..<S {
                let c = start[m.initialOffset + s].rounded()
                mt[s] = c.isFinite && c > 0 ? min(c, 1e15) : 0
            }
            var derived = false
            for t in Swift.stride(from: 1, through: T, by: 1) {
                if parameters.setWeights(model, t, plan: plan, varies: varies) || m.trend != nil {
                    p.derive(m, parameters.blend(m), period: t)
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
                ce += d[t] * cf
                swap(&mt, &nx)
            }
            guard terminal else { continue }
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
            if clvVector(UnsafeBufferPointer(P), UnsafeBufferPointer(solved), discount: model.discount, workspace: solver, into: xs) {
                for s in 0..<S where mt[s] > 0 { tv += d[T] * mt[s] * (xs[s] - v[s]) }
            } else {
                tv = .nan
            }
        }
        return (ce, ce + tv, costPV)
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
