import CLVAnalysis
import CLVModel
import CLVReport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("HTML report")
struct HTMLReportTests {
    static let html = HTMLRenderer.render(Fixture.document())

    @Test("The HTML parses as well-formed XML")
    func wellFormed() throws {
        let doc = try XMLDocument(data: Data(Self.html.utf8), options: [])
        #expect(doc.rootElement()?.name == "html")
        // Twelve charts (the eleven of every pack and, with `decision.hurdle_rates`, the acceptability
        // curve), each in a wide and a phone layout, each with a title and a description.
        let svgs = try doc.nodes(forXPath: "//*[local-name()='svg']")
        #expect(svgs.count == 24)
        #expect(try doc.nodes(forXPath: "//*[local-name()='svg']/*[local-name()='title']").count == 24)
        #expect(try doc.nodes(forXPath: "//*[local-name()='svg']/*[local-name()='desc']").count == 24)
        let tables = try doc.nodes(forXPath: "//table").count
        let withHeaderCells = try doc.nodes(forXPath: "//table[thead/tr/th]").count
        #expect(tables > 5 && tables == withHeaderCells)
    }

    @Test("The HTML is self-contained: no scripts and no external resources")
    func selfContained() {
        let h = Self.html.lowercased()
        #expect(!h.contains("<script"))
        #expect(!h.contains("<link"))
        #expect(!h.contains("<img"))
        #expect(!h.contains("@import"))
        #expect(!h.contains("url("))
        // The only http(s) text allowed is the SVG namespace name, which is an identifier, not a resource.
        let stripped = h.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!stripped.contains("http://"))
        #expect(!stripped.contains("https://"))
    }

    @Test("Names from scenario files are escaped in HTML, SVG and Markdown")
    func hostileNames() throws {
        var study = try Fixture.study("retail-bank")
        let evil = "<script>alert(1)</script> | \"q\" & 'a'"
        study.name = evil
        study.report.title = evil
        // Labels would stand in for the names: take them away so the names themselves are shown.
        study.labelled = Labelled()
        study.report.titleText = nil
        study.baseline.labelled = Labelled()
        for i in study.plans.indices { study.plans[i].labelled = Labelled() }
        study.baseline.name = evil
        study.plans[0].name = "Plan | A <b>bold</b>"
        for i in study.plans.indices { study.plans[i].segments[0].name = "mass | <i>x</i>" }
        study.baseline.segments[0].name = "mass | <i>x</i>"
        let a = try Fixture.analyse(study, trials: 100, clvSamples: 200)
        let doc = Fixture.document(a)
        let html = HTMLRenderer.render(doc)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<b>bold</b>"))
        _ = try XMLDocument(data: Data(html.utf8), options: [])
        let md = MarkdownRenderer.render(doc)
        for f in md.files {
            #expect(!f.contents.contains("<script"))
            _ = try XMLDocument(data: Data(f.contents.utf8), options: [])
        }
        // In Markdown every `<` from a name is backslash-escaped, so it shows as text.
        #expect(md.markdown.contains(#"\<script>alert(1)\</script>"#))
        let raw = Array(md.markdown)
        #expect(!raw.indices.contains { raw[$0] == "<" && ($0 == 0 || raw[$0 - 1] != "\\") })
        // Every table row has exactly as many unescaped `|` as its header.
        var expected: Int? = nil
        for line in md.markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { expected = nil; continue }
            let n = unescapedPipes(line)
            if let e = expected { #expect(n == e, "row breaks its table: \(line)") } else { expected = n }
        }
    }

    func unescapedPipes(_ s: Substring) -> Int {
        var n = 0, escaped = false
        for ch in s {
            if escaped { escaped = false; continue }
            if ch == "\\" { escaped = true } else if ch == "|" { n += 1 }
        }
        return n
    }
}
