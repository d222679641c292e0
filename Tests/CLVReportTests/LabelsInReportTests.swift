import CLVAnalysis
import CLVReport
import Foundation
import Testing

/// With labels in the scenario files, the report names things in words: no raw input path
/// outside the appendix, and in Chinese no English words outside units, codes and the appendix.
@Suite("Labels in the report")
struct LabelsInReportTests {
    static func html(_ study: String, _ locale: ReportLocale) throws -> (Results, String) {
        let url = Fixture.root.appendingPathComponent("reports/\(study)/results.json")
        let results = try Results.decode(String(contentsOf: url, encoding: .utf8))
        return (results, HTMLRenderer.render(ReportBuilder.build(results, context: ReportContext(date: Fixture.date, locale: locale))))
    }

    /// The HTML without the appendix (raw paths belong there) and the input-file list.
    static func body(_ html: String) -> String {
        var h = html
        for id in ["assumptions", "provenance"] {
            if let a = h.range(of: "<section id=\"\(id)\""), let b = h.range(of: "</section>", range: a.upperBound..<h.endIndex) {
                h.removeSubrange(a.lowerBound..<b.upperBound)
            }
        }
        return h
    }

    @Test("No raw input path appears outside the appendix", arguments: Fixture.studies)
    func noPaths(_ study: String) throws {
        for locale in ReportLocale.allCases {
            let (results, html) = try Self.html(study, locale)
            let body = Self.body(html)
            for input in results.assumptions.inputs {
                #expect(!body.contains(input.path), "\(study) \(locale.rawValue): '\(input.path)' outside the appendix")
            }
            for e in results.assumptions.effects {
                #expect(!body.contains(">\(e.target)<"), "\(study) \(locale.rawValue): effect target '\(e.target)'")
            }
        }
    }

    @Test("The Chinese pack names plans, segments, states and risks in Chinese", arguments: Fixture.studies)
    func chinese(_ study: String) throws {
        let (results, html) = try Self.html(study, .zhHans)
        let body = Self.body(html)
        for r in results.scenarios { #expect(!body.contains(r.name), "\(study): '\(r.name)' in the Chinese pack") }
        for p in results.plans { for r in p.vs.risks { #expect(!body.contains(">\(r.name)"), "\(study): risk '\(r.name)'") } }
        #expect(!body.contains(results.study), "\(study): the English study name")
    }
}
