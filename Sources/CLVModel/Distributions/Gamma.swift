/// Gamma with the mean and sd of the variable: shape (mean/sd)², scale sd²/mean.
public struct Gamma: InputDistribution {
    public let mean: Double, sd: Double

    /// Throws unless sd ≥ 0 and mean > 0.
    public init(mean: Double, sd: Double) throws(DistributionError) {
        if sd < 0 { throw DistributionError(message: "gamma: sd must be ≥ 0, found \(fmt(sd))") }
        if mean <= 0 { throw DistributionError(message: "gamma: mean must be > 0, found \(fmt(mean))") }
        self.init(unchecked: mean, sd)
    }

    init(unchecked mean: Double, _ sd: Double) { self.mean = mean; self.sd = sd }

    var shape: Double { (mean / sd) * (mean / sd) }
    var scale: Double { sd * sd / mean }

    public var support: Support { Support(low: Swift.max(0, mean - 3 * sd), high: mean + 3 * sd, hard: false) }
    public var isConstant: Bool { sd == 0 }

    public func sample(_ s: some VariateSource) -> Double {
        guard mean > 0, sd > 0 else { return mean }
        return s.gamma(shape: shape, scale: scale)
    }

    public func quantile(_ p: Double, _ q: some InverseCDFs) -> Double {
        guard mean > 0, sd > 0 else { return mean }
        return q.gamma(clampedProbability(p), shape: shape, scale: scale)
    }
}
