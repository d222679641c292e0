import CLVReport
import Foundation
import Testing

@Suite("Report languages")
struct LocaleTests {
    @Test("The zh-Hans report has no English headings and shows amounts in 万 / 亿")
    func chinese() throws {
        let zh = Fixture.document(locale: .zhHans), en = Fixture.document(locale: .en)
        func headings(_ d: Document) -> [String] {
            d.sections.flatMap { s in
                [s.title] + s.blocks.flatMap { b -> [String] in
                    switch b {
                    case .heading(let h): [h]
                    case .table(let t): t.header
                    case .chart(let c): [c.title]
                    default: []
                    }
                }
            } + d.meta.map(\.label)
        }
        // Headings may quote scenario data (segment names) and symbols; nothing else in Latin letters.
        let allowed = ["z 值", "SHA-256", "Git", "Spearman", "CVaR", "CRM", "EVPPI", "EVPI", "P10", "P25", "P50", "P75", "P90", "P95", "P5", "mass", "affluent", "sme"]
        let englishHeadings = Set(headings(en))
        for h in headings(zh) {
            var rest = h
            for a in allowed { rest = rest.replacingOccurrences(of: a, with: "") }
            #expect(!rest.contains { $0.isASCII && $0.isLetter }, "English left in a Chinese heading: \(h)")
            #expect(!englishHeadings.contains(h) || allowed.contains(where: h.contains), "untranslated heading: \(h)")
        }
        let md = MarkdownRenderer.render(zh)
        #expect(md.markdown.contains("万") || md.markdown.contains("亿"))
        #expect(md.markdown.contains("执行摘要"))
        #expect(!md.markdown.contains("CNY "))
        #expect(md.markdown.range(of: #"\d(\.\d+)?[MK]\b"#, options: .regularExpression) == nil)
        let html = HTMLRenderer.render(zh)
        #expect(html.contains("lang=\"zh-Hans\""))
        #expect(md.files.filter { $0.contents.contains("元") }.count >= 4)
        #expect(md.files.allSatisfy { !$0.contents.contains("CNY") && $0.contents.contains("<title id") })
    }

    @Test("Locale tags", arguments: [("en", ReportLocale.en), ("zh-Hans", .zhHans), ("zh-CN", .zhHans)])
    func tags(_ tag: String, _ l: ReportLocale) {
        #expect(ReportLocale(tag: tag) == l)
    }
}
