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

    /// The rendered files of the report, name → contents.
    static func render(_ analysis: Analysis, locale: ReportLocale, studyPath: String, whatIf: WhatIf? = nil,
                       precision: PrecisionRun? = nil, stress: [Stress.Applied] = []) -> [(String, String)] {
        let folder = URL(fileURLWithPath: studyPath).deletingLastPathComponent().path
        let ctx = ReportContext(date: date(), gitCommit: gitCommit(of: folder), locale: locale, whatIf: whatIf,
                                precision: precision, stress: stress)
        let doc = ReportBuilder.build(analysis, context: ctx)
        let md = MarkdownRenderer.render(doc)
        return [("report.md", md.markdown)] + md.files + [("report.html", HTMLRenderer.render(doc))]
    }
}
