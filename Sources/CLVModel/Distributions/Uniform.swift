/// Uniform(min, max); mean (min + max)/2.
public struct Uniform: InputDistribution {
    public let min: Double, max: Double

    /// Throws unless min ≤ max.
    public init(min: Double, max: Double) throws(DistributionError) {
        if min > max { throw DistributionError(message: "uniform: min \(fmt(min)) > max \(fmt(max))") }
        self.init(unchecked: min, max)
    }

    init(unchecked min: Double, _ max: Double) { self.min = min; self.max = max }

    public var mean: Double { (min + max) / 2 }
    public var support: Support { Support(low: min, high: max, hard: true) }
    public var isConstant: Bool { max <= min }
    public func sample(_ s: some VariateSource) -> Double { min + (max - min) * s.uniform() }
    public func quantile(_ p: Double, _ q: some InverseCDFs) -> Double { min + (max - min) * clampedProbability(p) }
}
