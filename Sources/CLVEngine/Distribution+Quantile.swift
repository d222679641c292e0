public import CLVModel
import CLVNumerics

/// CLVNumerics' samplers and inverse CDFs (GSL behind them) as the sources CLVModel's input
/// distributions draw from and invert (`InputDistribution`).
struct StreamVariates: VariateSource {
    let stream: RandomStream
    @inline(__always) func uniform() -> Double { stream.uniform() }
    @inline(__always) func gaussian(sd: Double) -> Double { stream.gaussian(sd: sd) }
    @inline(__always) func lognormal(mu: Double, sigma: Double) -> Double { stream.lognormal(mu: mu, sigma: sigma) }
    @inline(__always) func gamma(shape: Double, scale: Double) -> Double { stream.gamma(shape: shape, scale: scale) }
    @inline(__always) func beta(a: Double, b: Double) -> Double { stream.beta(a: a, b: b) }
}

struct GSLInverseCDFs: InverseCDFs {
    func standardNormal(_ p: Double) -> Double { Quantiles.standardNormal(p) }
    func lognormal(_ p: Double, mu: Double, sigma: Double) -> Double { Quantiles.lognormal(p, mu: mu, sigma: sigma) }
    func gamma(_ p: Double, shape: Double, scale: Double) -> Double { Quantiles.gamma(p, shape: shape, scale: scale) }
    func beta(_ p: Double, a: Double, b: Double) -> Double { Quantiles.beta(p, a: a, b: b) }
}

extension Distribution {
    /// The p-quantile of what the engine draws (inverse CDF): each distribution's own
    /// `quantile` (CLVModel `Distributions/`), through GSL's `gsl_cdf_*_Pinv` where it needs one;
    /// discrete by inverting its CDF (the smallest value v with F(v) ≥ p).
    public func quantile(_ p: Double) -> Double { quantile(p, GSLInverseCDFs()) }

    /// One draw from `stream`, as the engine draws inputs.
    func sample(_ stream: RandomStream) -> Double { sample(StreamVariates(stream: stream)) }
}
