import Foundation
import Testing
@testable import CLVModel

/// `parameters:` and expressions (docs/scenario-format.md, "Parameters and expressions").
@Suite("Parameters and expressions")
struct ParameterTests {
    /// The value of a constant expression, or nil when it does not parse to one.
    static func value(_ text: String) -> Double? {
        if case .success(.distribution(.constant(let x))) = DistributionParser.parse(text) { return x }
        return nil
    }

    @Test("precedence and associativity: × and ÷ before + and −, left to right, unary minus binds tightest",
          arguments: [
              ("1 - 2 - 3", -4.0), ("8 / 4 / 2", 1), ("2 + 3 * 4", 14), ("2 * 3 + 4", 10), ("(2 + 3) * 4", 20),
              ("-2 * 3", -6), ("2 * -3", -6), ("- (1 - 4)", 3), ("10 - 2 * 3 - 1", 3), ("12 / 3 * 2", 8),
              ("6 ÷ 3 × 2 − 1", 3), ("2 − −1", 3), ("+5 - 1", 4), ("min(3, 1, 2)", 1), ("max(1, 4) * 2", 8),
              ("exp(0)", 1), ("log(1)", 0), ("1e3 / 4", 250), ("1_000 * 0.5", 500), ("((((2))))", 2),
          ])
    func precedence(_ text: String, _ expected: Double) {
        #expect(Self.value(text) == expected)
    }

