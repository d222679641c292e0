import CLVReport
import Testing

@Suite("Numbers for people")
struct NumberFormatTests {
    @Test("Thousands separators, K/M/B and 万/亿", arguments: [
        (8_862_345.0, ReportLocale.en, "CNY 8.86M"), (-3_070_000, .en, "CNY −3.07M"), (26_020_000_000, .en, "CNY 26.02B"),
        (412_300, .en, "CNY 412.3K"), (950, .en, "CNY 950"), (8_862_345, .zhHans, "886万元"),
        (123_400_000, .zhHans, "1.23亿元"), (56_000, .zhHans, "5.6万元"),
    ])
    func money(_ x: Double, _ l: ReportLocale, _ text: String) {
        #expect(NumberFormat(locale: l, currency: "CNY").money(x) == text)
    }

    @Test("Grouping, ratios and percentages")
    func plain() {
        #expect(NumberFormat.grouped(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(NumberFormat.grouped(-0.001, decimals: 1) == "0.0")
        #expect(NumberFormat.grouped(999.96, decimals: 1) == "1,000.0")
        #expect(NumberFormat.bcr(1.789) == "1 : 1.8")
        #expect(NumberFormat.percent(0.8812) == "88.1%")
    }

    @Test("Axis ticks show the step's decimals")
    func ticks() {
        let f = NumberFormat(locale: .en, currency: "CNY")
        #expect(f.tick(2_500_000, step: 2_500_000) == "2.5M")
        #expect(f.tick(5_000_000, step: 2_500_000) == "5.0M")
        #expect(f.tick(-10_000_000, step: 5_000_000) == "−10M")
    }

    @Test("SOURCE_DATE_EPOCH dates", arguments: [(0 as Int64, "1970-01-01"), (1_764_374_400, "2025-11-29"), (951_782_400, "2000-02-29")])
    func dates(_ s: Int64, _ d: String) {
        #expect(ReportDate.string(epochSeconds: s) == d)
    }

    @Test("Every Double formats without trapping: ≥ 2^63, the largest, NaN and ±∞ (issue 11 item 6)",
          arguments: [9.3e18, -9.3e18, 1e300, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude,
                      Double.nan, Double.infinity, -Double.infinity, 1e15, 999_999_999_999_999.5])
    func extremes(_ x: Double) {
        for l in [ReportLocale.en, .zhHans] {
            let f = NumberFormat(locale: l, currency: "CNY")
            _ = f.money(x); _ = f.moneyFull(x); _ = f.short(x); _ = f.tick(x, step: 1)
        }
        _ = NumberFormat.percent(x); _ = NumberFormat.bcr(x); _ = NumberFormat.number(x)
        let g = NumberFormat.grouped(x, decimals: 2)
        if x.isFinite {
            #expect(g.filter(\.isNumber).count >= 16, "\(g)")
        } else {
            #expect(g == "–")
        }
    }

    @Test("Figures past 2^63 are grouped in full")
    func huge() {
        #expect(NumberFormat.grouped(1e19, decimals: 0) == "10,000,000,000,000,000,000")
        #expect(NumberFormat(locale: .en, currency: "CNY").money(1e27) == "CNY 1,000,000,000,000,000,000.00B")
    }

    @Test("Extreme SOURCE_DATE_EPOCH values give a date, not a trap", arguments: [Int64.min, Int64.max])
    func extremeDates(_ s: Int64) {
        #expect(!ReportDate.string(epochSeconds: s).isEmpty)
    }
}
