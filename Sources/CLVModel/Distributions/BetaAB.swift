/// Beta(a, b) with its shape parameters: mean a/(a + b), variance ab/((a + b)²(a + b + 1)).
public struct BetaAB: InputDistribution {
    public let a: Double, b: Double

    /// Throws unless a, b > 0.
    public init(a: Double, b: Double) throws(DistributionError) {
        if a <= 0 || b <= 0 { throw DistributionError(message: "beta_ab: a and b must be > 0, found a = \(fmt(a)), b = \(fmt(b))") }
        self.init(unchecked: a, b)
    }

    init(unchecked a: Double, _ b: Double) { self.a = a; self.b = b }

    public var mean: Double { a / (a + b) }
    public var support: Support {
        let m = a / (a + b), sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
        return Support(low: Swift.max(0, m - 3 * sd), high: Swift.min(1, m + 3 * sd), hard: false)
    }
    public var isConstant: Bool { false }

    public func sample(_ s: some VariateSource) -> Double {
        guard a > 0, b > 0 else { return a > 0 ? 1 : 0 }
        guard a.isFinite, b.isFinite else { return .nan }
        return s.beta(a: a, b: b)
    }

    public func quantile(_ p: Double, _ q: some InverseCDFs) -> Double {
        guard a > 0, b > 0 else { return a > 0 ? 1 : 0 }
        return q.beta(clampedProbability(p), a: a, b: b)
    }
}
