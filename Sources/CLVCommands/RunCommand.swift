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
        guard var loaded = console.loadStudy(study) else { return .invalidInput }
        guard let stressed = whatIf.applyStress(to: &loaded, console) else { return .usage }

        // Refuse before the run, not after it: an output that cannot be written wastes the whole run.
        // (A JSON inside the report folder is checked after that folder is created.)
        if let json, !isInsideReport(json), let why = AtomicFile.problem(writing: json) {
            console.error("clvsim: error: cannot write \(json): \(why)")
            return .runtimeFailure
        }
        var isFolder: ObjCBool = false
        if let report, FileManager.default.fileExists(atPath: report, isDirectory: &isFolder), !isFolder.boolValue {
            console.error("clvsim: error: cannot write the report into \(report): it is a file, not a folder")
            return .runtimeFailure
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
        let interrupt = Interrupt.install()
        defer { interrupt.remove() }
        options.isCancelled = { interrupt.isSet }
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
                console.error(Interrupt.message)
            }
            return .runtimeFailure
        }
        bar?.finish()
        let analysisStarted = Date()
        let analysis = Analysis(run)
        let analysisSeconds = Date().timeIntervalSince(analysisStarted)
        var sensitivity = WhatIf(analysis)
        if let n = whatIf.sobol, loaded.plans.count > 0 {
            do {
                sensitivity.sobol = try SaltelliSobol(loaded, options: options, n: n)
            } catch {
                console.error(Interrupt.message)
                return .runtimeFailure
            }
        }
        let sensitivitySeconds = Date().timeIntervalSince(analysisStarted) - analysisSeconds
        let seconds = Date().timeIntervalSince(started)
        if interrupt.isSet { console.error(Interrupt.message); return .runtimeFailure }
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
        // The report folder may hold the JSON too (`--report DIR --json DIR/results.json`): create it first.
        if let report {
            do {
                try FileManager.default.createDirectory(atPath: report, withIntermediateDirectories: true)
            } catch {
                console.error("clvsim: error: cannot create \(report): \(error.localizedDescription)")
                return .runtimeFailure
            }
        }
        if !quiet { for line in whatIf.notes(stressed, precision, sobol: sensitivity.sobol) { console.print(line) } }
        if stats {
            console.error(RunStatsText.render(run.stats, analysis: analysisSeconds, sensitivity: sensitivitySeconds,
                                              total: seconds))
        }
        do {
            if let json { try AtomicFile.write(whatIf.document(analysis, sensitivity, stress: stressed, precision: precision).rendered(), to: json) }
        } catch {
            console.error("clvsim: error: cannot write \(json ?? ""): \(error.localizedDescription)")
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

    /// Whether `path` is directly in the `--report` folder, which the run creates.
    private func isInsideReport(_ path: String) -> Bool {
        guard let report else { return false }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        return dir == URL(fileURLWithPath: report).standardizedFileURL.path
    }
}
