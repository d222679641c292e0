public import CLVEngine
public import CLVModel
import CLVNumerics
import Foundation

/// Break-even of each effect of each plan: the smallest change, of the same sign as the effect's
/// mean, at which the plan's **expected NPV — the Monte Carlo mean over the study's trials, risks
/// included —** reaches 0, every other input keeping its draws (common random numbers).
///
/// The expected NPV with the effect fixed at a constant c is estimated over the study's own trials
/// (same seed and trial count; a run's own draws when there is a run): in trial i every input has
/// its draw, the effect has c — exactly what `--stress PATH=c` draws — and the population's
/// expectation given those inputs is exact (`ConditionalPath`, Rao–Blackwell):
/// `f(c) = (1/n) Σ_i E[NPV | x_i, c]`. It estimates the same figure as the mean NPV of a run with
/// that stress, without the noise of the multinomial moves, Poisson arrivals and Gamma revenues.
/// `f` is smooth and nearly linear in c, so GSL's Brent solver needs a few evaluations; each is
/// one pass over the trials (no population simulation), a few milliseconds per thousand trials.
///
/// Search: f(0) — the effect removed — first; f(0) ≥ 0 is `notNeeded`. Otherwise the bracket is
/// the first sign change among 0, m, 2m, 4m, … (m the effect's mean) up to the effect's physical
/// bound: relative changes down to −1 (−100%) or up to +10 (+1000%); absolute changes of a
/// transition probability within [−1, 1]; other absolute changes within 100 times the mean.
/// Brent stops when |f| ≤ 0.001 standard errors of the plan's NPV. `set` effects and effects
/// whose mean is 0 have no direction to search.
public struct BreakEven: Sendable {
    public enum Status: String, Sendable {
        /// The plan breaks even at `value`.
        case reached
        /// Expected NPV ≥ 0 even without this effect.
        case notNeeded = "not_needed"
        /// Expected NPV stays below 0 up to the bound.
        case notReachable = "not_reachable"
        /// A `set` effect, or a mean change of 0.
        case notApplicable = "not_applicable"
    }

    public struct Item: Sendable {
        public var input: String
        public var target: String
        public var segments: [String]?
        public var change: EffectChange
        /// The effect's mean, as the plan assumes it.
        public var assumed: Double
        /// The break-even change (nil unless `reached`; 0 when `notNeeded`).
        public var value: Double?
        public var status: Status
        /// The end of the search interval.
        public var bound: Double?
        /// Expected NPV (risks included) with this effect removed (change 0), and of the plan as
        /// it is (the effect drawn from its distribution, as in the run).
        public var npvWithout: Double, npvAssumed: Double
        /// Standard errors of `npvWithout` and `npvAssumed` over the trials (of the per-trial
        /// expectations; a run's own standard error of the mean NPV is somewhat larger).
        public var npvWithoutSE: Double? = nil, npvAssumedSE: Double? = nil
        /// Expected NPV with the effect fixed at `value` (≈ 0 when `reached`).
        public var npvAtValue: Double? = nil
        /// Passes over the trials the search made (each an expected NPV at one change).
        public var evaluations = 0

        /// "transitions.*.churned (relative) must reach at least −4.3% for NPV ≥ 0; the plan assumes −10.0%".
        public var sentence: String {
            let what = target + (segments.map { " [\($0.joined(separator: ", "))]" } ?? "") + " (\(change.rawValue))"
            let assumedText = BreakEven.format(assumed, change)
            switch status {
            case .reached:
                return "\(what) must reach at least \(BreakEven.format(value!, change)) for NPV ≥ 0; the plan assumes \(assumedText)"
            case .notNeeded:
                return "\(what): NPV ≥ 0 even without this effect; the plan assumes \(assumedText)"
            case .notReachable:
                return "\(what): not reachable — NPV stays below 0 up to \(BreakEven.format(bound ?? .nan, change)); the plan assumes \(assumedText)"
            case .notApplicable:
                return "\(what): no break-even (a 'set' effect or no direction); the plan assumes \(assumedText)"
            }
        }
    }

    public struct Plan: Sendable {
        public var name: String
        public var items: [Item]
        /// Trials the expected NPVs are taken over.
        public var trials = 0
    }

    public let plans: [Plan]

    /// Break-even from a run: over its own trials and draws (its seed, trial count, stresses and
    /// correlations). No population is simulated again.
    public init(run: StudyRun) {
        self.init(study: run.study, models: run.models, inputs: run.inputs, draws: run.draws)
    }

    /// Break-even of a study without a run: draws the inputs of `options.trials` trials at
    /// `options.seed`, exactly as `Engine.run` would (`clvSamples` and `threads` play no part).
    public init(study: Study, options: RunOptions) throws(EngineError) {
        let (inputs, models, draws) = try Engine.inputDraws(study, options: options)
        self.init(study: study, models: models, inputs: inputs, draws: draws)
    }

    init(study: Study, models: [ScenarioModel], inputs: InputTable, draws: Matrix) {
        let terminal = study.baseline.terminalValue == .clv
        let n = draws.rows
        // Baseline equity given each trial's inputs: computed once, shared by every plan and effect.
        let base = Curve.pass(models[0], draws, terminal: terminal) { r in terminal ? r.ceTerminal : r.ce }
        plans = models.indices.dropFirst().map { k in
            let curve = Curve(model: models[k], draws: draws, base: base, terminal: terminal)
            let asIs = curve.npv(slots: [], nil)
            let items = study.scenarios[k].effects.map {
                Self.solve(curve, asIs: asIs, effect: $0, inputs: inputs)
            }
            return Plan(name: study.scenarios[k].name, items: items, trials: n)
        }
    }

