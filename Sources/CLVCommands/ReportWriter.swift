import CLVAnalysis
import CLVModel
import CLVReport
import Foundation

/// Writes the board report of a finished run into a folder (the only file I/O of reports).
enum ReportWriter {
    /// The report date: `SOURCE_DATE_EPOCH` (reproducible builds) when set and valid, else today (UTC).
    static func date(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let v = environment["SOURCE_DATE_EPOCH"], let s = Int64(v.trimmingCharacters(in: .whitespaces)) {
            return ReportDate.string(epochSeconds: s)
        }
        return ReportDate.string(epochSeconds: Int64(Date().timeIntervalSince1970))
    }

    /// The scenario folder's commit: `CLVSIM_SCENARIO_COMMIT` when set (`make report` passes the last
    /// commit that changed the folder, so that regenerated reports keep their bytes), else HEAD of the
    /// repository holding the folder, read without running git (`GitHead`); nil outside a repository.
    static func gitCommit(of folder: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let c = environment["CLVSIM_SCENARIO_COMMIT"]?.trimmingCharacters(in: .whitespaces), GitHead.isHash(c) { return c }
        return GitHead.commit(of: folder)
    }

    /// The scenario folder of a study file.
    static func folder(of studyPath: String) -> String {
        URL(fileURLWithPath: studyPath).deletingLastPathComponent().path
    }

    /// The rendered files of the report, name → contents: a pure rendering of `results`.
    static func render(_ results: Results, locale: ReportLocale) -> [(String, String)] {
        let doc = ReportBuilder.build(results, context: ReportContext(date: date(), locale: locale))
        let md = MarkdownRenderer.render(doc)
        return [("report.md", md.markdown)] + md.files + [("report.html", HTMLRenderer.render(doc))]
    }
}
