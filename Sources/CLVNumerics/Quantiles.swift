internal import CGSL

#if canImport(Glibc)
import Glibc
#endif

/// Inverse CDFs of the standard distributions that CLVModel's input distributions (one type per
/// file in `Distributions/`) take their quantiles from; GSL's `gsl_cdf_*_Pinv` do the work, p is
/// clamped to [0, 1].
public enum Quantiles {
    /// Normal(mean, sd): mean + sd·Φ⁻¹(p).
    public static func normal(_ p: Double, mean: Double, sd: Double) -> Double {
        guard sd > 0 else { return mean }
        return mean + sd * gsl_cdf_ugaussian_Pinv(clamp(p))
    }

    /// Φ⁻¹(p).
    public static func standardNormal(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(clamp(p)) }

    /// exp(N(mu, sigma²)).
    public static func lognormal(_ p: Double, mu: Double, sigma: Double) -> Double {
        gsl_cdf_lognormal_Pinv(clamp(p), mu, sigma)
    }

    /// Gamma(shape, scale).
    public static func gamma(_ p: Double, shape: Double, scale: Double) -> Double {
        gsl_cdf_gamma_Pinv(clamp(p), shape, scale)
    }

    /// Beta(a, b).
    public static func beta(_ p: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0 else { return a > 0 ? 1 : 0 }
        return gsl_cdf_beta_Pinv(clamp(p), a, b)
    }

    static func clamp(_ p: Double) -> Double { p.isNaN ? 0.5 : Swift.min(1, Swift.max(0, p)) }
}
