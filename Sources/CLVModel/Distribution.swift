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
    public init(path: String, distribution: Distribution) {
        self.path = path
        self.distribution = distribution
    }
}

public struct Uncertain: Sendable, Hashable {
    public var path: String
    public var distribution: Distribution
    /// The text as written in the file (`pert(0.03, 0.04, 0.06)` or `0.55`).
    public var text: String
    public var location: SourceLocation

    public init(path: String, distribution: Distribution, text: String, location: SourceLocation) {
        self.path = path
        self.distribution = distribution
        self.text = text
        self.location = location
    }

    /// A constant with no source position (defaults filled in by the loader).
    public static func constant(_ x: Double, path: String, location: SourceLocation) -> Uncertain {
        Uncertain(path: path, distribution: .constant(x), text: "\(x)", location: location)
    }
}

extension Uncertain {
    /// Its identity (`InputKey`).
    public var key: InputKey { InputKey(path: path, distribution: distribution) }
}
