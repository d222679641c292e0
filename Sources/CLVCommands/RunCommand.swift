import ArgumentParser
import CLVAnalysis
import CLVModel
import CLVReport
import Foundation

/// `clvsim run STUDY`: the library's study pipeline, then the summary, the results JSON and the
/// board report — each a rendering of the one `Results` value.
struct RunCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a study (or a lone scenario) and print its summary.",
        discussion: "Results depend only on the files, --seed, --trials and the tool version: never on --threads.")

    @Argument(help: "A study file, or a single scenario file.")
    var study: String

    @Option(help: "Monte Carlo trials (overrides the study's simulation.trials).")
    var trials: Int?

    @Option(help: "Random seed (overrides simulation.seed).")
    var seed: UInt64?

    @Option(name: .customLong("clv-samples"), help: "Customers sampled per segment and entry state for CLV distributions.")
    var clvSamples: Int?

    @Option(help: "Worker threads (default: every core). Never changes a result.")
    var threads: Int?

    @Option(help: "Write the results JSON (clvsim-results/1) to this file.")
    var json: String?

    @Option(help: "Write the board report (report.md, report.html, charts) into this folder.")
    var report: String?

    @Option(name: .customLong("trials-out"), help: "Write one CSV row per trial: every input's draw, each scenario's customer equity, each plan's benefit, cost and NPV.")
    var trialsOut: String?

    @Option(help: "Report language: en or zh-Hans (overrides the study's report.locale).", transform: ReportLocale.parse)
    var locale: ReportLocale?

    @Option(name: .customLong("max-memory"), help: "Refuse runs estimated to need more memory (512M, 4G; default: half of physical memory).")
    var maxMemory: ByteCount?

    @Option(help: ArgumentHelp("full (default): everything the board pack shows; summary: the headline figures only "
                               + "(customer equity, CLV, plan metrics, decision), without the sensitivity analytics, value of "
                               + "information, acceptability and expectation check — faster, the same values.",
                               valueName: "full|summary"),
            transform: { (text: String) throws -> AnalysisDepth in
                guard let d = AnalysisDepth(rawValue: text) else { throw ValidationError("--analysis must be full or summary") }
                return d
            })
    var analysis: AnalysisDepth = .full

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Print the work and time of each phase on standard error (trials, customer-periods, seconds).")
    var stats = false

    @OptionGroup(title: "What-if") var whatIf: WhatIfOptions    // RunCommand+WhatIf.swift

    @OptionGroup(title: "Scale-out") var scaleOut: ShardOptions   // RunCommand+Shard.swift

    func validate() throws {
        if let t = trials, !(1...100_000_000).contains(t) { throw ValidationError("--trials must be between 1 and 100000000") }
        if let c = clvSamples, !(1...10_000_000).contains(c) { throw ValidationError("--clv-samples must be between 1 and 10000000") }
        if let t = threads, !(1...256).contains(t) { throw ValidationError("--threads must be between 1 and 256") }
        try whatIf.check(trials: trials)
        try scaleOut.check(json: json, report: report, trialsOut: trialsOut, precision: whatIf.precision != nil)
    }

    func execute(_ console: Console) -> ExitStatus {
        if let why = summaryConflict {
            console.error("clvsim: error: \(why)")
            return .usage
        }
        if let shard = scaleOut.shard, let out = scaleOut.out { return executeShard(shard, out: out, console: console) }
        let signals = Signals.install()
        defer { signals.remove() }
        let began = Date()     // --stats' total: from loading the study until the outputs are rendered
        let loaded: Study
        do { loaded = try StudyPipeline.load(study) } catch { return fail(error, console) }
        let loadSeconds = Date().timeIntervalSince(began)
        for w in loaded.warnings { console.error(w.description) }
        if signals.stop(at: .loading) { console.error(Signals.message); return .runtimeFailure }
        // Refuse before the run, not after it: an output that cannot be written wastes the whole run.
        let outputs: OutputSet
        do {
            let files = [("--json", json), ("--trials-out", trialsOut)].compactMap { o, p in p.map { (option: o, path: $0) } }
            outputs = try OutputSet(files: files, report: report, inputs: loaded.inputs.map(\.path))
        } catch {
            console.error(error.message)
            return error.status
        }
        // Polled by the engine between chunks of trials, and after the analysis.
        var request = studyRequest(console, isCancelled: { signals.stop(at: .simulating) })
        request.gitCommit = report != nil ? ReportWriter.gitCommit(of: ReportWriter.folder(of: study)) : nil
        let bar = !quiet && console.errIsTerminal ? ProgressBar(console) : nil
        if let bar { request.progress = { bar.update($0) } }
        let outcome: StudyOutcome
        do {
            let (prepared, stressed) = try StudyPipeline.prepare(loaded, request)
            outcome = try StudyPipeline.run(prepared, stress: stressed, request)
        } catch {
            bar?.finish()
            return fail(error, console)
        }
        bar?.finish()
        if signals.stop(at: .analysing) { console.error(Signals.message); return .runtimeFailure }
        if let why = NonFinite.problem(in: outcome.run) { console.error("clvsim: error: \(why); no output was written"); return .runtimeFailure }
        let results = outcome.results
        if !quiet { console.print(SummaryTable.render(results, threads: outcome.threads, seconds: outcome.seconds)) }
        // Render everything before writing anything, so a failure leaves no partial output.
        let reportFiles = report != nil ? ReportWriter.render(results, locale: locale ?? ReportLocale(tag: loaded.report.locale) ?? .en) : []
        var contents: [String: Data] = [:]
        if json != nil { contents["--json"] = Data(results.rendered().utf8) }
        if trialsOut != nil { contents["--trials-out"] = Data(TrialsExport.csv(run: outcome.run, plans: outcome.plans).utf8) }
        if signals.stop(at: .rendering) { console.error(Signals.message); return .runtimeFailure }
        if !quiet { for line in WhatIfOptions.notes(results) { console.print(line) } }
        if stats {
            console.error(RunStatsText.render(outcome.run.stats, load: loadSeconds, analysis: outcome.analysisSeconds,
                                              sensitivity: outcome.sensitivitySeconds, total: Date().timeIntervalSince(began)))
            console.error(MemoryGuard.statsLine(outcome.study, trials: outcome.run.options.trials,
                                                clvSamples: outcome.run.options.clvSamples, threads: outcome.threads))
        }
        do {
            try outputs.commit(contents: contents, report: reportFiles.map { ($0.0, Data($0.1.utf8)) },
                               isCancelled: { signals.stop(at: .committing) })
        } catch {
            console.error(error.message)
            return error.status
        }
        if signals.isSet { console.error("clvsim: interrupted after the outputs were written in full"); return .runtimeFailure }
        return .success
    }

    /// Why `--analysis summary` cannot go with the other flags given (one line), or nil.
    var summaryConflict: String? {
        guard analysis == .summary else { return nil }
        if report != nil { return "--report needs the full analysis; drop --analysis summary (or write the report later from a full run)" }
        if whatIf.sobol != nil { return "--sobol is sensitivity analysis, which --analysis summary skips; drop one of them" }
        if scaleOut.shard != nil { return "--analysis goes with a whole run: a --shard run is analysed in full by clvsim merge" }
        return nil
    }

    /// The run's settings from the command line: what-if options, trials, seed, CLV samples, threads,
    /// memory limit and cancellation (run and run --shard alike).
    func studyRequest(_ console: Console, isCancelled: @escaping @Sendable () -> Bool) -> StudyRequest {
        var request = whatIf.request()
        request.trials = trials
        request.seed = seed
        request.clvSamples = clvSamples
        request.threads = threads
        request.analysis = analysis
        request.memoryLimit = (maxMemory ?? MemoryGuard.defaultLimit).bytes
        request.isCancelled = isCancelled
        return request
    }

    /// Prints a pipeline failure and returns its exit status.
    private func fail(_ error: PipelineError, _ console: Console) -> ExitStatus {
        switch error {
        case .cancelled: console.error(Signals.message)
        default: for line in error.lines { console.error(line) }
        }
        return error.exitStatus
    }
}

extension PipelineError {
    /// The documented exit status of each failure.
    var exitStatus: ExitStatus {
        switch self {
        case .invalidInput, .tooLarge: .invalidInput
        case .stress: .usage
        case .drawFailed, .cancelled: .runtimeFailure
        }
    }
}
