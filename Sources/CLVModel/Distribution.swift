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

    /// The distribution's own type (one per file in `Distributions/`), which knows its mean,
    /// support, draws and quantiles.
    public var body: any InputDistribution {
        switch self {
        case .constant(let x): Constant(x)
        case .pert(let a, let m, let b): Pert(unchecked: a, m, b)
        case .triangular(let a, let m, let b): Triangular(unchecked: a, m, b)
        case .uniform(let a, let b): Uniform(unchecked: a, b)
        case .normal(let m, let sd): Normal(unchecked: m, sd)
        case .lognormal(let m, let sd): Lognormal(unchecked: m, sd)
        case .gamma(let m, let sd): Gamma(unchecked: m, sd)
        case .beta(let m, let sd): Beta(unchecked: m, sd)
        case .betaAB(let a, let b): BetaAB(unchecked: a, b)
        case .discrete(let v, let w): Discrete(unchecked: v, w)
        }
    }

    /// The expectation, used by the expected-value path (model.md 3.5).
    public var mean: Double { body.mean }

    /// True when every draw gives the same number.
    public var isConstant: Bool { body.isConstant }

    /// Where its draws fall (`Support`).
    public var support: Support { body.support }

    /// One draw from `source`.
    public func sample(_ source: some VariateSource) -> Double { body.sample(source) }

    /// The p-quantile of what `sample` draws.
    public func quantile(_ p: Double, _ inverse: some InverseCDFs) -> Double { body.quantile(p, inverse) }
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
        guard x.count == arity else {
            return .failure(DistributionError(message: "\(rawValue) takes \(arity) numbers (\(signature)), found \(x.count)"))
        }
        // Each type's initialiser validates; a spread of 0 is the constant, once the mean is allowed.
        do throws(DistributionError) {
            switch self {
            case .pert: _ = try Pert(min: x[0], mode: x[1], max: x[2]); return .success(.pert(min: x[0], mode: x[1], max: x[2]))
            case .triangular:
                _ = try Triangular(min: x[0], mode: x[1], max: x[2]); return .success(.triangular(min: x[0], mode: x[1], max: x[2]))
            case .uniform: _ = try Uniform(min: x[0], max: x[1]); return .success(.uniform(min: x[0], max: x[1]))
            case .betaAB: _ = try BetaAB(a: x[0], b: x[1]); return .success(.betaAB(a: x[0], b: x[1]))
            case .normal: _ = try Normal(mean: x[0], sd: x[1]); return .success(x[1] == 0 ? .constant(x[0]) : .normal(mean: x[0], sd: x[1]))
            case .lognormal:
                _ = try Lognormal(mean: x[0], sd: x[1]); return .success(x[1] == 0 ? .constant(x[0]) : .lognormal(mean: x[0], sd: x[1]))
            case .gamma: _ = try Gamma(mean: x[0], sd: x[1]); return .success(x[1] == 0 ? .constant(x[0]) : .gamma(mean: x[0], sd: x[1]))
            case .beta: _ = try Beta(mean: x[0], sd: x[1]); return .success(x[1] == 0 ? .constant(x[0]) : .beta(mean: x[0], sd: x[1]))
            }
        } catch {
            return .failure(error)
        }
    }
}

/// Why no distribution has the parameters given.
public struct DistributionError: Error, Sendable, Equatable {
    public var message: String
    public init(message: String) { self.message = message }
}
