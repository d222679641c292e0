import CLVReport
import Foundation
import Testing

/// `report.md` and every chart of the retail-bank example at seed 20251129, 500 trials and a
/// fixed date, byte for byte. `CLVSIM_UPDATE_SNAPSHOTS=1 swift test` rewrites the files.
@Suite("Report snapshots")
struct ReportSnapshotTests {
    static let update = ProcessInfo.processInfo.environment["CLVSIM_UPDATE_SNAPSHOTS"] == "1"

    func check(_ text: String, _ name: String) throws {
        let url = Fixture.snapshots.appendingPathComponent(name)
        if Self.update {
            try Data(text.utf8).write(to: url)
            return
        }
        let stored = try #require(try? String(contentsOf: url, encoding: .utf8),
                                  "missing snapshot \(name): run with CLVSIM_UPDATE_SNAPSHOTS=1")
        #expect(stored == text, "\(name) differs from its snapshot (CLVSIM_UPDATE_SNAPSHOTS=1 rewrites it)")
    }

    @Test("report.md and the SVG charts match their snapshots")
    func markdownAndCharts() throws {
        let out = MarkdownRenderer.render(Fixture.document())
        try check(out.markdown, "retail-bank/report.md")
        #expect(out.files.count == 12)     // with the acceptability chart (the study has hurdle_rates)
        for f in out.files { try check(f.contents, "retail-bank/\(f.name)") }
    }

    @Test("The Chinese report.md, its charts and both report.html match their snapshots")
    func chinese() throws {
        let doc = Fixture.document(locale: .zhHans)
        let out = MarkdownRenderer.render(doc)
        try check(out.markdown, "retail-bank-zh-Hans/report.md")
        for f in out.files { try check(f.contents, "retail-bank-zh-Hans/\(f.name)") }
        try check(HTMLRenderer.render(doc), "retail-bank-zh-Hans/report.html")
        try check(HTMLRenderer.render(Fixture.document()), "retail-bank/report.html")
    }

    @Test("The same inputs give byte-identical reports")
    func deterministic() throws {
        let again = try Fixture.analyse(Fixture.study("retail-bank"))
        let a = Fixture.document(), b = Fixture.document(again)
        #expect(HTMLRenderer.render(a) == HTMLRenderer.render(b))
        #expect(MarkdownRenderer.render(a).markdown == MarkdownRenderer.render(b).markdown)
    }
}
