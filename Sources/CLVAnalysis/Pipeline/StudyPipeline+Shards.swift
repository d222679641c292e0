public import CLVEngine
public import CLVModel
import Foundation

/// Sharded runs (`clvsim run --shard I/N`, `clvsim merge`; docs/scale-out.md): a shard runs some
/// trials of the study and of its Saltelli design; a merged run is analysed exactly as a plain one.
extension StudyPipeline {
    /// What one shard computed: the run (only its trials filled) and its rows of the Sobol design.
    public struct ShardOutcome: Sendable {
        public let run: StudyRun
        public let trials: Range<Int>
        public let sobol: SaltelliSobol.Evaluations?
        public let seconds: Double
    }

    /// Runs shard `index` of `count` of a prepared study: trials [⌊index·n/count⌋, ⌊(index+1)·n/count⌋)
    /// and the same share of the rows of the `--sobol` design. Correlated inputs are ranked over all
    /// n trials in every shard (their ranks need every trial's draw), so each trial gets the value a
    /// plain run gives it. `--precision` cannot be sharded (its trial count is decided as it runs).
    public static func runShard(_ study: Study, _ request: StudyRequest, shard index: Int, of count: Int)
        throws(PipelineError) -> ShardOutcome {
        precondition(request.precision == nil, "a precision run cannot be sharded")
        let started = Date()
        var o = options(study, request)
        let trials = RunRange.of(shard: index, of: count, rows: o.trials)
        o.trialRange = trials
        do throws(EngineError) {
            let run = try Engine.run(study, options: o)
            var sobol: SaltelliSobol.Evaluations? = nil
            if let n = request.sobol, !study.plans.isEmpty {
                var so = o
                so.trialRange = nil
                sobol = try SaltelliSobol.evaluate(study, options: so, n: n, rows: RunRange.of(shard: index, of: count, rows: n))
            }
            if let c = request.isCancelled, c() { throw .cancelled }
            return ShardOutcome(run: run, trials: trials, sobol: sobol, seconds: Date().timeIntervalSince(started))
        } catch {
            if case .drawFailed(let input, let text, let trial) = error { throw .drawFailed(input: input, distribution: text, trial: trial) }
            throw .cancelled
        }
    }

    /// Analyses a run put together from parts (`RunAssembly`) exactly as `run` analyses its own:
    /// the same `Results`, byte for byte, for the same study, settings and `request.gitCommit`.
    /// `readSeconds` (reading the parts) is added to the outcome's time.
    public static func analyseMerged(_ study: Study, run: StudyRun, stress: [Stress.Applied] = [],
                                     sobol: SaltelliSobol.Evaluations?, _ request: StudyRequest, readSeconds: Double = 0)
        throws(PipelineError) -> StudyOutcome {
        let started = Date().addingTimeInterval(-readSeconds)
        let o = options(study, request)
        let (plans, results, analysisSeconds, sensitivitySeconds) = try analyse(run, gitCommit: request.gitCommit, stress: stress,
                                                                                precision: nil) { () throws(PipelineError) in
            guard request.sobol != nil, !study.plans.isEmpty, let ev = sobol else { return nil }
            return SaltelliSobol(study, evaluations: ev)
        }
        if let c = request.isCancelled, c() { throw .cancelled }
        return StudyOutcome(study: study, run: run, plans: plans, results: results, stress: stress, precision: nil, threads: o.threads,
                            seconds: Date().timeIntervalSince(started), analysisSeconds: analysisSeconds,
                            sensitivitySeconds: sensitivitySeconds)
    }

    /// Everything after the engine: the analysis, the what-if analytics (`sobol` computes the
    /// Saltelli indices when asked for), stress and precision. Shared by plain and merged runs.
    /// `depth: .summary` skips the what-if analytics (and, in `Analysis`, the other parts `AnalysisDepth` names).
    static func analyse(_ run: StudyRun, gitCommit: String?, stress: [Stress.Applied], precision: PrecisionRun?,
                        depth: AnalysisDepth = .full,
                        sobol: () throws(PipelineError) -> SaltelliSobol?) throws(PipelineError)
        -> (plans: [PlanTrials], results: Results, analysisSeconds: Double, sensitivitySeconds: Double) {
        let analysisStarted = Date()
        var analysis = Analysis(run, gitCommit: gitCommit, depth: depth)
        let analysisSeconds = Date().timeIntervalSince(analysisStarted)
        var whatIf: WhatIf? = nil
        if depth == .full {
            whatIf = WhatIf(analysis)
            if let s = try sobol() { whatIf?.sobol = s }
        }
        analysis.attach(whatIf: whatIf, stress: stress, precision: precision)
        let sensitivitySeconds = Date().timeIntervalSince(analysisStarted) - analysisSeconds
        return (analysis.plans, analysis.results, analysisSeconds, sensitivitySeconds)
    }
}
