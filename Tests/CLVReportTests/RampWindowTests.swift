import CLVAnalysis
import CLVReport
import Foundation
import Testing

/// Windows that end (issue 13): `assumptions.ramps` gains `until`, `fade` and the effects' own
/// windows, and the report's ramp sentences state them, in English and Chinese.
@Suite("Ramp windows in the results and the report")
struct RampWindowTests {
    static func text(_ doc: Document) -> String {
        MarkdownRenderer.render(doc).markdown
    }

    @Test("the HIV example's plan window {from 0, to 1, until 2}: JSON keys and both report sentences")
    func planWindow() throws {
        let a = try Fixture.analyse(Fixture.study("examples/hiv-chancellor"), trials: 50, clvSamples: 100)
        let r = Fixture.results(a)
        let ramp = try #require(r.assumptions.ramps.first)
        #expect(ramp.from == 0 && ramp.to == 1 && ramp.until == 2 && ramp.fade == 0 && ramp.effects == nil)
        #expect(r.rendered().contains("\"until\": 2,\n"))
        let en = Self.text(Fixture.document(a))
        #expect(en.contains("effects start after year 0, are full from year 1 through year 2, then stop."))
        let zh = Self.text(Fixture.document(a, locale: .zhHans))
        #expect(zh.contains("第 1 年起全部到位，持续至第 2 年，此后不再有效。"))
    }

    @Test("an effect's own window with a fade (internet finance): listed under its plan, in the JSON and the report")
    func effectWindow() throws {
        let a = try Fixture.analyse(Fixture.study("internet-finance"), trials: 40, clvSamples: 100)
        let r = Fixture.results(a)
        let ramp = try #require(r.assumptions.ramps.first)
        #expect(ramp.until == nil && ramp.fade == nil)
        let own = try #require(ramp.effects?.first)
        #expect(own.from == 2 && own.to == 3 && own.until == 6 && own.fade == 3)
        let en = Self.text(Fixture.document(a))
        #expect(en.contains("this effect has its own window; it starts after month 2 and is full from month 3 through month 6, then fades out over 3 months (none from month 9 on)."))
        let zh = Self.text(Fixture.document(a, locale: .zhHans))
        #expect(zh.contains("该效果有独立的时间窗"))
        // Plans without windows that end keep the sentence and JSON they had.
        let bank = Fixture.results()
        #expect(!bank.rendered().contains("\"until\""))
    }
}
