public import CLVEngine
public import CLVModel
import Foundation

/// What to do with a study: the run's settings (each overrides the study's own when given) and
/// the what-if analytics to add.
public struct StudyRequest: Sendable {
    public var trials: Int?
    public var seed: UInt64?
    public var clvSamples: Int?
    public var threads: Int?
    /// Inputs to fix (`--stress`), applied in order.
    public var stress: [Stress] = []
    /// Stop at this relative standard error of every plan's mean NPV (`--precision`).
    public var precision: Double?
    public var maxTrials = StudyRequest.defaultMaxTrials
    /// Base trials of a Saltelli design (`--sobol N`).
    public var sobol: Int?
    /// Refuse runs estimated to need more bytes than this.
    public var memoryLimit: Double?
    /// The scenario folder's last commit, recorded in the results.
    public var gitCommit: String?
    /// `full` (default) or `summary`: the headline figures only, without the sensitivity analytics,
    /// value of information, acceptability and expectation check (`AnalysisDepth`).
    public var analysis: AnalysisDepth = .full
    public var progress: (@Sendable (Double) -> Void)?
    public var isCancelled: (@Sendable () -> Bool)?

    /// The trial cap of a precision run without `--max-trials`.
    public static let defaultMaxTrials = 200_000

    public init() {}
}

/// Why a study could not be run; each case maps to one exit status (`clvsim --help`).
public enum PipelineError: Error, Sendable {
    /// The files have errors (exit 1); warnings found with them are included.
    case invalidInput([Diagnostic])
    /// A `--stress` cannot be applied (exit 2).
    case stress(String)
    /// The run would need more memory than allowed (exit 1).
    case tooLarge(String)
    /// An input could not be drawn (exit 3).
    case drawFailed(input: String, distribution: String, trial: Int)
    /// Interrupted (exit 3).
    case cancelled

    /// The lines to print on standard error.
    public var lines: [String] {
        switch self {
        case .invalidInput(let d): d.map(\.description)
        case .stress(let m): ["clvsim: error: \(m)"]
        case .tooLarge(let m): [m]
        case .drawFailed(let input, let text, let trial):
            ["clvsim: error: \(input): cannot draw from \(text) in trial \(trial); no output was written"]
        case .cancelled: ["clvsim: interrupted; no output was written"]
        }
    }
}

/// A study run and analysed: the `Results` every output renders, and what the console reports.
public struct StudyOutcome: Sendable {
    /// The study as run (after `--stress`).
    public let study: Study
    public let run: StudyRun
    /// Each plan against the baseline, trial by trial.
    public let plans: [PlanTrials]
    public var results: Results
    public let stress: [Stress.Applied]
    public let precision: PrecisionRun?
    /// Threads used, and seconds: the whole pipeline, the analysis, the sensitivity analytics.
    public let threads: Int
    public let seconds: Double, analysisSeconds: Double, sensitivitySeconds: Double
}

/// load → validate → compile → run → analyse, in the library; commands only parse flags and
/// render. Every failure is one typed `PipelineError`.
public enum StudyPipeline {
    /// Loads and validates a study (or lone scenario); warnings are in `Study.warnings`.
    public static func load(_ path: String) throws(PipelineError) -> Study {
        do {
            var study = try Loader.loadStudy(path: path)
            study.warnings = StudyChecks.warnings(study)    // the loader's warnings and the correlation repair
            return study
        } catch {
            throw .invalidInput(error.items)
        }
    }

    /// The study with `request.stress` applied, checked against the memory limit.
    public static func prepare(_ study: Study, _ request: StudyRequest) throws(PipelineError) -> (Study, [Stress.Applied]) {
        var s = study, applied: [Stress.Applied] = []
        if !request.stress.isEmpty {
            do { (s, applied) = try Stress.apply(request.stress, to: study) } catch { throw .stress(error.description) }
        }
        let o = options(s, request)
        // A precision run may grow to --max-trials: estimate for the largest run it can make.
        let largest = request.precision != nil ? request.maxTrials : o.trials
        if let limit = request.memoryLimit {
            let need = MemoryEstimate.of(s, trials: largest, clvSamples: o.clvSamples)
            if need.bytes > limit { throw .tooLarge(memoryMessage(need, limit: limit, trials: largest, clvSamples: o.clvSamples)) }
        }
        return (s, applied)
    }

    /// Runs and analyses a prepared study.
    public static func run(_ study: Study, stress: [Stress.Applied] = [], _ request: StudyRequest) throws(PipelineError)
        -> StudyOutcome {
        let started = Date()
        let o = options(study, request)
        let run: StudyRun, precision: PrecisionRun?
        do {
            if let share = request.precision {
                let p = try PrecisionRun(study, options: o, target: share, maxTrials: request.maxTrials)
                (run, precision) = (p.run, p)
            } else {
                (run, precision) = (try Engine.run(study, options: o), nil)
            }
        } catch {
            if case .drawFailed(let input, let text, let trial) = error { throw .drawFailed(input: input, distribution: text, trial: trial) }
            throw .cancelled
        }
        // StudyPipeline+Shards.swift: the same steps analyse a merged run.
        let (plans, results, analysisSeconds, sensitivitySeconds) = try analyse(run, gitCommit: request.gitCommit, stress: stress,
                                                                                precision: precision,
                                                                                depth: request.analysis) { () throws(PipelineError) in
            guard let n = request.sobol, !study.plans.isEmpty else { return nil }
            do { return try SaltelliSobol(study, options: o, n: n) } catch { throw .cancelled }
        }
        if let c = request.isCancelled, c() { throw .cancelled }
        return StudyOutcome(study: study, run: run, plans: plans, results: results, stress: stress, precision: precision,
                            threads: o.threads, seconds: Date().timeIntervalSince(started), analysisSeconds: analysisSeconds,
                            sensitivitySeconds: sensitivitySeconds)
    }

    /// The engine's options: the study's settings, overridden by the request.
    public static func options(_ study: Study, _ r: StudyRequest) -> RunOptions {
        var o = RunOptions(study)
        if let t = r.trials { o.trials = t }
        if let s = r.seed { o.seed = s }
        if let c = r.clvSamples { o.clvSamples = c }
        if let t = r.threads { o.threads = t }
        o.progress = r.progress
        o.isCancelled = r.isCancelled
        return o
    }

    static func memoryMessage(_ need: MemoryEstimate, limit: Double, trials: Int, clvSamples: Int) -> String {
        let biggest = need.clvSamples > need.inputDraws + need.scenarioSeries + need.analysis
            ? "--clv-samples (now \(clvSamples)) or --trials (now \(trials))"
            : "--trials (now \(trials)) or --clv-samples (now \(clvSamples))"
        return "clvsim: error: this run needs about \(byteText(need.bytes)) of memory, "
            + "more than --max-memory \(byteText(limit)); lower \(biggest), or raise --max-memory"
    }

    /// `1.2 GB`, `512 MB` (binary units).
    public static func byteText(_ bytes: Double) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB"]
        var x = bytes, i = 0
        while x >= 1024, i < units.count - 1 { x /= 1024; i += 1 }
        return i == 0 ? "\(Int(x)) bytes" : String(format: x < 10 ? "%.1f %@" : "%.0f %@", x, units[i])
    }
}
