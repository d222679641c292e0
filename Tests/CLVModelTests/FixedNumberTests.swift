import Foundation
import Testing
@testable import CLVModel

/// Expressions in the numbers that are not drawn (issue 13): `horizon`, `discount_rate`, cost and
/// window periods may be expressions of numbers and fixed parameters; a distribution there, or a
/// parameter that varies, is an error at its line and column; whole numbers must evaluate to one.
@Suite("Fixed numbers as expressions")
struct FixedNumberTests {
    static let base = """
        schema: clvsim/1
        parameters: { years: 5, quarters: 4, market: "normal(1, 0.1)" }
        name: b
        period: quarter
        horizon: years * quarters
        discount_rate: 0.32 / 4
        states:
          a: { stage: retention }
          gone: { stage: churn }
        segments:
          s:
            initial: { a: 100 }
            transitions: { a: { gone: 0.1 } }
            value: { a: { revenue: 10 } }
        costs:
          - { category: people, amount: 1000, from: 1, to: quarters }
        ramp: { from: 2, to: 2 + quarters, until: years * quarters - 2, fade: quarters / 2 }
        """

    /// Validates `text` written as s.yaml; returns the printed lines, folder removed.
    static func lines(_ text: String) throws -> [String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-fixed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return Loader.validate(paths: [file.path]).map { $0.description.replacingOccurrences(of: dir.path + "/", with: "") }
    }

    @Test("horizon, discount rate, cost periods and the window evaluate over fixed parameters")
    func evaluates() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-fixed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try Self.base.write(to: file, atomically: true, encoding: .utf8)
        let study = try Loader.loadStudy(path: file.path)
        let s = study.baseline
        #expect(s.horizon == 20 && s.discountRate == 0.08)
        #expect(s.ramp == Ramp(from: 2, to: 6, until: 18, fade: 2))
        #expect(s.costs.first?.schedule == .spread(from: 1, to: 4))
        #expect(try Self.lines(Self.base).isEmpty)
    }

    @Test("a distribution or an uncertain parameter in a fixed number, and a fraction in a whole number, at line and column")
    func errors() throws {
        #expect(try Self.lines(Self.base.replacingOccurrences(of: "until: years * quarters - 2", with: "until: 10 * market")) == [
            "s.yaml:17:43: error: ramp.until: needs a fixed number: write a number or an expression of numbers and parameters that do not vary; it names the uncertain parameter 'market', drawn anew in each trial",
        ])
        #expect(try Self.lines(Self.base.replacingOccurrences(of: "horizon: years * quarters", with: "horizon: pert(16, 20, 24)")) == [
            "s.yaml:5:10: error: horizon: needs a fixed number: write a number or an expression of numbers and parameters that do not vary; 'pert(16, 20, 24)' is a distribution, drawn anew in each trial",
            // The horizon is then unknown (1): the cost's periods are checked against it.
            "s.yaml:16:52: error: costs[0].to: period 4 is outside the horizon 0...1",
        ])
        #expect(try Self.lines(Self.base.replacingOccurrences(of: "horizon: years * quarters", with: "horizon: years / 2")).first
                == "s.yaml:5:10: error: horizon: expected a whole number, found 2.5 (the value of 'years / 2')")
        #expect(try Self.lines(Self.base.replacingOccurrences(of: "to: quarters }", with: "to: quartrs }")) == [
            "s.yaml:16:52: error: costs[0].to: unknown parameter 'quartrs' (did you mean 'quarters'?)",
        ])
        #expect(try Self.lines(Self.base.replacingOccurrences(of: "discount_rate: 0.32 / 4", with: "discount_rate: 0.32 /")) == [
            "s.yaml:6:22: error: discount_rate: expected a number or a parameter, found the end of the expression",
        ])
    }

    @Test("a date where a period belongs is an error at its column, not the arithmetic 2025 − 1 − 1 = 2023")
    func dates() throws {
        #expect(try Self.lines(Self.base.replacingOccurrences(of: "amount: 1000, from: 1,", with: "amount: 1000, from: 2025-01-01,")) == [
            "s.yaml:16:45: error: costs[0].from: '2025-01-01' looks like a date; write a number (periods count from 1)",
        ])
        for date in ["2025-01-01", "2025/1/31", "31/01/2025", "2025-01"] { #expect(TreeReader.looksLikeDate(date), "\(date)") }
        for expression in ["2000-50", "1000-200", "20-4", "12/4", "2025-13", "100-1-1"] { #expect(!TreeReader.looksLikeDate(expression), "\(expression)") }
    }
}
