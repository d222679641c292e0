import Testing
@testable import CLVCommands
import CLVReport

/// The console summary and the board pack round every figure alike.
@Suite("Console figures round as the report's")
struct ConsoleFormatTests {
    @Test("every share k/10000 and 97.55% print as in the report (the console rounded 0.9755 to 97.5%, the report to 97.6%)")
    func shares() {
        #expect(Format.percent(0.9755) == NumberFormat.percent(0.9755))
        for k in 0...10_000 {
            let x = Double(k) / 10_000
            #expect(Format.percent(x) == NumberFormat.percent(x), "\(x)")
            if Format.percent(x) != NumberFormat.percent(x) { return }
        }
    }

    @Test("amounts and ratios: the report's digits, with an ASCII minus and K/M/B")
    func amounts() {
        #expect(Format.amount(-3_071_234) == "-3.07M")
        #expect(Format.amount(12_345) == "12.3K")
        #expect(Format.amount(9_890.445) == NumberFormat.grouped(9_890.445, decimals: 2))
        #expect(Format.amount(26_015_000_000) == "26.02B")
        #expect(Format.bcr(1.85) == NumberFormat.bcr(1.85))
        #expect(Format.percent(-0.0004) == "0.0%")   // never "-0.0%"
    }
}
