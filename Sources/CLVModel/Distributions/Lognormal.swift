#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lognormal with the mean and sd **of the variable itself**: exp(N(μ, σ²)) with
/// σ² = ln(1 + (sd/mean)²), μ = ln(mean) − σ²/2.
public struct Lognormal: InputDistribution {
    public let mean: Double, sd: Double

    /// Throws unless sd ≥ 0 and mean > 0.
    public init(mean: Double, sd: Double) throws(DistributionError) {
        if sd < 0 { throw DistributionError(message: "lognormal: sd must be ≥ 0, found \(fmt(sd))") }
        if mean <= 0 { throw DistributionError(message: "lognormal: mean must be > 0, found \(fmt(mean))") }
        self.init(unchecked: mean, sd)
    }

    init(unchecked mean: Double, _ sd: Double) { self.mean = mean; self.sd = sd }

    /// σ² = ln(1 + (sd/mean)²).
    var sigma2: Double { log1p((sd / mean) * (sd / mean)) }
    /// μ = ln(mean) − σ²/2, given σ².
    func mu(_ s2: Double) -> Double { log(mean) - s2 / 2 }

    public var support: Support { Support(low: Swift.max(0, mean - 3 * sd), high: mean + 3 * sd, hard: false) }
    public var isConstant: Bool { sd == 0 }

    public func sample(_ s: some VariateSource) -> Double {
        guard mean > 0, sd > 0 else { return mean }
        let s2 = sigma2
        guard s2.isFinite else { return .nan }     // reported by the engine as a draw that cannot be made
        return s.lognormal(mu: mu(s2), sigma: s2.squareRoot())
    }

    public func quantile(_ p: Double, _ q: some InverseCDFs) -> Double {
        guard mean > 0, sd > 0 else { return mean }
        let s2 = sigma2
        return q.lognormal(clampedProbability(p), mu: mu(s2), sigma: s2.squareRoot())
    }
}
