/// Beta with the mean and sd of the variable: ν = mean(1 − mean)/sd² − 1, α = mean·ν, β = (1 − mean)·ν.
public struct Beta: InputDistribution {
    public let mean: Double, sd: Double

    /// Throws unless sd ≥ 0, 0 < mean < 1 and sd² < mean(1 − mean).
    public init(mean: Double, sd: Double) throws(DistributionError) {
        if sd < 0 { throw DistributionError(message: "beta: sd must be ≥ 0, found \(fmt(sd))") }
        if mean <= 0 || mean >= 1 { throw DistributionError(message: "beta: mean must be in (0, 1), found \(fmt(mean))") }
        if sd * sd >= mean * (1 - mean) {
            throw DistributionError(message: "beta: no beta distribution has mean \(fmt(mean)) and sd \(fmt(sd)) (needs sd² < mean × (1 − mean))")
        }
        self.init(unchecked: mean, sd)
    }

    init(unchecked mean: Double, _ sd: Double) { self.mean = mean; self.sd = sd }

    /// ν = mean(1 − mean)/sd² − 1 (α + β).
    var nu: Double { mean * (1 - mean) / (sd * sd) - 1 }

    public var support: Support { Support(low: Swift.max(0, mean - 3 * sd), high: Swift.min(1, mean + 3 * sd), hard: false) }
    public var isConstant: Bool { sd == 0 }

    public func sample(_ s: some VariateSource) -> Double {
        let m = mean, n = nu
        guard sd > 0, m > 0, m < 1, n > 0 else { return m }
        guard n.isFinite else { return .nan }
        return s.beta(a: m * n, b: (1 - m) * n)
    }

    public func quantile(_ p: Double, _ q: some InverseCDFs) -> Double {
        let m = mean, n = nu
        guard sd > 0, m > 0, m < 1, n > 0 else { return m }
        return q.beta(clampedProbability(p), a: m * n, b: (1 - m) * n)
    }
}
