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

    /// The last commit that changed the scenario folder (`git log -1 --format=%H -- .` run in it),
    /// with "-dirty" appended (as `git describe --dirty` does) when the folder differs from it; nil when the folder is
    /// not in a repository or git is missing. Unrelated commits elsewhere do not change it, so a
    /// report regenerated from unchanged scenarios is byte-identical.
    static func gitCommit(of folder: String) -> String? {
        guard let s = git(["log", "-1", "--format=%H", "--", "."], in: folder),
              s.count >= 40, s.allSatisfy(\.isHexDigit) else { return nil }
        let dirty = git(["status", "--porcelain", "--", "."], in: folder).map { !$0.isEmpty } ?? false
        return dirty ? s + "-dirty" : s
    }

    private static func git(_ arguments: [String], in folder: String) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", folder] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
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

    /// Creates `dir` if missing and writes every file atomically.
    static func write(_ files: [(String, String)], into dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try AtomicFile.write(text, to: (dir as NSString).appendingPathComponent(name)) }
    }
}