    @Test("rate_to_prob(r) is 1 − e^(−r), accurate for small r", arguments: [1e-12, 1e-6, 0.01, 0.05, 0.5, 1, 3, 20])
    func rateToProb(_ r: Double) throws {
        let x = try #require(Self.value("rate_to_prob(\(r))"))
        #expect(x == -expm1(-r))
        // 1 − exp(−r) itself loses digits to cancellation only in absolute terms below 1e-16.
        #expect(abs(x - (1 - exp(-r))) <= 2e-16)
        // For small r the series r − r²/2 + r³/6 (error below r⁴/24) to within a few ulps of r.
        if r <= 1e-6 { #expect(abs(x - (r - r * r / 2 + r * r * r / 6)) <= 1e-15 * r) }
    }

    @Test("every parameter and expression error, at its line and the column inside the scalar")
    func errors() {
        #expect(Fixtures.lines(["parameters/errors.yaml"]) == [
            "$F/parameters/errors.yaml:5:6: error: parameters.a: parameters form a cycle: a -> b -> a",
            "$F/parameters/errors.yaml:7:7: error: parameters.c: exp takes 1 number (exp(x)), found 2",
            "$F/parameters/errors.yaml:8:11: error: parameters.d: expected a number or a parameter, found '*'",
            "$F/parameters/errors.yaml:9:6: error: parameters.e: log( is never closed",
            "$F/parameters/errors.yaml:10:3: error: parameters.min: 'min' is the name of a function or distribution and cannot name a parameter",
            "$F/parameters/errors.yaml:11:6: error: parameters.f: rate_to_prob takes 1 number (rate_to_prob(r)), found 0",
            "$F/parameters/errors.yaml:12:6: error: parameters.g: the expression is not a finite number at the parameters' means (inf): a division by 0 or the log of a number ≤ 0?",
            "$F/parameters/errors.yaml:20:36: error: segments.s.transitions.active.gone: unknown parameter 'markte' (did you mean 'market'?)",
            "$F/parameters/errors.yaml:22:42: error: segments.s.value.active.revenue: lognormal(mean, sd): unknown parameter 'markt' (did you mean 'market'?)",
            "$F/parameters/errors.yaml:22:62: error: segments.s.value.active.cost: max takes 2 or more numbers (max(x, y, ...)), found 1",
            "$F/parameters/errors.yaml:22:88: error: segments.s.value.active.revenue_cv: normal(...) is a distribution and cannot be part of an expression; name it under 'parameters:' and use the name",
            "$F/parameters/errors.yaml:25:25: error: segments.t.value.active.revenue: lognormal: mean must be > 0, found -420 at the parameters' means",
            "$F/parameters/errors.yaml:25:63: error: segments.t.value.active.cost: unknown distribution 'cost_of'",
            "$F/parameters/errors.yaml:25:95: error: segments.t.value.active.revenue_cv: this '(' is never closed",
        ])
    }

    @Test("a longer cycle is named from its first parameter in the file; a self-reference too")
    func cycles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("c.yaml").path
        try """
        schema: clvsim/1
        horizon: 2
        parameters:
          z: "x * 2"
          x: "y + 1"
          y: "z - 1"
          s: "s"
        states: {a: {stage: retention}}
        segments: {g: {initial: {a: 1}}}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(Loader.validate(paths: [file]).map(\.description) == [
            "\(file):4:6: error: parameters.z: parameters form a cycle: z -> x -> y -> z",
            "\(file):7:6: error: parameters.s: parameters form a cycle: s -> s",
        ])
    }

    @Test("a number computed from parameters, or drawn with arguments that use them, cannot be correlated")
    func correlatingComputed() {
        #expect(Fixtures.lines(["parameters/correlate-derived.yaml"]) == [
            "$F/parameters/correlate-derived.yaml:14:34: error: correlations[0].between[1]: 'segments.s.value.active.revenue' is computed from parameters and cannot be correlated; correlate the parameters it uses (parameters.NAME)",
        ])
    }

    @Test("numbers keep their formula and their value at the parameters' means; constant parameters fold")
    func decoded() throws {
        let study = try Loader.loadStudy(path: Fixtures.path("parameters/study.yaml"))
        let base = study.baseline
        #expect(base.parameters.map(\.name) == ["market", "uplift", "fixed"])
        #expect(base.parameters.map(\.value.path) == ["parameters.market", "parameters.uplift", "parameters.fixed"])
        #expect(base.parameters[0].value.distribution == .normal(mean: 1, sd: 0.1))
        #expect(base.parameters[1].value.formula == .expression(.binary(.multiply, .number(0.1), .parameter("market"))))
        let s = base.segments[0]
        // rate_to_prob(0.05 * fixed) names only a constant parameter: a constant, as written.
        guard case .moves(let moves) = s.transitions[0].row else { Issue.record("not a row of moves"); return }
        #expect(moves[0].probability.formula == nil)
        #expect(moves[0].probability.distribution == .constant(-expm1(-0.2)))
        #expect(moves[0].probability.text == "rate_to_prob(0.05 * fixed)")
        let revenue = try #require(s.value[0].revenue)
        #expect(revenue.distribution == .constant(100))
        #expect(revenue.formula?.parameterNames == ["market"])
        #expect(!revenue.isConstant)
        let arrivals = s.arrivals[0].amount
        #expect(arrivals.distribution == .gamma(mean: 10, sd: 2))
        #expect(arrivals.formula == .distribution(.gamma, [.binary(.multiply, .number(10), .parameter("market")), .number(2)]))
        #expect(base.correlations.map(\.first) == ["parameters.market"])
    }

    @Test("a plan's parameters replace the baseline's of the same name; the others are inherited")
    func planOverride() throws {
        let study = try Loader.loadStudy(path: Fixtures.path("parameters/study.yaml"))
        let plan = study.plans[0]
        #expect(plan.parameters.map(\.name) == ["market", "uplift", "fixed"])
        #expect(plan.parameters[0].value.distribution == .normal(mean: 1.2, sd: 0.1))
        // Means follow the plan's own parameters.
        #expect(plan.segments[0].value[0].revenue?.distribution == .constant(120))
        #expect(abs((plan.effects[0].amount.distribution.mean) - 0.12) < 1e-15)
        #expect(plan.effects[0].amount.formula == .expression(.parameter("uplift")))
    }

    @Test("without parameters, numbers and distributions keep the messages they always had")
    func legacyMessages() {
        #expect(DistributionParser.parse("hello") == .failure(.init(message: "expected a number or a distribution such as pert(min, mode, max), found 'hello'")))
        #expect(DistributionParser.parse("pert(1, x, 3)") == .failure(.init(message: "pert(min, mode, max): 'x' is not a number")))
        #expect(DistributionParser.parse("pert(40, 50, 60") == .failure(.init(message: "expected a number or a distribution such as pert(min, mode, max), found 'pert(40, 50, 60'")))
        #expect(DistributionParser.parse("1 +") == .failure(.init(message: "expected a number or a parameter, found the end of the expression", offset: 3)))
        #expect(DistributionParser.parse("pert(1/2, 1, 3 * 1)") == .success(.distribution(.pert(min: 0.5, mode: 1, max: 3))))
    }
}
