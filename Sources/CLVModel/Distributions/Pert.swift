/// Beta-PERT(min, mode, max): min + (max − min)·Beta(α, β) with α = 1 + 4(mode − min)/(max − min),
/// β = 1 + 4(max − mode)/(max − min); mean (min + 4·mode + max)/6.
public struct Pert: InputDistribution {
    public let min: Double, mode: Double, max: Double

    /// Throws unless min ≤ mode ≤ max.
    public init(min: Double, mode: Double, max: Double) throws(DistributionError) {
        if min > mode { throw DistributionError(message: "pert: min \(fmt(min)) > mode \(fmt(mode))") }
        if mode > max { throw DistributionError(message: "pert: mode \(fmt(mode)) > max \(fmt(max))") }
        self.init(unchecked: min, mode, max)
    }

    init(unchecked min: Double, _ mode: Double, _ max: Double) { self.min = min; self.mode = mode; self.max = max }

    var range: Double { max - min }
    var alpha: Double { 1 + 4 * (mode - min) / range }
    var beta: Double { 1 + 4 * (max - mode) / range }

    public var mean: Double { (min + 4 * mode + max) / 6 }
    public var support: Support { Support(low: min, high: max, hard: true) }
    public var isConstant: Bool { max <= min }

    public func sample(_ s: some VariateSource) -> Double {
        guard max > min else { return min }
        let r = range, a = alpha, b = beta
        // NaN shapes would make GSL's gamma sampler loop forever.
        guard r.isFinite, a.isFinite, b.isFinite, a > 0, b > 0 else { return .nan }
        return min + r * s.beta(a: a, b: b)
    }

    public func quantile(_ p: Double, _ q: some InverseCDFs) -> Double {
        guard max > min else { return min }
        return min + range * q.beta(clampedProbability(p), a: alpha, b: beta)
    }
}
