import ArgumentParser
import CLVAnalysis
import CLVModel
import CLVReport
import CLVShards
import Foundation

/// `clvsim merge PART...`: the parts of a sharded run (`clvsim run --shard I/N --out PART`) put
/// back together and analysed: the summary, results JSON and report are byte for byte those of a
/// plain `clvsim run` of the same study and settings, for any number of shards.
struct MergeCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the part files of a sharded run into its results and report.",
        discussion: """
            The parts must come from the same study files (unchanged since), seed, trials, CLV samples, \
            --stress, --sobol and clvsim version, and hold every trial exactly once; otherwise merge \
            refuses, naming the part. The study is read from the path the shards were given, \
            relative to the working directory. See docs/scale-out.md.
            """)

    @Argument(help: "The part files, in any order.")
    var parts: [String]

    @Option(help: "Write the results JSON (clvsim-results/1) to this file.")
    var json: String?

    @Option(help: "Write the board report (report.md, report.html, charts) into this folder.")
    var report: String?

    @Option(name: .customLong("trials-out"), help: "Write one CSV row per trial (as `clvsim run --trials-out`).")
    var trialsOut: String?

    @Option(help: "Report language: en or zh-Hans (overrides the study's report.locale).", transform: ReportLocale.parse)
    var locale: ReportLocale?

    @Option(help: "Worker threads for the analysis (default: every core). Never changes a result.")
    var threads: Int?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give the part files to merge") }
        if let t = threads, !(1...256).contains(t) { throw ValidationError("--threads must be between 1 and 256") }
    }

    func execute(_ console: Console) -> ExitStatus {
        // Every output is checked before the merge and committed as one set after it (OutputSet).
        let outputs: OutputSet
        do {
            let files = [("--json", json), ("--trials-out", trialsOut)].compactMap { o, p in p.map { (option: o, path: $0) } }
            outputs = try OutputSet(files: files, report: report, inputs: parts)
        } catch {
            console.error(error.message)
            return error.status
        }
        let interrupt = Signals.install()
        defer { interrupt.remove() }
        var request = StudyRequest()
        request.threads = threads
        request.isCancelled = { interrupt.isSet }
        // As `run` does: the scenario folder's commit is recorded only when a report is written.
        if report != nil, let first = try? PartFile(path: parts[0]) {
            request.gitCommit = ReportWriter.gitCommit(of: ReportWriter.folder(of: first.header.study))
        }
        let outcome: StudyOutcome
        do { outcome = try Merge.run(parts, request) } catch {
            switch error {
            case .part(let e):
                console.error(e.description)
                return .invalidInput
            case .pipeline(.cancelled):
                console.error(Signals.message)
                return .runtimeFailure
            case .pipeline(let e):
                for line in e.lines { console.error(line) }
                return e.exitStatus
            }
        }
        if interrupt.isSet { console.error(Signals.message); return .runtimeFailure }
        // The study's warnings, as `run` prints them: a merged run says what a plain run says.
        for w in outcome.study.warnings { console.error(w.description) }
        let results = outcome.results
        if !quiet { console.print(SummaryTable.render(results, threads: outcome.threads, seconds: outcome.seconds)) }
        let reportFiles = report != nil
            ? ReportWriter.render(results, locale: locale ?? ReportLocale(tag: outcome.study.report.locale) ?? .en) : []
        if !quiet { for line in WhatIfOptions.notes(results) { console.print(line) } }
        var contents: [String: Data] = [:]
        if json != nil { contents["--json"] = Data(results.rendered().utf8) }
        if trialsOut != nil { contents["--trials-out"] = Data(TrialsExport.csv(run: outcome.run, plans: outcome.plans).utf8) }
        do {
            try outputs.commit(contents: contents, report: reportFiles.map { ($0.0, Data($0.1.utf8)) },
                               isCancelled: { interrupt.isSet })
        } catch {
            console.error(error.message)
            return error.status
        }
        return .success
    }
}
