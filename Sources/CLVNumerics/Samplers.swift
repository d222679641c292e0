internal import CGSL

#if canImport(Glibc)
import Glibc
#endif

/// Samplers used by the engine. Parameters are checked by the caller (the scenario
/// validator and the engine's clamping); each sampler also guards its own domain so
/// that no GSL call can see an invalid argument.
extension RandomStream {
    // MARK: process noise

    /// Binomial(n, p). GSL takes `unsigned int` counts. Up to 2^32 − 1 the draw is GSL's exact one.
    /// Above (10^12 customers arriving for 1,200 periods reach 10^15), splitting n into 2^32 − 1
    /// blocks would cost n / 2^32 GSL calls per draw — 280,000 at 10^15 — so the de Moivre–Laplace
    /// approximation N(np, np(1 − p)) is used, rounded and clamped to [0, n]; when the smaller side
    /// n·min(p, 1 − p) is under 10^6 (p or 1 − p below 2.4·10^-4), the Poisson limit is used for that
    /// side instead (its total-variation error is below min(p, 1 − p) ≤ 2.4·10^-4, the normal's
    /// Berry–Esseen bound below 10^-3). Both errors are invisible at counts of 4·10^9 and more.
    public func binomial(_ n: Int64, _ p: Double) -> Int64 {
        if n <= 0 || !(p > 0) { return 0 }
        if p >= 1 { return n }
        if n <= Int64(UInt32.max) { return Int64(gsl_ran_binomial(rng, p, UInt32(n))) }
        let N = Double(n), q = min(p, 1 - p)
        let small: Double
        if N * q < 1e6 {
            small = Double(poisson(N * q))
        } else {
            small = (N * q + (N * q * (1 - q)).squareRoot() * gsl_ran_gaussian_ziggurat(rng, 1)).rounded()
        }
        // Clamped in Double first: Int64(x) traps when x is outside Int64's range.
        let k = Int64(min(max(small, 0), N))
        return p <= 0.5 ? k : n - k
    }

    /// Largest Poisson mean drawn: arrivals are validated at ≤ 10^12 per period, but a plan's effect
    /// can scale them; 10^15 per period for 1,200 periods stays 7,000× below Int64.max.
    public static let maxPoissonMean = 1e15

    /// Poisson(mu), mu clamped to `maxPoissonMean`. Above mu = 1e9 GSL's `unsigned int` result could
    /// overflow; there the normal approximation N(mu, mu) is used (relative error of the law far below 1e-4).
    public func poisson(_ mu: Double) -> Int64 {
        guard mu > 0, mu.isFinite else { return 0 }
        let mu = min(mu, Self.maxPoissonMean)
        if mu > 1e9 { return max(0, Int64((mu + mu.squareRoot() * gsl_ran_gaussian_ziggurat(rng, 1)).rounded())) }
        return Int64(gsl_ran_poisson(rng, mu))
    }

    /// Shapes above this are drawn as their mean: the coefficient of variation 1/√shape is then
    /// below 10^-6, and GSL's sampler is never handed an infinite shape (1/cv² with cv → 0).
    public static let maxGammaShape = 1e12

    /// Gamma(shape, scale) (Marsaglia–Tsang in GSL); 0 when either is not positive or not a number.
    /// GSL loops forever on a NaN shape, so every parameter is checked here.
    public func gamma(shape: Double, scale: Double) -> Double {
        guard shape > 0, scale > 0, scale.isFinite else { return 0 }
        if !(shape <= Self.maxGammaShape) { return shape.isFinite ? shape * scale : 0 }
        return gsl_ran_gamma(rng, shape, scale)
    }

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
        guard s2.isFinite else { return .nan }     // reported by the engine as a draw that cannot be made
        return gsl_ran_lognormal(rng, log(mean) - s2 / 2, s2.squareRoot())
    }

    /// Gamma with the given mean and sd: shape (mean/sd)², scale sd²/mean.
    public func gamma(mean: Double, sd: Double) -> Double {
        guard mean > 0, sd > 0 else { return mean }
        return gamma(shape: (mean / sd) * (mean / sd), scale: sd * sd / mean)
    }

    /// Beta(a, b).
    public func beta(a: Double, b: Double) -> Double {
        guard a > 0, b > 0 else { return a > 0 ? 1 : 0 }
        guard a.isFinite, b.isFinite else { return .nan }
        return gsl_ran_beta(rng, a, b)
    }

    /// Beta with the given mean and sd: ν = m(1 − m)/sd² − 1, a = mν, b = (1 − m)ν.
    public func beta(mean m: Double, sd: Double) -> Double {
        let nu = m * (1 - m) / (sd * sd) - 1
        guard sd > 0, m > 0, m < 1, nu > 0 else { return m }
        guard nu.isFinite else { return .nan }
        return gsl_ran_beta(rng, m * nu, (1 - m) * nu)
    }

    /// PERT(min, mode, max): min + (max − min)·Beta(1 + 4(mode − min)/(max − min), 1 + 4(max − mode)/(max − min)).
    public func pert(min a: Double, mode m: Double, max b: Double) -> Double {
        guard b > a else { return a }
        let r = b - a, alpha = 1 + 4 * (m - a) / r, beta = 1 + 4 * (b - m) / r
        // NaN shapes would make GSL's gamma sampler loop forever.
        guard r.isFinite, alpha.isFinite, beta.isFinite, alpha > 0, beta > 0 else { return .nan }
        return a + r * gsl_ran_beta(rng, alpha, beta)
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
