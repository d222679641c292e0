/// One of a few values with probability proportional to its weight: mean Σ v·w / Σ w.
public struct Discrete: InputDistribution {
    public let values: [Double], weights: [Double]

    /// Throws unless there is a value, no weight is negative and the weights do not sum to 0.
    public init(values: [Double], weights: [Double]) throws(DistributionError) {
        if values.isEmpty || values.count != weights.count {
            throw DistributionError(message: "discrete: needs at least one 'value: weight'")
        }
        for (v, w) in zip(values, weights) where w < 0 {
            throw DistributionError(message: "discrete: weight \(fmt(w)) of value \(fmt(v)) is negative")
        }
        if weights.allSatisfy({ $0 == 0 }) { throw DistributionError(message: "discrete: weights sum to 0") }
        self.init(unchecked: values, weights)
    }

    init(unchecked values: [Double], _ weights: [Double]) { self.values = values; self.weights = weights }

    public var mean: Double {
        let total = weights.reduce(0, +)
        return zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
    }

    public var support: Support {
        let used = zip(values, weights).filter { $0.1 > 0 }.map(\.0)
        return Support(low: used.min() ?? 0, high: used.max() ?? 0, hard: true)
    }

    public var isConstant: Bool { Set(values).count <= 1 }

    /// The first value, in the order written, whose cumulative weight exceeds u·Σw.
    public func sample(_ s: some VariateSource) -> Double {
        let total = weights.reduce(0, +)
        var u = s.uniform() * total
        for (v, w) in zip(values, weights) {
            if u < w { return v }
            u -= w
        }
        return values[values.count - 1]
    }

    /// The smallest value v with F(v) ≥ p (the CDF over the values sorted ascending; weights normalised).
    public func quantile(_ p: Double, _ q: some InverseCDFs) -> Double {
        let order = values.indices.sorted { values[$0] < values[$1] }
        let total = weights.reduce(0, +)
        var cum = 0.0
        for i in order {
            cum += weights[i] / total
            if cum >= clampedProbability(p) - 1e-12 && weights[i] > 0 { return values[i] }
        }
        return values[order[order.count - 1]]
    }
}
