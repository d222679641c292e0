internal import CGSL

#if canImport(Glibc)
import Glibc
#endif

/// A Poisson mean with PTRS's constants (`RandomStream.poisson(_: PoissonMean)`).
public struct PoissonMean: Sendable {
    public let mean: Double
    /// PTRS's constants when PTRS applies (10 ≤ mean ≤ maxPoissonMean), else nil.
    let ptrs: DiscreteSamplers.PTRS?

    public init(_ mean: Double) {
        self.mean = mean
        ptrs = mean >= 10 && mean <= RandomStream.maxPoissonMean ? DiscreteSamplers.PTRS(mean) : nil
    }
}

/// A Gamma shape with Marsaglia–Tsang's constants, for repeated draws (`RandomStream.gamma(_:scale:)`).
public struct GammaShape: Sendable {
    public let shape: Double
    /// Whether the constants apply: 1 ≤ shape ≤ maxGammaShape (other shapes take the general path).
    @usableFromInline let direct: Bool
    @usableFromInline let d: Double, c: Double

    public init(_ shape: Double) {
        self.shape = shape
        direct = shape >= 1 && shape <= RandomStream.maxGammaShape
        d = shape - 1.0 / 3
        c = direct ? 1 / (9 * d).squareRoot() : 0
    }
}

/// Samplers used by the engine. Parameters are checked by the caller (the scenario
/// validator and the engine's clamping); each sampler also guards its own domain so
/// that no GSL call can see an invalid argument.
extension RandomStream {
    // MARK: process noise

    /// Binomial(n, p) by BTRS / inversion (`DiscreteSamplers`); p > ½ by symmetry.
    /// Counts up to 2^52 are exact in a Double and drawn in one piece; above that (beyond the
    /// validated limits) the draw is split, a sum of binomials with the same p being binomial.
    @inlinable
    public func binomial(_ n: Int64, _ p: Double) -> Int64 {
        if n <= 0 || !(p > 0) { return 0 }
        if p >= 1 { return n }
        let limit: Int64 = 1 << 52
        var left = n, total: Int64 = 0
        while left > 0 {
            let chunk = min(left, limit)
            let nd = Double(chunk)
            let k = p <= 0.5 ? DiscreteSamplers.binomial(nd, p, self)
                             : nd - DiscreteSamplers.binomial(nd, 1 - p, self)
            total += Int64(min(max(k, 0), nd))      // clamped in Double: Int64(x) traps out of range
            left -= chunk
        }
        return total
    }

    /// Largest Poisson mean drawn: arrivals are validated at ≤ 10^12 per period, but a plan's effect
    /// can scale them; 10^15 per period for 1,200 periods stays 7,000× below Int64.max.
    public static let maxPoissonMean = 1e15

    /// Poisson(mu) by PTRS / multiplication (`DiscreteSamplers`), mu clamped to `maxPoissonMean`
    /// (draws stay exact integers in a Double, below 2^53).
    public func poisson(_ mu: Double) -> Int64 {
        guard mu > 0, mu.isFinite else { return 0 }
        return Int64(DiscreteSamplers.poisson(min(mu, Self.maxPoissonMean), self))
    }

    /// Poisson draws of a mean prepared once and drawn many times: the same draws as
    /// `poisson(_:)` for that mean, without recomputing PTRS's constants (a square root, two
    /// logarithms and two divisions) per draw.
    public func poisson(_ p: PoissonMean) -> Int64 {
        guard let c = p.ptrs else { return poisson(p.mean) }
        return Int64(DiscreteSamplers.ptrs(c, self))
    }

    /// Shapes above this are drawn as their mean: the coefficient of variation 1/√shape is then
    /// below 10^-6, and the sampler is never handed an infinite shape (1/cv² with cv → 0).
    public static let maxGammaShape = 1e12

    /// Gamma(shape, scale) by Marsaglia–Tsang (`ContinuousSamplers`); 0 when either is not
    /// positive or not a number (a NaN shape would never be accepted).
    @inlinable
    public func gamma(shape: Double, scale: Double) -> Double {
        guard shape > 0, scale > 0, scale.isFinite else { return 0 }
        if !(shape <= Self.maxGammaShape) { return shape.isFinite ? shape * scale : 0 }
        return scale * ContinuousSamplers.gamma(shape, self)
    }

    /// Gamma(shape, scale) for a shape prepared once and drawn many times (a customer's revenue
    /// per period, model.md 3.3): the same draws as `gamma(shape:scale:)`, without recomputing
    /// Marsaglia–Tsang's constants (a square root and a division) per draw.
    @inlinable
    public func gamma(_ g: GammaShape, scale: Double) -> Double {
        guard g.direct, scale > 0, scale.isFinite else { return gamma(shape: g.shape, scale: scale) }
        return scale * ContinuousSamplers.marsagliaTsang(d: g.d, c: g.c, self)
    }

    /// A standard normal draw (ziggurat).
    @inlinable
    public func standardNormal() -> Double { ContinuousSamplers.normal(self) }

    // MARK: the standard samplers the input distributions draw from (CLVModel's `Distributions/`)

    /// Normal with mean 0 and standard deviation `sd` (ziggurat, GSL).
    public func gaussian(sd: Double) -> Double { gsl_ran_gaussian_ziggurat(rng, sd) }

    /// exp(N(mu, sigma²)) (GSL).
    public func lognormal(mu: Double, sigma: Double) -> Double { gsl_ran_lognormal(rng, mu, sigma) }

    /// Beta(a, b).
    public func beta(a: Double, b: Double) -> Double {
        guard a > 0, b > 0 else { return a > 0 ? 1 : 0 }
        guard a.isFinite, b.isFinite else { return .nan }
        return gsl_ran_beta(rng, a, b)
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
