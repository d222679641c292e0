import CLVAnalysis
import CLVEngine
import CLVModel
import Foundation

/// How to run a diff: the settings both sides share (each overrides the after side's study settings).
public struct ReviewRequest: Sendable {
    public var trials: Int?
    public var seed: UInt64?
    public var clvSamples: Int?
    public var threads: Int?
    /// Refuse sides estimated to need more bytes than this (each run is checked as `clvsim run` checks it).
    public var memoryLimit: Double?
    /// Split ΔNPV across the changed assumptions (paired runs of mixed studies).
    public var attribution = true
    public var gates: [Gate] = []
    public var progress: (@Sendable (Double) -> Void)?
    public var isCancelled: (@Sendable () -> Bool)?
    public init() {}
}

/// `clvsim diff`: two studies run at the same seed and trials, so that every trial sees the same
/// world on both sides wherever their inputs agree (draws are keyed by input path), and the
/// per-trial difference isolates the change.
public enum Review {
    /// Shapley values when there are at most this many factors (2^k runs), else a sequential waterfall.
    public static let maxShapleyFactors = 6

    public static func diff(before: LoadedSide, after: LoadedSide, _ r: ReviewRequest) throws(ReviewError) -> DiffDocument {
        let changes = AssumptionDiff(before: before, after: after)
        var sr = StudyRequest()
        sr.trials = r.trials ?? after.study.simulation.trials
        sr.seed = r.seed ?? after.study.simulation.seed
        sr.clvSamples = r.clvSamples ?? after.study.simulation.clvSamples
        sr.threads = r.threads
        sr.memoryLimit = r.memoryLimit
        sr.isCancelled = r.isCancelled
        var factors = changes.changedInputs.map { DiffDocument.Factor(path: $0, label: PathLabel.of($0)) }
        if changes.otherChanges { factors.append(DiffDocument.Factor(path: "other", label: "other changes")) }
        let wantsAttribution = r.attribution && !factors.isEmpty && changes.matched.count > 1
        let m = factors.count
        let hybrids = wantsAttribution ? (m <= maxShapleyFactors ? (1 << m) - 2 : m - 1) : 0
        let total = Double(2 + hybrids)
        func stage(_ k: Int) -> (@Sendable (Double) -> Void)? {
            guard let p = r.progress else { return nil }
            return { f in p((Double(k) + f) / total) }
        }
        sr.progress = stage(0)
        let a = try run(before.study, sr)
        sr.progress = stage(1)
        let b = try run(after.study, sr)
        let ta = Trials(a.run), tb = Trials(b.run)
        let results = deltas(a.results, b.results, ta, tb, changes.matched)
        let decision = Self.decision(a.results, b.results, changes.matched)
        var attribution: DiffDocument.Attribution? = nil
        if wantsAttribution {
            attribution = try attribute(before.study, after.study, changes, factors, a: ta, b: tb, sr, stage: stage)
        }
        var doc = DiffDocument(
            tool: .current, study: after.study.name, currency: after.study.baseline.currency,
            basis: after.study.baseline.terminalValue == .clv ? "terminal" : "horizon",
            before: .init(source: before.source.label, commit: before.commit, file: before.study.file, inputs: a.results.inputs),
            after: .init(source: after.source.label, commit: after.commit, file: after.study.file, inputs: b.results.inputs),
            seed: b.results.seed, trials: b.results.trials, clvSamples: b.results.settings.clvSamples,
            decision: decision, assumptions: changes.changes, results: results, attribution: attribution, gates: [])
        doc.gates = r.gates.map { $0.evaluate(doc) }
        return doc
    }

    static func run(_ s: Study, _ r: StudyRequest) throws(ReviewError) -> StudyOutcome {
        do {
            let (prepared, _) = try StudyPipeline.prepare(s, r)
            return try StudyPipeline.run(prepared, r)
        } catch {
            if case .tooLarge = error { throw ReviewError.tooLarge(error.lines.joined(separator: "\n")) }
            throw ReviewError.runFailed(error.lines.joined(separator: "\n"))
        }
    }

    /// Per-trial figures of a run: each plan against the baseline, and the baseline's customer equity.
    struct Trials {
        var plans: [PlanTrials]
        var ce: [Double], ceTerminal: [Double]
        init(_ run: StudyRun) {
            plans = (1..<max(run.models.count, 1)).map { PlanTrials(run: run, plan: $0) }
            ce = run.trials[0].ce.column(0)
            ceTerminal = run.trials[0].ceTerminal.column(0)
        }
    }
}
