import Foundation
import Testing
@testable import CLVModel

/// `period: half_year`: two periods a year (docs/scenario-format.md).
@Suite("Half-year periods")
struct HalfYearTests {
    @Test("half_year has p = 2 and discounts by (1 + r)^(-1/2) per period")
    func discount() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-half-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("h.yaml").path
        try """
        schema: clvsim/1
        period: half_year
        horizon: 10
        discount_rate: 0.08
        states: {a: {stage: retention}}
        segments: {g: {initial: {a: 1}}}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let s = try Loader.loadStudy(path: file).baseline
        #expect(s.period == .halfYear)
        #expect(s.period.rawValue == "half_year")
        #expect(s.period.periodsPerYear == 2)
        #expect(s.discountFactor == pow(1.08, -0.5))
        #expect(abs(s.discountFactor - 0.962_250_448_649_376) < 1e-15)
    }
}