    /// A plan's expected NPV as a function of one effect's change, over a fixed set of trials.
    struct Curve: Sendable {
        let model: ScenarioModel
        let draws: Matrix
        let base: [Double]
        let terminal: Bool

        /// Mean and standard error over trials of E[NPV | trial's inputs], with `slots` set to `c`
        /// (or as drawn when `c` is nil).
        /// With `cache` (laid out for `slots`), `record` keeps each trial's parts that do not depend on
        /// `c`, and later calls reuse them (`ConditionalPath.Reuse`; the same values, bit for bit).
        func npv(slots: [Int], _ c: Double?, cache: ConditionalPath.Reuse.Cache? = nil, record: Bool = false)
            -> (mean: Double, se: Double) {
            let values = Curve.pass(model, draws, slots: slots, c, terminal: terminal, cache: cache, record: record) { r in
                (terminal ? r.ceTerminal : r.ce) - r.costPV
            }
            let npv = zip(values, base).map { $0 - $1 }
            let n = Double(npv.count)
            return (Statistics.mean(npv), (Statistics.variance(npv) / n).squareRoot())
        }

        /// `value(E[· | trial i])` for every trial, in trial order, chunks of trials on every core.
        /// `terminal: false` (the horizon basis) skips the terminal value's solves, which `value` then
        /// must not read (`ceTerminal` equals `ce`).
        static func pass(_ model: ScenarioModel, _ draws: Matrix, slots: [Int] = [], _ c: Double? = nil, terminal: Bool = true,
                         cache: ConditionalPath.Reuse.Cache? = nil, record: Bool = false,
                         _ value: @Sendable ((ce: Double, ceTerminal: Double, costPV: Double)) -> Double) -> [Double] {
            let n = draws.rows, chunk = 512
            let chunks = Array(0..<((n + chunk - 1) / chunk))
            return chunks.parallelMap { j in
                let path = ConditionalPath(model)
                return (j * chunk..<min(n, (j + 1) * chunk)).map { i in
                    value(c.map { path.evaluate(draws, trial: i, setting: slots, to: $0, terminal: terminal, cache: cache, record: record) }
                          ?? path.evaluate(draws, trial: i, terminal: terminal))
                }
            }.flatMap { $0 }
        }
    }

    static func solve(_ curve: Curve, asIs: (mean: Double, se: Double), effect: Effect, inputs: InputTable) -> Item {
        let d = effect.amount.distribution
        let mean = d.mean
        // The slot(s) this plan reads the change from (another scenario may write the path differently).
        let slots = inputs.entries.filter {
            if case .scalar(let e) = $0.kind { return $0.path == effect.amount.path && e == d } else { return false }
        }.map(\.slot)
        var item = Item(input: effect.amount.path, target: effect.targetText, segments: effect.segments,
                        change: effect.change, assumed: mean, value: nil, status: .notApplicable, bound: nil,
                        npvWithout: asIs.mean, npvAssumed: asIs.mean, npvAssumedSE: asIs.se)
        // `set` and `multiply` have no "no change" at 0 to search from.
        guard effect.change != .set, effect.change != .multiply, mean != 0, !slots.isEmpty else { return item }
        let sign: Double = mean < 0 ? -1 : 1
        let bound: Double
        switch (effect.change, effect.target) {
        case (.relative, _): bound = sign < 0 ? -1 : 10
        case (.absolute, .transition): bound = sign
        default: bound = sign * 100 * abs(mean)
        }
        item.bound = bound
        var memo: [Double: (mean: Double, se: Double)] = [:]
        // The first pass keeps, per trial, what does not depend on the change; the others reuse it.
        let cache = ConditionalPath.Reuse.Cache(ConditionalPath.Reuse(curve.model, slots: slots), trials: curve.draws.rows)
        func f(_ c: Double) -> (mean: Double, se: Double) {
            if let v = memo[c] { return v }
            let v = curve.npv(slots: slots, c, cache: cache, record: memo.isEmpty)
            memo[c] = v
            return v
        }
        let f0 = f(0)
        item.npvWithout = f0.mean
        item.npvWithoutSE = f0.se
        if f0.mean >= 0 {
            item.status = .notNeeded
            item.value = 0
            item.evaluations = memo.count
            return item
        }
        var lo = 0.0, x = mean
        while true {
            if abs(x) >= abs(bound) { x = bound }
            if f(x).mean >= 0 { break }
            if x == bound {
                item.status = .notReachable
                item.evaluations = memo.count
                return item
            }
            lo = x
            x *= 2
        }
        let residual = 1e-3 * max(asIs.se, f0.se)
        let root = RootFinding.brent(in: lo, x, absTolerance: 1e-12, relTolerance: 1e-10, residual: residual) { f($0).mean } ?? x
        item.status = .reached
        item.value = root
        item.npvAtValue = f(root).mean
        item.evaluations = memo.count
        return item
    }

    /// A change as people read it: relative as a signed percentage, absolute as a signed number.
    public static func format(_ x: Double, _ change: EffectChange) -> String {
        guard x.isFinite else { return "–" }
        let s: String
        switch change {
        case .relative: s = String(format: "%+.1f%%", x * 100)
        case .absolute, .set: s = String(format: abs(x) < 10 ? "%+.4g" : "%+.0f", x)
        case .multiply: s = String(format: "×%.4g", x)
        }
        return s.replacingOccurrences(of: "-", with: "−")
    }
}
