/// Triangular(min, mode, max), drawn by inverting its CDF; mean (min + mode + max)/3.
public struct Triangular: InputDistribution {
    public let min: Double, mode: Double, max: Double

    /// Throws unless min ≤ mode ≤ max.
    public init(min: Double, mode: Double, max: Double) throws(DistributionError) {
        if min > mode { throw DistributionError(message: "triangular: min \(fmt(min)) > mode \(fmt(mode))") }
        if mode > max { throw DistributionError(message: "triangular: mode \(fmt(mode)) > max \(fmt(max))") }
        self.init(unchecked: min, mode, max)
    }

    init(unchecked min: Double, _ mode: Double, _ max: Double) { self.min = min; self.mode = mode; self.max = max }

    public var mean: Double { (min + mode + max) / 3 }
    public var support: Support { Support(low: min, high: max, hard: true) }
    public var isConstant: Bool { max <= min }

    /// F⁻¹(u): min + √((max − min)(mode − min)u) below F(mode), max − √((max − min)(max − mode)(1 − u)) above.
    private func inverse(_ u: Double) -> Double {
        let (a, m, b) = (min, mode, max), f = (m - a) / (b - a)
        return u < f ? a + ((b - a) * (m - a) * u).squareRoot() : b - ((b - a) * (b - m) * (1 - u)).squareRoot()
    }

    public func sample(_ s: some VariateSource) -> Double {
        guard max > min else { return min }
        return inverse(s.uniform())
    }

    public func quantile(_ p: Double, _ q: some InverseCDFs) -> Double {
        guard max > min else { return min }
        return inverse(clampedProbability(p))
    }
}
