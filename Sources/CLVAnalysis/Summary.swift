import CLVNumerics
#if canImport(Glibc)
import Glibc
#endif

/// `SUMMARY` of the results JSON (model.md 6): statistics of a quantity over trials.
/// Non-finite values (a BCR when the cost is 0) are left out; with none left every field is nil.
public struct Summary: Sendable, Hashable {
    public var mean, sd, se, p5, p25, p50, p75, p95, min, max: Double?
    /// Finite values the statistics are over.
    public var count: Int

    /// Summarises `values`: mean; sample standard deviation (n − 1); se = sd/√n;
    /// percentiles by linear interpolation between order statistics (Hyndman–Fan type 7).
    public init(_ values: [Double]) {
        self.init(sortedFinite: Sorting.ascending(values.filter(\.isFinite)))
    }

    /// The same statistics of values already sorted ascending, all finite (no copy, no sort).
    init(sortedFinite x: [Double]) {
        count = x.count
        guard !x.isEmpty else { return }
        let m = Statistics.mean(x)
        mean = m
        let s = x.count > 1 ? (Statistics.sumOfSquares(x, about: m) / Double(x.count - 1)).squareRoot() : 0
        sd = s
        se = s / Double(x.count).squareRoot()
        p5 = Statistics.quantile(sorted: x, 0.05)
        p25 = Statistics.quantile(sorted: x, 0.25)
        p50 = Statistics.quantile(sorted: x, 0.50)
        p75 = Statistics.quantile(sorted: x, 0.75)
        p95 = Statistics.quantile(sorted: x, 0.95)
        min = x.first
        max = x.last
    }
}

/// Order-fixed statistics: every sum runs in index order, so results never depend on threads.
public enum Statistics {
    /// Neumaier-compensated sum in index order.
    public static func sum(_ x: [Double]) -> Double {
        var s = 0.0, c = 0.0
        for v in x {
            let t = s + v
            c += abs(s) >= abs(v) ? (s - t) + v : (v - t) + s
            s = t
        }
        return s + c
    }

    public static func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : sum(x) / Double(x.count) }

    static func sumOfSquares(_ x: [Double], about m: Double) -> Double { sum(x.map { ($0 - m) * ($0 - m) }) }

    /// Sample variance (n − 1) of the finite values; NaN with fewer than two.
    public static func variance(_ x: [Double]) -> Double {
        let f = x.filter(\.isFinite)
        guard f.count > 1 else { return .nan }
        return sumOfSquares(f, about: mean(f)) / Double(f.count - 1)
    }

    /// Type-7 quantile of sorted finite values: x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (n − 1)p.
    public static func quantile(sorted x: [Double], _ p: Double) -> Double {
        precondition(!x.isEmpty)
        let h = Double(x.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = Swift.min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    /// Quantile by inversion of the empirical CDF: the smallest x with F(x) ≥ p (values may be +∞).
    public static func invertedCDF(sorted x: [Double], _ p: Double) -> Double {
        let k = Swift.max(0, Int((Double(x.count) * p).rounded(.up)) - 1)
        return x[Swift.min(k, x.count - 1)]
    }
}

extension Summary: Codable {
    enum CodingKeys: String, CodingKey { case mean, sd, se, p5, p25, p50, p75, p95, min, max }

    /// Read back from a results file; `count` is not recorded there.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mean = try c.decodeIfPresent(Double.self, forKey: .mean)
        sd = try c.decodeIfPresent(Double.self, forKey: .sd)
        se = try c.decodeIfPresent(Double.self, forKey: .se)
        p5 = try c.decodeIfPresent(Double.self, forKey: .p5)
        p25 = try c.decodeIfPresent(Double.self, forKey: .p25)
        p50 = try c.decodeIfPresent(Double.self, forKey: .p50)
        p75 = try c.decodeIfPresent(Double.self, forKey: .p75)
        p95 = try c.decodeIfPresent(Double.self, forKey: .p95)
        min = try c.decodeIfPresent(Double.self, forKey: .min)
        max = try c.decodeIfPresent(Double.self, forKey: .max)
        count = 0
    }
}
