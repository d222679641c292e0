public import CLVEngine
public import CLVModel

/// Stop at precision (`--precision 0.5%`): run trials in fixed batches until the standard error
/// of every plan's mean NPV is at most `target` × |mean NPV| (a study without plans: the
/// baseline's mean customer equity on the NPV basis), or `maxTrials` is reached.
///
/// Trial counts are multiples of `batch`. Each pass is a plain run with that count, so the
/// final result is exactly — byte for byte — what `--trials FINAL` gives, and depends only on
/// the files, the seed and the target. After a pass falls short, the next count is projected
/// from se ∝ 1/√n: n′ = ⌈1.1·n·max(se/(target·|mean|))² / batch⌉·batch, at least n + batch and
/// at most `maxTrials`; passes before the last skip the individual-customer CLV samples, which
/// do not enter NPV, and the last is rerun in full.
public struct PrecisionRun: Sendable {
    public static let defaultBatch = 2_000

    public struct Reached: Sendable {
        public var name: String
        public var mean: Double
        public var se: Double
        /// se / |mean| (∞ when the mean is 0).
        public var relative: Double
    }

    public let target: Double
    public let batch: Int
    public let maxTrials: Int
    /// Trial counts of the passes, in order; the last is the result's.
    public let passes: [Int]
    public let reached: [Reached]
    public let met: Bool
    public let run: StudyRun

    public init(_ study: Study, options: RunOptions, target: Double, batch: Int = PrecisionRun.defaultBatch,
                maxTrials: Int) throws(EngineError) {
        self.target = target
        self.batch = batch
        self.maxTrials = maxTrials
        var n = min(batch, maxTrials)
        var passes: [Int] = []
        while true {
            passes.append(n)
            var quick = options
            quick.trials = n
            quick.clvSamples = 1
            let probe = try Engine.run(study, options: quick)
            let r = Self.precision(probe)
            // A standard error needs two trials at least; one that is not a number is not met.
            let worst = n < 2 || r.contains(where: { !$0.relative.isFinite }) ? Double.infinity : r.map(\.relative).max() ?? 0
            if worst <= target || n >= maxTrials {
                var full = options
                full.trials = n
                run = try Engine.run(study, options: full)
                reached = Self.precision(run)
                met = worst <= target
                break
            }
            let ratio = worst.isFinite ? worst / target : Double(maxTrials)
            let projected = 1.1 * Double(n) * ratio * ratio
            let next = projected >= Double(maxTrials) ? maxTrials
                : Int((projected / Double(batch)).rounded(.up)) * batch
            n = min(maxTrials, max(n + batch, next))
        }
        self.passes = passes
    }

    /// Relative standard error of each plan's mean NPV.
    static func precision(_ run: StudyRun) -> [Reached] {
        let npv: [(String, [Double])]
        if run.models.count > 1 {
            npv = (1..<run.models.count).map { (run.study.scenarios[$0].name, PlanTrials(run: run, plan: $0).npv) }
        } else {
            let t = run.trials[0]
            let terminal = run.study.baseline.terminalValue == .clv
            npv = [(run.study.baseline.name, (terminal ? t.ceTerminal : t.ce).column(0))]
        }
        return npv.map { name, y in
            let s = Summary(y)
            let m = s.mean ?? .nan, se = s.se ?? .nan
            // One trial has no standard error (its sd would be 0): the precision is unknown, not perfect.
            let relative = s.count < 2 ? Double.nan : m != 0 ? se / abs(m) : .infinity
            return Reached(name: name, mean: m, se: se, relative: relative)
        }
    }
}
