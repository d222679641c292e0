import ArgumentParser
import CLVReport
import CLVReview
import Foundation

/// `clvsim diff [A] [B] STUDY`: what changed in the assumptions between two revisions and what it
/// did to the decision (docs/review.md). The work is in CLVReview; this parses flags and writes.
struct DiffCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare a study at two git revisions: decision changes, changed assumptions, paired deltas, attribution.",
        discussion: """
            A defaults to HEAD and B to the working tree; --against DIR compares with the same study in \
            another folder instead. Files are read from git with `git cat-file` under a scrubbed environment: \
            nothing the repository configures runs. Both sides run at the same seed and trials (the after \
            side's, or --seed/--trials), so trials are paired. Exit status 4 when a --fail-if gate trips.
            """)

    @Argument(help: ArgumentHelp("[A] [B] STUDY.yaml: revisions (A: HEAD, B: the working tree) and the study file.",
                                 valueName: "revisions-and-study"))
    var arguments: [String]

    @Option(help: ArgumentHelp("Compare with the same study file in this folder (or this study file) instead of a revision.", valueName: "DIR"))
    var against: String?

    @Option(help: "Monte Carlo trials of both sides (default: the after side's simulation.trials).")
    var trials: Int?

    @Option(help: "Random seed of both sides (default: the after side's simulation.seed).")
    var seed: UInt64?

    @Option(name: .customLong("clv-samples"), help: "Customers sampled per segment and entry state (both sides).")
    var clvSamples: Int?

    @Option(help: "Worker threads (default: every core). Never changes a result.")
    var threads: Int?

    @Option(name: .customLong("max-memory"), help: "Refuse runs estimated to need more memory (512M, 4G; default: half of physical memory).")
    var maxMemory: ByteCount?

    @Option(help: "Write the diff JSON (clvsim-diff/1) to this file.")
    var json: String?

    @Option(help: "Write the pull-request comment (Markdown) to this file, and its waterfall chart beside it (NAME-waterfall.svg).")
    var markdown: String?

    @Option(help: "Comment language: en or zh-Hans (default: the after study's report.locale).", transform: ReportLocale.parse)
    var locale: ReportLocale?

    @Option(name: .customLong("fail-if"),
            help: ArgumentHelp("Exit 4 when this holds: decision-change, or METRIC.drop|rise > N[%] [significant] (METRIC: npv, benefit, cost, bcr, p_npv_positive, equity). Repeatable.",
                               valueName: "GATE"))
    var failIf: [String] = []

    @Flag(name: .customLong("no-attribution"), help: "Skip the attribution runs (two runs only).")
    var noAttribution = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard (1...3).contains(arguments.count) else { throw ValidationError("expected [A] [B] STUDY.yaml") }
        if against != nil && arguments.count > 1 { throw ValidationError("--against replaces the revisions: give only STUDY.yaml") }
        if let t = trials, !(1...100_000_000).contains(t) { throw ValidationError("--trials must be between 1 and 100000000") }
        if let c = clvSamples, !(1...10_000_000).contains(c) { throw ValidationError("--clv-samples must be between 1 and 10000000") }
        if let t = threads, !(1...256).contains(t) { throw ValidationError("--threads must be between 1 and 256") }
        for g in failIf { do { _ = try Gate(parsing: g) } catch { throw ValidationError(error.description) } }
    }

    func execute(_ console: Console) -> ExitStatus {
        let study = arguments.last!
        let before: StudySource = against.map { .folder($0) } ?? .revision(arguments.count >= 2 ? arguments[0] : "HEAD")
        let after: StudySource = arguments.count == 3 ? .revision(arguments[1]) : .workingTree
        let interrupt = Signals.install()
        defer { interrupt.remove() }
        var request = ReviewRequest()
        request.trials = trials
        request.seed = seed
        request.clvSamples = clvSamples
        request.threads = threads
        request.memoryLimit = (maxMemory ?? MemoryGuard.defaultLimit).bytes
        request.attribution = !noAttribution
        request.gates = failIf.compactMap { try? Gate(parsing: $0) }
        request.isCancelled = { interrupt.isSet }
        let bar = !quiet && console.errIsTerminal ? ProgressBar(console) : nil
        if let bar { request.progress = { bar.update($0) } }
        let a: LoadedSide, b: LoadedSide
        do { (a, b) = (try before.load(study), try after.load(study)) } catch {
            for line in error.lines { console.error(line) }
            return error.exitStatus
        }
        for w in b.study.warnings { console.error(w.description) }
        // The outputs are checked before the runs and committed as one set after them (OutputSet):
        // the JSON, the comment and its waterfall chart, beside the comment.
        let chartPath = markdown.map { path -> String in
            let url = URL(fileURLWithPath: path)
            return url.deletingLastPathComponent().appendingPathComponent(
                url.deletingPathExtension().lastPathComponent + "-waterfall.svg").path
        }
        let outputs: OutputSet
        do {
            // CI jobs write into a fresh folder (`--markdown diff/comment.md`): create it.
            for path in [json, markdown].compactMap({ $0 }) {
                try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
            }
        } catch {
            console.error("clvsim: error: cannot write an output: \(error.localizedDescription)")
            return .runtimeFailure
        }
        do {
            let files = [("--json", json), ("--markdown", markdown), ("--markdown's chart", chartPath)]
                .compactMap { o, p in p.map { (option: o, path: $0) } }
            let inputs = (a.study.inputs + b.study.inputs).map(\.path).filter { FileManager.default.fileExists(atPath: $0) }
            outputs = try OutputSet(files: files, report: nil, inputs: inputs)
        } catch {
            console.error(error.message)
            return error.status
        }
        let doc: DiffDocument
        do { doc = try Review.diff(before: a, after: b, request) } catch {
            bar?.finish()
            for line in error.lines { console.error(line) }
            return error.exitStatus
        }
        bar?.finish()
        if interrupt.isSet { console.error(Signals.message); return .runtimeFailure }
        let lang = locale ?? ReportLocale(tag: b.study.report.locale) ?? .en
        let chart = markdown == nil ? nil : WaterfallChart.render(doc, locale: lang)
        let chartName = chart == nil ? nil : chartPath.map { URL(fileURLWithPath: $0).lastPathComponent }
        let comment = DiffMarkdown.render(doc, locale: lang, chart: chartName)
        if !quiet { console.print(comment) }
        var contents: [String: Data] = [:]
        if json != nil { contents["--json"] = Data(doc.rendered().utf8) }
        if markdown != nil { contents["--markdown"] = Data(comment.utf8) }
        if let chart { contents["--markdown's chart"] = Data(chart.utf8) }
        do { try outputs.commit(contents: contents, report: [], isCancelled: { interrupt.isSet }) } catch {
            console.error(error.message)
            return error.status
        }
        for g in doc.gates where g.tripped { console.error("clvsim: gate tripped: \(g.gate): \(g.detail)") }
        return doc.tripped ? .gateTripped : .success
    }
}

extension ReviewError {
    /// The documented exit status of each failure.
    var exitStatus: ExitStatus {
        switch self {
        case .git, .invalidInput, .tooLarge: .invalidInput
        case .usage: .usage
        case .runFailed: .runtimeFailure
        }
    }
}
