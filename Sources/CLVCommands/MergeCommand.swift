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
        let results = outcome.results
        if !quiet { console.print(SummaryTable.render(results, threads: outcome.threads, seconds: outcome.seconds)) }
        let reportFiles = report != nil
            ? ReportWriter.render(results, locale: locale ?? ReportLocale(tag: outcome.study.report.locale) ?? .en) : []
        if let report {
            do {
                try FileManager.default.createDirectory(atPath: report, withIntermediateDirectories: true)
            } catch {
                console.error("clvsim: error: cannot create \(report): \(error.localizedDescription)")
                return .runtimeFailure
            }
        }
        if !quiet { for line in WhatIfOptions.notes(results) { console.print(line) } }
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

    private func isInsideReport(_ path: String) -> Bool {
        guard let report else { return false }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        return dir == URL(fileURLWithPath: report).standardizedFileURL.path
    }
}
