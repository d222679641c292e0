/// A number: every draw is `value`.
public struct Constant: InputDistribution {
    public let value: Double
    public init(_ value: Double) { self.value = value }
    public var mean: Double { value }
    public var support: Support { Support(low: value, high: value, hard: true) }
    public var isConstant: Bool { true }
    public func sample(_ s: some VariateSource) -> Double { value }
    public func quantile(_ p: Double, _ q: some InverseCDFs) -> Double { value }
}
