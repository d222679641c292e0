#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Arithmetic over numbers and parameter names, as written in a scenario (docs/scenario-format.md,
/// "Parameters and expressions"): `+ − × ÷`, parentheses, `min`, `max`, `exp`, `log` and
/// `rate_to_prob(r)` = 1 − e^(−r).
///
/// Evaluated in IEEE double arithmetic, left to right within one precedence level
/// (`a − b − c` is `(a − b) − c`, `a / b / c` is `(a / b) / c`); unary minus binds tighter than
/// `×` and `÷`. `log` is the natural logarithm.
public indirect enum NumberExpression: Sendable, Hashable {
    case number(Double)
    /// A parameter of the scenario, by name (`parameters.NAME`).
    case parameter(String)
    case negate(NumberExpression)
    case binary(BinaryOperator, NumberExpression, NumberExpression)
    case call(ExpressionFunction, [NumberExpression])

    public enum BinaryOperator: String, Sendable, Hashable {
        case add = "+", subtract = "−", multiply = "×", divide = "÷"
    }

    /// The value, with each parameter's value from `value`.
    public func evaluate(_ value: (String) -> Double) -> Double {
        switch self {
        case .number(let x): return x
        case .parameter(let name): return value(name)
        case .negate(let e): return -e.evaluate(value)
        case .binary(let op, let a, let b):
            let x = a.evaluate(value), y = b.evaluate(value)
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return x / y
            }
        case .call(let f, let args): return f.apply(args.map { $0.evaluate(value) })
        }
    }

    /// The parameters named, each once, in the order first written.
    public var parameterNames: [String] {
        var out: [String] = []
        func walk(_ e: NumberExpression) {
            switch e {
            case .number: break
            case .parameter(let n): if !out.contains(n) { out.append(n) }
            case .negate(let x): walk(x)
            case .binary(_, let a, let b): walk(a); walk(b)
            case .call(_, let args): args.forEach(walk)
            }
        }
        walk(self)
        return out
    }
}

/// The functions an expression may call.
public enum ExpressionFunction: String, Sendable, Hashable, CaseIterable {
    case min, max, exp, log
    case rateToProb = "rate_to_prob"

    /// Arguments taken: `min` and `max` two or more, the others exactly one.
    public var arity: ClosedRange<Int> {
        switch self {
        case .min, .max: 2...Int.max
        case .exp, .log, .rateToProb: 1...1
        }
    }

    /// As shown in messages: `min(x, y, ...)`, `rate_to_prob(r)`.
    public var signature: String {
        switch self {
        case .min, .max: "\(rawValue)(x, y, ...)"
        case .exp, .log: "\(rawValue)(x)"
        case .rateToProb: "rate_to_prob(r)"
        }
    }

    func apply(_ x: [Double]) -> Double {
        switch self {
        case .min: return x.dropFirst().reduce(x[0]) { Swift.min($0, $1) }
        case .max: return x.dropFirst().reduce(x[0]) { Swift.max($0, $1) }
        case .exp: return Foundation_exp(x[0])
        case .log: return Foundation_log(x[0])
        // 1 − e^(−r) without cancellation for small r: −expm1(−r).
        case .rateToProb: return -expm1(-x[0])
        }
    }
}

@inline(__always) private func Foundation_exp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func Foundation_log(_ x: Double) -> Double { log(x) }

/// How an uncertain number depends on the scenario's parameters.
public enum Formula: Sendable, Hashable {
    /// A number computed from parameters: it has no random stream of its own; in each trial it is
    /// the expression at that trial's draws of the parameters.
    case expression(NumberExpression)
    /// A distribution whose arguments use parameters: drawn from the input's own stream, with the
    /// arguments evaluated in each trial at that trial's draws of the parameters.
    case distribution(DistributionFamily, [NumberExpression])

    /// The parameters named, each once, in the order first written.
    public var parameterNames: [String] {
        switch self {
        case .expression(let e): return e.parameterNames
        case .distribution(_, let args):
            var out: [String] = []
            for a in args { for n in a.parameterNames where !out.contains(n) { out.append(n) } }
            return out
        }
    }
}

/// A named number of the scenario's `parameters:` block, drawn once per trial under
/// `parameters.NAME` and shared by every number that names it.
public struct Parameter: Sendable, Hashable {
    public var name: String
    /// Its value: path `parameters.NAME`.
    public var value: Uncertain
    public init(name: String, value: Uncertain) { self.name = name; self.value = value }
}
