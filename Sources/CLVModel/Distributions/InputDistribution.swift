/// What every input distribution of model.md 2.4 provides, one type per file in this folder (as
/// Rust's rand_distr has it): a validating initialiser that throws the loader's messages, its mean
/// and support, a draw, and the inverse CDF. Each shape formula (PERT's α and β, the lognormal's μ
/// and σ from the variable's mean and sd, ...) is written once, in the type, and serves the draw
/// and the quantile alike, so that `quantile(p)` is the p-quantile of what `sample` draws.
///
/// The random numbers come from a `VariateSource` and the inverse CDFs from `InverseCDFs`: the
/// engine supplies both from CLVNumerics, which alone calls GSL.
public protocol InputDistribution: Sendable, Hashable {
    /// The expectation (the expected-value path, model.md 3.5).
    var mean: Double { get }
    /// Where the draws fall: the exact support when bounded, else mean ± 3 sd within it.
    var support: Support { get }
    /// True when every draw gives the same number.
    var isConstant: Bool { get }
    /// One draw.
    func sample(_ s: some VariateSource) -> Double
    /// The p-quantile of `sample`'s draws (p clamped to [0, 1]; NaN read as ½).
    func quantile(_ p: Double, _ q: some InverseCDFs) -> Double
}

/// The range of a distribution's draws: `hard` when it is the exact support (pert, triangular,
/// uniform, discrete), else mean ± 3 sd within the support (normal, lognormal, gamma, beta, beta_ab).
public struct Support: Sendable, Hashable {
    public var low: Double
    public var high: Double
    public var hard: Bool
    public init(low: Double, high: Double, hard: Bool) { self.low = low; self.high = high; self.hard = hard }
}

/// The random numbers input distributions are drawn from: one uniform stream and the standard
/// samplers on it. The engine's `RandomStream` (CLVNumerics) is one.
public protocol VariateSource {
    /// U[0, 1).
    func uniform() -> Double
    /// Normal with mean 0 and standard deviation `sd` > 0.
    func gaussian(sd: Double) -> Double
    /// exp(N(mu, sigma²)).
    func lognormal(mu: Double, sigma: Double) -> Double
    /// Gamma(shape, scale); 0 when either is not positive.
    func gamma(shape: Double, scale: Double) -> Double
    /// Beta(a, b) for finite a, b > 0.
    func beta(a: Double, b: Double) -> Double
}

/// Inverse CDFs of the standard distributions, for p in [0, 1].
public protocol InverseCDFs {
    /// Φ⁻¹(p).
    func standardNormal(_ p: Double) -> Double
    func lognormal(_ p: Double, mu: Double, sigma: Double) -> Double
    func gamma(_ p: Double, shape: Double, scale: Double) -> Double
    func beta(_ p: Double, a: Double, b: Double) -> Double
}

/// p clamped to [0, 1], NaN read as ½: what every quantile is taken at.
@inline(__always)
func clampedProbability(_ p: Double) -> Double { p.isNaN ? 0.5 : Swift.min(1, Swift.max(0, p)) }
