internal import CGSL

#if canImport(Glibc)
import Glibc
#endif

/// Inverse CDFs of the input distributions (model.md 2.4), with the parametrisations the
/// samplers use (`Samplers.swift`), so that `quantile(p)` is the p-quantile of what the engine
/// draws. Degenerate parameters give the value the sampler returns for them.
/// GSL's `gsl_cdf_*_Pinv` do the work; p is clamped to [0, 1].
public enum Quantiles {
    /// Normal(mean, sd): mean + sd·Φ⁻¹(p).
    public static func normal(_ p: Double, mean: Double, sd: Double) -> Double {
        guard sd > 0 else { return mean }
        return mean + sd * gsl_cdf_ugaussian_Pinv(clamp(p))
    }

    /// Lognormal with the variable's own mean and sd: σ² = log(1 + (sd/mean)²), μ = log(mean) − σ²/2.
    public static func lognormal(_ p: Double, mean: Double, sd: Double) -> Double {
        guard mean > 0, sd > 0 else { return mean }
        let s2 = log1p((sd / mean) * (sd / mean))
        return gsl_cdf_lognormal_Pinv(clamp(p), log(mean) - s2 / 2, s2.squareRoot())
    }

    /// Gamma with the given mean and sd: shape (mean/sd)², scale sd²/mean.
    public static func gamma(_ p: Double, mean: Double, sd: Double) -> Double {
        guard mean > 0, sd > 0 else { return mean }
        return gsl_cdf_gamma_Pinv(clamp(p), (mean / sd) * (mean / sd), sd * sd / mean)
    }

    /// Beta(a, b).
    public static func beta(_ p: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0 else { return a > 0 ? 1 : 0 }
        return gsl_cdf_beta_Pinv(clamp(p), a, b)
    }

    /// Beta with the given mean and sd: ν = m(1 − m)/sd² − 1, a = mν, b = (1 − m)ν.
    public static func beta(_ p: Double, mean m: Double, sd: Double) -> Double {
        let nu = m * (1 - m) / (sd * sd) - 1
        guard sd > 0, m > 0, m < 1, nu > 0 else { return m }
        return gsl_cdf_beta_Pinv(clamp(p), m * nu, (1 - m) * nu)
    }

    /// PERT(min, mode, max): min + (max − min)·Beta⁻¹(p; 1 + 4(mode − min)/(max − min), 1 + 4(max − mode)/(max − min)).
    public static func pert(_ p: Double, min a: Double, mode m: Double, max b: Double) -> Double {
        guard b > a else { return a }
        let r = b - a
        return a + r * gsl_cdf_beta_Pinv(clamp(p), 1 + 4 * (m - a) / r, 1 + 4 * (b - m) / r)
    }

    /// Triangular(min, mode, max), closed form.
    public static func triangular(_ p: Double, min a: Double, mode m: Double, max b: Double) -> Double {
        guard b > a else { return a }
        let u = clamp(p), f = (m - a) / (b - a)
        return u < f ? a + ((b - a) * (m - a) * u).squareRoot() : b - ((b - a) * (b - m) * (1 - u)).squareRoot()
    }

    /// Uniform(min, max).
    public static func uniform(_ p: Double, min a: Double, max b: Double) -> Double { a + (b - a) * clamp(p) }

    /// Discrete: the smallest value v with F(v) ≥ p (inverted CDF over the values sorted ascending;
    /// weights normalised to sum 1).
    public static func discrete(_ p: Double, values: [Double], weights: [Double]) -> Double {
        let order = values.indices.sorted { values[$0] < values[$1] }
        let total = weights.reduce(0, +)
        var cum = 0.0
        for i in order {
            cum += weights[i] / total
            if cum >= clamp(p) - 1e-12 && weights[i] > 0 { return values[i] }
        }
        return values[order.last!]
    }

    static func clamp(_ p: Double) -> Double { p.isNaN ? 0.5 : Swift.min(1, Swift.max(0, p)) }
}
