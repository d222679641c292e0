internal import CGSL

#if canImport(Glibc)
import Glibc
#endif

/// Samplers used by the engine. Parameters are checked by the caller (the scenario
/// validator and the engine's clamping); each sampler also guards its own domain so
/// that no GSL call can see an invalid argument.
extension RandomStream {
    // MARK: process noise

    /// Binomial(n, p) by BTRS / inversion (`DiscreteSamplers`); p > ½ by symmetry.
    /// Counts up to 2^53 are exact in a Double; above that the draw is split (a sum of
    /// binomials with the same p is binomial).
    @inlinable
    public func binomial(_ n: Int64, _ p: Double) -> Int64 {
        if n <= 0 || !(p > 0) { return 0 }
        if p >= 1 { return n }
        let limit: Int64 = 1 << 52
        var left = n, total: Int64 = 0
        while left > 0 {
            let chunk = min(left, limit)
            let nd = Double(chunk)
            let k = p <= 0.5 ? DiscreteSamplers.binomial(nd, p) { uniform() }
                             : nd - DiscreteSamplers.binomial(nd, 1 - p) { uniform() }
            total += Int64(k)
            left -= chunk
        }
        return total
    }

    /// Poisson(mu) by PTRS / multiplication (`DiscreteSamplers`). Above mu = 1e15 the normal
    /// approximation N(mu, mu) is used (relative error of the law far below 1e-7, and an
    /// Int64 count stays exact).
    public func poisson(_ mu: Double) -> Int64 {
        guard mu > 0, mu.isFinite else { return 0 }
        if mu > 1e15 { return Int64(min(9e18, max(0, (mu + mu.squareRoot() * gsl_ran_gaussian_ziggurat(rng, 1)).rounded()))) }
        return Int64(DiscreteSamplers.poisson(mu) { uniform() })
    }

    /// Gamma(shape, scale) by Marsaglia–Tsang (`ContinuousSamplers`); 0 when either is not positive.
    @inlinable
    public func gamma(shape: Double, scale: Double) -> Double {
        guard shape > 0, scale > 0, shape.isFinite, scale.isFinite else { return 0 }
        return scale * ContinuousSamplers.gamma(shape, { next() }, { uniform() })
    }

    /// A standard normal draw (ziggurat).
    @inlinable
    public func standardNormal() -> Double { ContinuousSamplers.normal({ next() }, { uniform() }) }

    // MARK: input distributions (model.md 2.4)

    /// Standard normal times `sd`, plus `mean`.
    public func normal(mean: Double, sd: Double) -> Double {
        sd > 0 ? mean + gsl_ran_gaussian_ziggurat(rng, sd) : mean
    }

    /// Lognormal with the given mean and standard deviation of the variable itself:
    /// σ² = log(1 + (sd/mean)²), μ = log(mean) − σ²/2.
    public func lognormal(mean: Double, sd: Double) -> Double {
        guard mean > 0, sd > 0 else { return mean }
        let s2 = log1p((sd / mean) * (sd / mean))
        return gsl_ran_lognormal(rng, log(mean) - s2 / 2, s2.squareRoot())
    }

    /// Gamma with the given mean and sd: shape (mean/sd)², scale sd²/mean.
    public func gamma(mean: Double, sd: Double) -> Double {
        guard mean > 0, sd > 0 else { return mean }
        return gsl_ran_gamma(rng, (mean / sd) * (mean / sd), sd * sd / mean)
    }

    /// Beta(a, b).
    public func beta(a: Double, b: Double) -> Double {
        guard a > 0, b > 0 else { return a > 0 ? 1 : 0 }
        return gsl_ran_beta(rng, a, b)
    }

    /// Beta with the given mean and sd: ν = m(1 − m)/sd² − 1, a = mν, b = (1 − m)ν.
    public func beta(mean m: Double, sd: Double) -> Double {
        let nu = m * (1 - m) / (sd * sd) - 1
        guard sd > 0, m > 0, m < 1, nu > 0 else { return m }
        return gsl_ran_beta(rng, m * nu, (1 - m) * nu)
    }

    /// PERT(min, mode, max): min + (max − min)·Beta(1 + 4(mode − min)/(max − min), 1 + 4(max − mode)/(max − min)).
    public func pert(min a: Double, mode m: Double, max b: Double) -> Double {
        guard b > a else { return a }
        let r = b - a
        return a + r * gsl_ran_beta(rng, 1 + 4 * (m - a) / r, 1 + 4 * (b - m) / r)
    }

    /// Triangular(min, mode, max) by inversion of its CDF.
    public func triangular(min a: Double, mode m: Double, max b: Double) -> Double {
        guard b > a else { return a }
        let u = uniform(), f = (m - a) / (b - a)
        return u < f ? a + ((b - a) * (m - a) * u).squareRoot() : b - ((b - a) * (b - m) * (1 - u)).squareRoot()
    }

    /// Uniform(min, max).
    public func uniform(min a: Double, max b: Double) -> Double { a + (b - a) * uniform() }

    /// One of `values` with probability proportional to `weights` (non-negative, positive sum).
    public func discrete(values: [Double], weights: [Double]) -> Double {
        let total = weights.reduce(0, +)
        var u = uniform() * total
        for (v, w) in zip(values, weights) {
            if u < w { return v }
            u -= w
        }
        return values[values.count - 1]
    }

    /// Dirichlet(α) written into `out` (same count as `alpha`, all α > 0).
    public func dirichlet(_ alpha: [Double], into out: inout [Double]) {
        precondition(out.count == alpha.count)
        alpha.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { o in
                gsl_ran_dirichlet(rng, a.count, a.baseAddress, o.baseAddress)
            }
        }
    }
}
