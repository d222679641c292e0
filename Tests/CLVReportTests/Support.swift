import CLVAnalysis
import CLVEngine
import CLVModel
import CLVReport
import Foundation

/// Shared fixtures: the retail-bank example at a small, fixed run.
enum Fixture {
    /// The package root (three folders above this file).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let snapshots: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    /// The shipped studies (the Makefile's STUDIES): the source report's five cases (issue 19).
    static let studies = ["retail-bank", "insurer", "internet-finance", "securities", "service-centre"]
    /// 2025-11-29T00:00:00Z, as `SOURCE_DATE_EPOCH` would give it.
    static let date = ReportDate.string(epochSeconds: 1_764_374_400)

    /// Loads an example study, with input paths relative to the package root (so snapshots do
    /// not depend on where the repository is checked out).
    static func study(_ name: String) throws -> Study {
        var s = try Loader.loadStudy(path: root.appendingPathComponent("scenarios/\(name)/study.yaml").path)
        let prefix = root.path + "/"
        s.inputs = s.inputs.map { InputFile(path: $0.path.hasPrefix(prefix) ? String($0.path.dropFirst(prefix.count)) : $0.path,
                                            sha256: $0.sha256) }
        return s
    }

    static func analyse(_ study: Study, trials: Int = 500, clvSamples: Int = 2_000) throws -> Analysis {
        let run = try Engine.run(study, options: RunOptions(trials: trials, seed: 20_251_129, clvSamples: clvSamples, threads: 2))
        return Analysis(run)
    }

    /// The retail-bank example at 500 trials (computed once per test process).
    static let retailBank: Analysis = {
        do { return try analyse(study("retail-bank")) } catch { fatalError("cannot run the retail-bank example: \(error)") }
    }()

    /// The analysis' results with its what-if analytics attached, as `clvsim run` makes them.
    static func results(_ a: Analysis = retailBank) -> Results {
        var b = a
        b.attach(whatIf: WhatIf(a))
        return b.results
    }

    static func document(_ a: Analysis = retailBank, locale: ReportLocale = .en) -> Document {
        ReportBuilder.build(results(a), context: ReportContext(date: date, locale: locale))
    }

    static func temporaryFolder() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("clvreport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }
}
