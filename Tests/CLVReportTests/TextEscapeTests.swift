import Testing
@testable import CLVReport

/// Text that reaches a report (issue 11, items 14, 18-20): escaped, and shortened in one pass.
@Suite("Report text")
struct TextEscapeTests {
    @Test("XML (HTML, SVG) and Markdown show controls, bidi controls and non-characters as \\uXXXX")
    func escapes() {
        #expect(XML.escape("a\u{1B}b\u{202E}c\u{FFFF}<") == "a\\u001Bb\\u202Ec\\uFFFF&lt;")
        #expect(XML.escape("two\nlines\ttab") == "two\nlines\ttab")
        #expect(MarkdownRenderer.escape("x\u{2067}y\u{7}") == "x\\u2067y\\u0007")
    }

    @Test("fit shortens a name of a million characters (linear: the old loop remeasured after each character)")
    func fitLong() {
        let name = String(repeating: "名", count: 1_000_000)
        let t = SVGCanvas.fit(name, width: 120, size: 12)
        #expect(t.hasSuffix("…"))
        #expect(SVGCanvas.textWidth(t, size: 12) <= 120)
        #expect(SVGCanvas.fit("short", width: 120, size: 12) == "short")
    }

    @Test("fit gives what the old one-character-at-a-time loop gave", arguments: ["Plan A — unified customer data platform", "数据平台升级计划第二阶段", "x"])
    func fitSame(_ s: String) {
        for width in [10.0, 40, 80, 200] {
            var old = s
            if SVGCanvas.textWidth(s, size: 12) > width {
                while !old.isEmpty && SVGCanvas.textWidth(old + "…", size: 12) > width { old.removeLast() }
                old += "…"
            }
            #expect(SVGCanvas.fit(s, width: width, size: 12) == old)
        }
    }
}
