import ArgumentParser
import CLVAnalysis
import CLVModel
import CLVReport
import Foundation

/// `clvsim report RESULTS.json --report DIR`: the board pack rendered again from a saved results
/// file, byte for byte what `clvsim run … --report DIR` wrote with the same inputs (and the same
/// `SOURCE_DATE_EPOCH`): the results carry every figure the report shows.
struct ReportCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render the board report from a results JSON written by `clvsim run --json`.",
        discussion: "No simulation: every number comes from the results file. The report's date follows SOURCE_DATE_EPOCH, as in `run`.")

    @Argument(help: "A results file (clvsim-results/1).")
    var results: String

    @Option(help: "Write the board report (report.md, report.html, charts) into this folder.")
    var report: String

    @Option(help: "Report language: en or zh-Hans (default: the study's report.locale, as recorded in the results).",
            transform: ReportLocale.parse)
    var locale: ReportLocale?

    /// `file:line:col: error: …` at the results' `"analysis"` key.
    static func summaryRefusal(_ text: String, file: String, depth: String) -> String {
        let offset = text.range(of: "\"analysis\"").map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) } ?? 0
        let at = SourceLocation(ofByte: offset, in: Array(text.utf8), file: file)
        return "\(at.file):\(at.line):\(at.column): error: analysis is \"\(depth)\": the board pack needs the full analysis, "
            + "which this results file lacks (\(AnalysisDepth.skippedBySummary)); rerun clvsim run without --analysis \(depth)"
    }

    func execute(_ console: Console) -> ExitStatus {
        let text: String
        do {
            text = try String(contentsOfFile: results, encoding: .utf8)
        } catch {
            console.error("\(results): error: cannot read the results file: \((error as NSError).localizedFailureReason ?? error.localizedDescription)")
            return .invalidInput
        }
        let r: Results
        do {
            r = try Results.decode(text)
        } catch {
            console.error(error.diagnostic(file: results))
            return .invalidInput
        }
        // A summary analysis lacks what the pack shows: refuse before writing anything.
        if let depth = r.analysis, depth != AnalysisDepth.full.rawValue {
            console.error(Self.summaryRefusal(text, file: results, depth: depth))
            return .invalidInput
        }
        // The results file is not an input the report could overwrite: when it sits in the report
        // folder (as `make report` leaves it), it is carried into the new folder unchanged.
        let outputs: OutputSet
        do { outputs = try OutputSet(json: nil, report: report, inputs: []) } catch {
            console.error(error.message)
            return error.status
        }
        let files = ReportWriter.render(r, locale: locale ?? ReportLocale(tag: r.settings.locale) ?? .en)
        let signals = Signals.install()
        defer { signals.remove() }
        do { try outputs.commit(json: nil, report: files.map { ($0.0, Data($0.1.utf8)) }, isCancelled: { signals.isSet }) } catch {
            console.error(error.message)
            return error.status
        }
        return .success
    }
}
