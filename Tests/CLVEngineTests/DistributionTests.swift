import Foundation
import Testing
@testable import CLVEngine
import CLVModel
import CLVNumerics

/// Every input distribution (CLVModel's `Distributions/`, one type per file) drawn and inverted
/// as the engine does: moments, the quantile against the sampler, pinned draws.
@Suite("Input distributions: moments, quantiles that invert the sampler, pinned draws")
struct DistributionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let distribution: Distribution
        let mean: Double
        let variance: Double
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // PERT(1, 2, 6): α = 1.8, β = 4.2, mean (1 + 8 + 6)/6 = 2.5, variance 25·αβ/((α+β)²(α+β+1)) = 0.75.
        Case(name: "pert(1, 2, 6)", distribution: .pert(min: 1, mode: 2, max: 6), mean: 2.5, variance: 0.75),
        // Triangular(a, c, b): mean (a+b+c)/3, variance (a²+b²+c²−ab−ac−bc)/18 = 21/18.
        Case(name: "triangular(1, 2, 6)", distribution: .triangular(min: 1, mode: 2, max: 6), mean: 3, variance: 21.0 / 18),
        Case(name: "uniform(2, 5)", distribution: .uniform(min: 2, max: 5), mean: 3.5, variance: 0.75),
        Case(name: "normal(5, 2)", distribution: .normal(mean: 5, sd: 2), mean: 5, variance: 4),
        Case(name: "lognormal(10, 3)", distribution: .lognormal(mean: 10, sd: 3), mean: 10, variance: 9),
        Case(name: "gamma(4, 1.5)", distribution: .gamma(mean: 4, sd: 1.5), mean: 4, variance: 2.25),
        Case(name: "beta(0.3, 0.1)", distribution: .beta(mean: 0.3, sd: 0.1), mean: 0.3, variance: 0.01),
        // Beta(2, 5): mean 2/7, variance ab/((a+b)²(a+b+1)) = 10/392.
        Case(name: "beta_ab(2, 5)", distribution: .betaAB(a: 2, b: 5), mean: 2.0 / 7, variance: 10.0 / 392),
        // discrete(1: 0.5, 3: 0.3, 10: 0.2): mean 3.4, E[x²] = 0.5 + 2.7 + 20 = 23.2, variance 23.2 − 11.56.
        Case(name: "discrete(1: 0.5, 3: 0.3, 10: 0.2)", distribution: .discrete(values: [1, 3, 10], weights: [0.5, 0.3, 0.2]),
             mean: 3.4, variance: 11.64),
    ]

    static func draws(_ c: Case, _ n: Int) -> [Double] {
        let s = RandomStream()
        s.reset(seed: 2025, trial: 0, key: StreamKey.hash(c.name))
        return (0..<n).map { _ in c.distribution.sample(s) }
    }

    @Test("mean and variance of 200,000 draws within 4 standard errors; the type's mean is exact", arguments: cases)
    func moments(_ c: Case) {
        let x = Self.draws(c, 200_000)
        let n = Double(x.count)
        let m = x.reduce(0, +) / n
        let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        let m4 = x.reduce(0) { $0 + pow($1 - m, 4) } / n
        let zm = (m - c.mean) / (v / n).squareRoot(), zv = (v - c.variance) / ((m4 - v * v) / n).squareRoot()
        print("z-score \(c.name): mean \(String(format: "%+.3f", zm)), variance \(String(format: "%+.3f", zv))")
        #expect(abs(zm) < 4)
        #expect(abs(zv) < 4)
        #expect(abs(c.distribution.mean - c.mean) <= 1e-12 * max(1, abs(c.mean)))
    }

    /// The quantile inverts the sampler: at q = quantile(p), the empirical CDF of 20,000 draws is p
    /// within 4 standard errors √(p(1 − p)/n) (≤ 0.0141), for p = 0.05, 0.10, …, 0.95. For the
    /// discrete distribution, whose CDF jumps, F̂(q) ≥ p and F̂(just below q) ≤ p within the same.
    @Test("the quantile inverts the sampler: F̂(quantile(p)) = p within 4 SE for p = 0.05 … 0.95", arguments: cases)
    func quantileInvertsSampler(_ c: Case) {
        let n = 20_000
        let x = Self.draws(c, n).sorted()
        for k in 1...19 {
            let p = Double(k) / 20
            let q = c.distribution.quantile(p)
            let tol = 4 * (p * (1 - p) / Double(n)).squareRoot()
            let atOrBelow = Double(x.filter { $0 <= q }.count) / Double(n)
            if case .discrete = c.distribution {
                let below = Double(x.filter { $0 < q }.count) / Double(n)
                #expect(atOrBelow >= p - tol, "\(c.name) p = \(p): F̂(q) = \(atOrBelow)")
                #expect(below <= p + tol, "\(c.name) p = \(p): F̂(q−) = \(below)")
            } else {
                #expect(abs(atOrBelow - p) <= tol, "\(c.name) p = \(p): q = \(q), F̂(q) = \(atOrBelow)")
            }
        }
    }

    /// Value stability: the first three draws of each distribution for stream (seed 1, trial 0,
    /// key "value-stability"). A change here changes every result of every study that uses it.
    @Test("the first draws of each distribution are pinned", arguments: zip(cases.map(\.name), [
        [1.729028342685389, 4.795285461367727, 2.8421992716563107],
        [4.568333166320137, 3.4119961475101093, 3.5387213241867945],
        [4.692549511601161, 3.9953354089246225, 4.091316091998079],
        [2.247988443825235, 2.2559271284396787, 2.7668087367716896],
        [11.814740310244462, 9.831937247438821, 14.882063843874192],
        [3.3743527067997725, 2.5702141524233566, 2.3143879291390834],
        [0.23074441881968913, 0.5623247637808625, 0.34310607062048054],
        [0.1444071058971661, 0.7180483262731445, 0.3514271065554951],
        [10.0, 3.0, 3.0],
    ]))
    func pinned(_ name: String, _ expected: [Double]) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let s = RandomStream()
        s.reset(seed: 1, trial: 0, key: StreamKey.hash("value-stability"))
        let got = (0..<3).map { _ in c.distribution.sample(s) }
        print("pinned \(name): \(got)")
        #expect(got == expected)
    }

    @Test("degenerate parameters never reach GSL: the draw and the quantile are the limit")
    func degenerate() {
        let s = RandomStream()
        s.reset(seed: 1, trial: 0, key: 1)
        for (d, x) in [(Distribution.gamma(mean: 3, sd: 0), 3.0), (.lognormal(mean: 4, sd: 0), 4), (.beta(mean: 0.4, sd: 0.9), 0.4),
                       (.pert(min: 2, mode: 2, max: 2), 2), (.triangular(min: 3, mode: 3, max: 3), 3), (.normal(mean: 7, sd: 0), 7)] {
            #expect(d.sample(s) == x)
            #expect(d.quantile(0.3) == x)
        }
    }

    @Test("quantiles at known values")
    func knownQuantiles() {
        #expect(abs(Distribution.normal(mean: 10, sd: 2).quantile(0.975) - (10 + 2 * 1.959963984540054)) < 1e-9)
        #expect(Distribution.uniform(min: 80, max: 120).quantile(0.1) == 84)
        // Triangular(0, 0, 1): F(x) = 1 − (1 − x)², so P75 = 0.5.
        #expect(abs(Distribution.triangular(min: 0, mode: 0, max: 1).quantile(0.75) - 0.5) < 1e-12)
        // Lognormal: the median is exp(μ) = mean/√(1 + cv²).
        #expect(abs(Distribution.lognormal(mean: 100, sd: 50).quantile(0.5) - 100 / (1.25).squareRoot()) < 1e-9)
        // Gamma with shape 1 (mean = sd) is exponential: P50 = mean·ln 2.
        #expect(abs(Distribution.gamma(mean: 3, sd: 3).quantile(0.5) - 3 * 0.6931471805599453) < 1e-9)
        // beta(mean 0.5, sd √(1/12)) is Beta(1, 1), uniform.
        #expect(abs(Distribution.beta(mean: 0.5, sd: (1.0 / 12).squareRoot()).quantile(0.3) - 0.3) < 1e-9)
        // PERT(0, 0.5, 1) is Beta(3, 3): symmetric, P50 = 0.5.
        #expect(abs(Distribution.pert(min: 0, mode: 0.5, max: 1).quantile(0.5) - 0.5) < 1e-12)
        let d = Distribution.discrete(values: [4000, 1500, 2500], weights: [0.2, 0.5, 0.3])
        #expect(d.quantile(0.1) == 1500 && d.quantile(0.5) == 1500 && d.quantile(0.9) == 4000)
    }

    @Test("each validating initialiser throws the loader's message", arguments: [
        (DistributionFamily.pert, [3.0, 2, 4], "pert: min 3 > mode 2"),
        (.triangular, [1, 5, 4], "triangular: mode 5 > max 4"),
        (.uniform, [2, 1], "uniform: min 2 > max 1"),
        (.normal, [5, -1], "normal: sd must be ≥ 0, found -1"),
        (.lognormal, [-1, 2], "lognormal: mean must be > 0, found -1"),
        (.gamma, [0, 1], "gamma: mean must be > 0, found 0"),
        (.beta, [1.5, 0.1], "beta: mean must be in (0, 1), found 1.5"),
        (.beta, [0.5, 0.6], "beta: no beta distribution has mean 0.5 and sd 0.6 (needs sd² < mean × (1 − mean))"),
        (.betaAB, [0, 2], "beta_ab: a and b must be > 0, found a = 0, b = 2"),
        (.gamma, [1], "gamma takes 2 numbers (mean, sd), found 1"),
    ])
    func validation(_ family: DistributionFamily, _ x: [Double], _ message: String) {
        #expect(family.make(x) == .failure(DistributionError(message: message)))
    }
}
