/// A number as written in a scenario: a constant or a distribution drawn once per trial (model.md 2.4).
///
/// `lognormal`, `gamma` and `beta` take the mean and standard deviation of the variable itself.
public enum Distribution: Sendable, Hashable {
    case constant(Double)
    case pert(min: Double, mode: Double, max: Double)
    case triangular(min: Double, mode: Double, max: Double)
    case uniform(min: Double, max: Double)
    case normal(mean: Double, sd: Double)
    case lognormal(mean: Double, sd: Double)
    case gamma(mean: Double, sd: Double)
    case beta(mean: Double, sd: Double)
    case betaAB(a: Double, b: Double)
    /// Values with weights (normalised to sum 1 when drawn).
    case discrete(values: [Double], weights: [Double])

    /// The expectation, used by the expected-value path (model.md 3.5).
    public var mean: Double {
        switch self {
        case .constant(let x): return x
        case .pert(let a, let m, let b): return (a + 4 * m + b) / 6
        case .triangular(let a, let m, let b): return (a + m + b) / 3
        case .uniform(let a, let b): return (a + b) / 2
        case .normal(let m, _), .lognormal(let m, _), .gamma(let m, _), .beta(let m, _): return m
        case .betaAB(let a, let b): return a / (a + b)
        case .discrete(let v, let w):
            let total = w.reduce(0, +)
            return zip(v, w).reduce(0) { $0 + $1.0 * $1.1 } / total
        }
    }

    /// True when every draw gives the same number.
    public var isConstant: Bool {
        switch self {
        case .constant: return true
        case .pert(let a, _, let b), .triangular(let a, _, let b), .uniform(let a, let b): return b <= a
        case .normal(_, let sd), .lognormal(_, let sd), .gamma(_, let sd), .beta(_, let sd): return sd == 0
        case .betaAB: return false
        case .discrete(let v, _): return Set(v).count <= 1
        }
    }
}

/// An input of the model: where it sits, how it was written, and what it is.
///
/// `path` keys the input's random stream (model.md 3.2): two scenarios that share an input
/// path see the same draw in a trial, and adding an input never changes another's draws.
/// Paths follow the NumPy peer: `segments.mass.transitions.active.churned`,
/// `costs.technology#0.amount`, `effects.value.*.cost.relative`, `risks.Budget overrun.cost_overrun`.
/// An uncertain number's identity: its input path and distribution. Inputs with the same
/// identity (a plan repeating its baseline's assumption) share their draws.
public struct InputKey: Sendable, Hashable {
    public let path: String
    public let distribution: Distribution
    /// How it depends on parameters (nil for a number or distribution written with numbers only).
    public let formula: Formula?
    public init(path: String, distribution: Distribution, formula: Formula? = nil) {
        self.path = path
        self.distribution = distribution
        self.formula = formula
    }
}

public struct Uncertain: Sendable, Hashable {
    public var path: String
    public var distribution: Distribution
    /// The text as written in the file (`pert(0.03, 0.04, 0.06)` or `0.55`).
    public var text: String
    public var location: SourceLocation
    /// Set when the number names parameters: an expression of them (`distribution` is then the
    /// constant at the parameters' means) or a distribution whose arguments use them
    /// (`distribution` is then that distribution at the parameters' means).
    public var formula: Formula?

    public init(path: String, distribution: Distribution, text: String, location: SourceLocation, formula: Formula? = nil) {
        self.path = path
        self.distribution = distribution
        self.text = text
        self.location = location
        self.formula = formula
    }

    /// True when every trial gives the same number (a constant that names no uncertain parameter).
    public var isConstant: Bool { formula == nil && distribution.isConstant }

    /// A constant with no source position (defaults filled in by the loader).
    public static func constant(_ x: Double, path: String, location: SourceLocation) -> Uncertain {
        Uncertain(path: path, distribution: .constant(x), text: "\(x)", location: location)
    }
}

extension Uncertain {
    /// Its identity (`InputKey`).
    public var key: InputKey { InputKey(path: path, distribution: distribution, formula: formula) }
}

/// The distributions written `name(number, ...)`: what `discrete(...)` and `dirichlet(...)`
/// (written with `key: weight` pairs) are not. `make` is the one validating constructor: the
/// loader calls it on the numbers as written, the engine on arguments computed from parameters.
public enum DistributionFamily: String, Sendable, Hashable, CaseIterable {
    case pert, triangular, uniform, normal, lognormal, gamma, beta
    case betaAB = "beta_ab"

    /// The parameters as shown in messages.
    public var signature: String {
        switch self {
        case .pert, .triangular: "min, mode, max"
        case .uniform: "min, max"
        case .normal, .lognormal, .gamma, .beta: "mean, sd"
        case .betaAB: "a, b"
        }
    }

    /// Numbers taken.
    public var arity: Int { signature.split(separator: ",").count }

    /// The distribution with these parameters, or why none exists (`pert: min 3 > mode 2`).
    /// A spread of 0 (`sd` 0) is the constant, once the mean is allowed.
    public func make(_ x: [Double]) -> Result<Distribution, DistributionError> {
        func fail(_ m: String) -> Result<Distribution, DistributionError> { .failure(DistributionError(message: "\(rawValue): " + m)) }
        guard x.count == arity else {
            return .failure(DistributionError(message: "\(rawValue) takes \(arity) numbers (\(signature)), found \(x.count)"))
        }
        switch self {
        case .pert, .triangular:
            if x[0] > x[1] { return fail("min \(fmt(x[0])) > mode \(fmt(x[1]))") }
            if x[1] > x[2] { return fail("mode \(fmt(x[1])) > max \(fmt(x[2]))") }
            return .success(self == .pert ? .pert(min: x[0], mode: x[1], max: x[2]) : .triangular(min: x[0], mode: x[1], max: x[2]))
        case .uniform:
            if x[0] > x[1] { return fail("min \(fmt(x[0])) > max \(fmt(x[1]))") }
            return .success(.uniform(min: x[0], max: x[1]))
        case .betaAB:
            if x[0] <= 0 || x[1] <= 0 { return fail("a and b must be > 0, found a = \(fmt(x[0])), b = \(fmt(x[1]))") }
            return .success(.betaAB(a: x[0], b: x[1]))
        case .normal, .lognormal, .gamma, .beta:
            let (mean, sd) = (x[0], x[1])
            if sd < 0 { return fail("sd must be ≥ 0, found \(fmt(sd))") }
            func spread(_ d: Distribution) -> Result<Distribution, DistributionError> { .success(sd == 0 ? .constant(mean) : d) }
            switch self {
            case .normal: return spread(.normal(mean: mean, sd: sd))
            case .lognormal, .gamma:
                if mean <= 0 { return fail("mean must be > 0, found \(fmt(mean))") }
                return spread(self == .gamma ? .gamma(mean: mean, sd: sd) : .lognormal(mean: mean, sd: sd))
            default:
                if mean <= 0 || mean >= 1 { return fail("mean must be in (0, 1), found \(fmt(mean))") }
                if sd * sd >= mean * (1 - mean) {
                    return fail("no beta distribution has mean \(fmt(mean)) and sd \(fmt(sd)) (needs sd² < mean × (1 − mean))")
                }
                return spread(.beta(mean: mean, sd: sd))
            }
        }
    }
}

/// Why no distribution has the parameters given.
public struct DistributionError: Error, Sendable, Equatable {
    public var message: String
}
