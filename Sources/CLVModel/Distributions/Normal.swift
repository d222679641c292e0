/// Normal(mean, sd): mean + sd·Z.
public struct Normal: InputDistribution {
    public let mean: Double, sd: Double

    /// Throws unless sd ≥ 0.
    public init(mean: Double, sd: Double) throws(DistributionError) {
        if sd < 0 { throw DistributionError(message: "normal: sd must be ≥ 0, found \(fmt(sd))") }
        self.init(unchecked: mean, sd)
    }

    init(unchecked mean: Double, _ sd: Double) { self.mean = mean; self.sd = sd }

    public var support: Support { Support(low: mean - 3 * sd, high: mean + 3 * sd, hard: false) }
    public var isConstant: Bool { sd == 0 }
    public func sample(_ s: some VariateSource) -> Double { sd > 0 ? mean + s.gaussian(sd: sd) : mean }

    public func quantile(_ p: Double, _ q: some InverseCDFs) -> Double {
        guard sd > 0 else { return mean }
        return mean + sd * q.standardNormal(clampedProbability(p))
    }
}
