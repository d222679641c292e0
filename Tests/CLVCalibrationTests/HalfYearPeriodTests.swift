import Testing
@testable import CLVCalibration
import CLVModel

/// Half-year periods in data files: `YYYYH1`, `YYYYH2`, and dates bucketed by half-year.
@Suite("Half-year calibration periods")
struct HalfYearPeriodTests {
    @Test("labels, bucketing of dates and the scenario period")
    func halfYears() {
        let k = PeriodKind.halfYear
        #expect(k.label(2020 * 2) == "2020H1")
        #expect(k.label(2020 * 2 + 1) == "2020H2")
        #expect(FieldParse.bucket((2020, 6, 30), k) == 2020 * 2)
        #expect(FieldParse.bucket((2020, 7, 1), k) == 2020 * 2 + 1)
        #expect(k.scenarioPeriod == .halfYear)
        #expect(PeriodKind(Period.halfYear) == .halfYear)
        let parsed = Array("2021H2".utf8).withUnsafeBufferPointer { FieldParse.period($0) }
        #expect(parsed?.0 == .halfYear && parsed?.1 == 2021 * 2 + 1)
    }
}
