#if canImport(Glibc)
import Glibc
#endif

/// Sample moments with their standard errors, for checks within 4 SE.
struct Moments {
    var n = 0.0, mean = 0.0, variance = 0.0
    /// SE of the mean, √(s²/n); SE of the variance, √((m4 − s⁴)/n) (large-sample).
    var seMean = 0.0, seVariance = 0.0

    init(_ x: [Double]) {
        n = Double(x.count)
        mean = x.reduce(0, +) / n
        var m2 = 0.0, m4 = 0.0
        for v in x {
            let d = (v - mean) * (v - mean)
            m2 += d
            m4 += d * d
        }
        variance = m2 / (n - 1)
        m4 /= n
        seMean = (variance / n).squareRoot()
        seVariance = (max(m4 - variance * variance, 0) / n).squareRoot()
    }

    /// z-score of the sample mean against `exact`.
    func zMean(_ exact: Double) -> Double { (mean - exact) / seMean }
    /// z-score of the sample variance against `exact`.
    func zVariance(_ exact: Double) -> Double { (variance - exact) / seVariance }
}
