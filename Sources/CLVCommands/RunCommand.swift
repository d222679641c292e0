import ArgumentParser
import CLVAnalysis
import CLVEngine
import CLVModel
import CLVReport
import Foundation

/// `clvsim run STUDY`: simulate, print the summary, write results and report.
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

    @Option(help: "Report language: en or zh-Hans (overrides the study's report.locale).")
    var locale: String?

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
        if let l = locale, ReportLocale(tag: l) == nil { throw ValidationError("--locale must be en or zh-Hans") }
        try whatIf.check(trials: trials)
    }

    func execute(_ console: Console) -> ExitStatus {
        let signals = Signals.install()
        defer { signals.remove() }
        guard var loaded = console.loadStudy(study) else { return .invalidInput }
        if signals.stop(at: .loading) { console.error(Signals.message); return .runtimeFailure }
        guard let stressed = whatIf.applyStress(to: &loaded, console) else { return .usage }

        // Refuse before the run, not after it: an output that cannot be written wastes the whole run.
        let outputs: OutputSet
        do { outputs = try OutputSet(json: json, report: report, inputs: loaded.inputs.map(\.path)) } catch {
            console.error(error.message)
            return error.status
        }
        var options = RunOptions(loaded)
        if let t = trials { options.trials = t }
        if let s = seed { options.seed = s }
        if let c = clvSamples { options.clvSamples = c }
        if let t = threads { options.threads = t }
        // A precision run may grow to --max-trials: estimate for the largest run it can make.
        let largest = whatIf.precisionShare != nil ? (whatIf.maxTrials ?? WhatIfOptions.defaultMaxTrials) : options.trials
        if let refusal = MemoryGuard.refusal(loaded, trials: largest, clvSamples: options.clvSamples, limit: maxMemory) {
            console.error(refusal)
            return .invalidInput
        }
        options.isCancelled = { signals.isSet }
        let bar = !quiet && console.errIsTerminal ? ProgressBar(console) : nil
        if let bar { options.progress = { bar.update($0) } }
        let started = Date()
        let run: StudyRun, precision: PrecisionRun?
        do {
            (run, precision) = try whatIf.run(loaded, options: options)
        } catch {
            bar?.finish()
            if case .drawFailed(let input, let text, let trial) = error {
                console.error("clvsim: error: \(input): cannot draw from \(text) in trial \(trial); no output was written")
            } else {
                console.error(Signals.message)
            }
            return .runtimeFailure
        }
        bar?.finish()
        if signals.stop(at: .simulating) { console.error(Signals.message); return .runtimeFailure }
        if let why = NonFinite.problem(in: run) { console.error("clvsim: error: \(why); no output was written"); return .runtimeFailure }
        let analysisStarted = Date()
        let analysis = Analysis(run)
        let analysisSeconds = Date().timeIntervalSince(analysisStarted)
        var sensitivity = WhatIf(analysis)
        if let n = whatIf.sobol, loaded.plans.count > 0 {
            do {
                sensitivity.sobol = try SaltelliSobol(loaded, options: options, n: n)
            } catch {
                console.error(Signals.message)
                return .runtimeFailure
            }
        }
        let sensitivitySeconds = Date().timeIntervalSince(analysisStarted) - analysisSeconds
        let seconds = Date().timeIntervalSince(started)
        if signals.stop(at: .analysing) { console.error(Signals.message); return .runtimeFailure }
        if !quiet { console.print(SummaryTable.render(analysis, threads: options.threads, seconds: seconds)) }
        // Render everything before writing anything, so a failure leaves no partial output.
        var reportFiles: [(String, String)] = []
        if report != nil {
            let tag = locale ?? loaded.report.locale
            guard let l = ReportLocale(tag: tag) else {
                console.error("clvsim: error: unknown report locale '\(tag)' (use en or zh-Hans)")
                return .invalidInput
            }
            reportFiles = ReportWriter.render(analysis, locale: l, studyPath: study, whatIf: sensitivity,
                                              precision: precision, stress: stressed)
        }
        if signals.stop(at: .rendering) { console.error(Signals.message); return .runtimeFailure }
        if !quiet { for line in whatIf.notes(stressed, precision, sobol: sensitivity.sobol) { console.print(line) } }
        if stats {
            console.error(RunStatsText.render(run.stats, analysis: analysisSeconds, sensitivity: sensitivitySeconds,
                                              total: seconds))
            console.error(MemoryGuard.statsLine(loaded, trials: options.trials, clvSamples: options.clvSamples, threads: options.threads))
        }
        let jsonData = json == nil ? nil : Data(whatIf.document(analysis, sensitivity, stress: stressed, precision: precision).rendered().utf8)
        do {
            try outputs.commit(json: jsonData, report: reportFiles.map { ($0.0, Data($0.1.utf8)) },
                               isCancelled: { signals.stop(at: .committing) })
        } catch {
            console.error(error.message)
            return error.status
        }
        if signals.isSet { console.error("clvsim: interrupted after the outputs were written in full"); return .runtimeFailure }
        return .success
    }
}
