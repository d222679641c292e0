public import CLVModel
import CLVNumerics

extension Distribution {
    /// The p-quantile of what the engine draws (inverse CDF; `Quantiles` in CLVNumerics):
    /// pert as a scaled beta, triangular and uniform in closed form, normal, lognormal(mean, sd),
    /// gamma(mean, sd), beta(mean, sd) and beta_ab through GSL's `gsl_cdf_*_Pinv`, discrete by
    /// inverting its CDF (the smallest value v with F(v) ≥ p).
    public func quantile(_ p: Double) -> Double {
        switch self {
        case .constant(let x): return x
        case .pert(let a, let m, let b): return Quantiles.pert(p, min: a, mode: m, max: b)
        case .triangular(let a, let m, let b): return Quantiles.triangular(p, min: a, mode: m, max: b)
        case .uniform(let a, let b): return Quantiles.uniform(p, min: a, max: b)
        case .normal(let m, let sd): return Quantiles.normal(p, mean: m, sd: sd)
        case .lognormal(let m, let sd): return Quantiles.lognormal(p, mean: m, sd: sd)
        case .gamma(let m, let sd): return Quantiles.gamma(p, mean: m, sd: sd)
        case .beta(let m, let sd): return Quantiles.beta(p, mean: m, sd: sd)
        case .betaAB(let a, let b): return Quantiles.beta(p, a: a, b: b)
        case .discrete(let v, let w): return Quantiles.discrete(p, values: v, weights: w)
        }
    }
}
