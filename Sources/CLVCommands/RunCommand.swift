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

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Print the work and time of each phase on standard error (trials, customer-periods, seconds).")
    var stats = false

    @OptionGroup(title: "What-if") var whatIf: WhatIfOptions    // RunCommand+WhatIf.swift

    func validate() throws {
        if let t = trials, !(1...100_000_000).contains(t) { throw ValidationError("--trials must be between 1 and 100000000") }
        if let c = clvSamples, !(1...10_000_000).contains(c) { throw ValidationError("--clv-samples must be between 1 and 10000000") }
        if let t = threads, !(1...256).contains(t) { throw ValidationError("--threads must be between 1 and 256") }
        try whatIf.check(trials: trials)
    }

    func execute(_ console: Console) -> ExitStatus {
        let loaded: Study
        do { loaded = try StudyPipeline.load(study) } catch { return fail(error, console) }
        for w in loaded.warnings { console.error(w.description) }
        // Refuse before the run, not after it: an output that cannot be written wastes the whole run.
        // (A JSON inside the report folder is checked after that folder is created.)
        for out in [json, trialsOut].compactMap({ $0 }) where !isInsideReport(out) {
            if let why = AtomicFile.problem(writing: out) {
                console.error("clvsim: error: cannot write \(out): \(why)")
                return .runtimeFailure
            }
        }
        var isFolder: ObjCBool = false
        if let report, FileManager.default.fileExists(atPath: report, isDirectory: &isFolder), !isFolder.boolValue {
            console.error("clvsim: error: cannot write the report into \(report): it is a file, not a folder")
            return .runtimeFailure
        }
        let interrupt = Interrupt.install()
        defer { interrupt.remove() }
        var request = whatIf.request()
        request.trials = trials
        request.seed = seed
        request.clvSamples = clvSamples
        request.threads = threads
        request.memoryLimit = (maxMemory ?? MemoryGuard.defaultLimit).bytes
        request.gitCommit = report != nil ? ReportWriter.gitCommit(of: ReportWriter.folder(of: study)) : nil
        request.isCancelled = { interrupt.isSet }
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
        if interrupt.isSet { console.error(Interrupt.message); return .runtimeFailure }
        let results = outcome.results
        if !quiet { console.print(SummaryTable.render(results, threads: outcome.threads, seconds: outcome.seconds)) }
        // Render everything before writing anything, so a failure leaves no partial output.
        let reportFiles = report != nil ? ReportWriter.render(results, locale: locale ?? ReportLocale(tag: loaded.report.locale) ?? .en) : []
        // The report folder may hold the JSON too (`--report DIR --json DIR/results.json`): create it first.
        if let report {
            do {
                try FileManager.default.createDirectory(atPath: report, withIntermediateDirectories: true)
            } catch {
                console.error("clvsim: error: cannot create \(report): \(error.localizedDescription)")
                return .runtimeFailure
            }
        }
        if !quiet { for line in WhatIfOptions.notes(results) { console.print(line) } }
        if stats {
            console.error(RunStatsText.render(outcome.run.stats, analysis: outcome.analysisSeconds,
                                              sensitivity: outcome.sensitivitySeconds, total: outcome.seconds))
        }
        do {
            if let json { try AtomicFile.write(results.rendered(), to: json) }
        } catch {
            console.error("clvsim: error: cannot write \(json ?? ""): \(error.localizedDescription)")
            return .runtimeFailure
        }
        do {
            if let trialsOut { try AtomicFile.write(TrialsExport.csv(run: outcome.run, plans: outcome.plans), to: trialsOut) }
        } catch {
            console.error("clvsim: error: cannot write \(trialsOut ?? ""): \(error.localizedDescription)")
            return .runtimeFailure
        }
        if let report {
            do {
                try ReportWriter.write(reportFiles, into: report)
            } catch {
                console.error("clvsim: error: cannot write the report into \(report): \(error.localizedDescription)")
                return .runtimeFailure
            }
        }
        return .success
    }

    /// Prints a pipeline failure and returns its exit status.
    private func fail(_ error: PipelineError, _ console: Console) -> ExitStatus {
        switch error {
        case .cancelled: console.error(Interrupt.message)
        default: for line in error.lines { console.error(line) }
        }
        return error.exitStatus
    }

    /// Whether `path` is directly in the `--report` folder, which the run creates.
    private func isInsideReport(_ path: String) -> Bool {
        guard let report else { return false }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        return dir == URL(fileURLWithPath: report).standardizedFileURL.path
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
