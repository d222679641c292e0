import Foundation
import Testing
@testable import CLVNumerics

#if canImport(Glibc)
import Glibc
#endif

/// Moments of every sampler over 200,000 draws at a fixed stream, against exact values.
/// Tolerance: 4 standard errors (SE of the mean √(s²/n); SE of the variance √((m4 − s⁴)/n)).
@Suite("Samplers: moments within 4 standard errors of the exact values")
struct SamplerTests {
    static let draws = 200_000

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let mean: Double
        let variance: Double
        let draw: @Sendable (RandomStream) -> Double
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "binomial(20, 0.3)", mean: 6, variance: 4.2) { Double($0.binomial(20, 0.3)) },
        Case(name: "binomial(5e9, 1e-9) beyond UInt32", mean: 5, variance: 5 * (1 - 1e-9)) { Double($0.binomial(5_000_000_000, 1e-9)) },
        Case(name: "poisson(3.5)", mean: 3.5, variance: 3.5) { Double($0.poisson(3.5)) },
        Case(name: "poisson(1000)", mean: 1000, variance: 1000) { Double($0.poisson(1000)) },
        // Gamma(k, θ): mean kθ, variance kθ².
        Case(name: "gamma(shape 2.5, scale 2)", mean: 5, variance: 10) { $0.gamma(shape: 2.5, scale: 2) },
        // Beta(a, b): mean a/(a+b), variance ab/((a+b)²(a+b+1)) = 10/392.
        Case(name: "beta(2, 5)", mean: 2.0 / 7, variance: 10.0 / 392) { $0.beta(a: 2, b: 5) },
        // Lognormal(μ, σ): mean e^(μ + σ²/2), variance (e^(σ²) − 1)e^(2μ + σ²). The input distributions
        // (pert, triangular, lognormal(mean, sd), ...) are tested through CLVModel's types in
        // CLVEngineTests' DistributionTests.
        Case(name: "lognormal(mu 1, sigma 0.5)", mean: exp(1.125), variance: (exp(0.25) - 1) * exp(2.25)) { $0.lognormal(mu: 1, sigma: 0.5) },
        Case(name: "gaussian(sd 2)", mean: 0, variance: 4) { $0.gaussian(sd: 2) },
        Case(name: "uniform()", mean: 0.5, variance: 1.0 / 12) { $0.uniform() },
    ]

    @Test("mean and variance within 4 SE", arguments: cases)
    func moments(_ c: Case) {
        let s = RandomStream()
        s.reset(seed: 2025, trial: 0, key: StreamKey.hash(c.name))
        let x = (0..<Self.draws).map { _ in c.draw(s) }
        let m = Moments(x)
        let zm = m.zMean(c.mean), zv = m.zVariance(c.variance)
        print("z-score \(c.name): mean \(String(format: "%+.3f", zm)), variance \(String(format: "%+.3f", zv))")
        #expect(abs(zm) < 4, "mean \(m.mean) vs \(c.mean)")
        #expect(abs(zv) < 4, "variance \(m.variance) vs \(c.variance)")
    }

    @Test("Dirichlet(2, 3, 5): each component has mean α_i/α₀ and variance α_i(α₀ − α_i)/(α₀²(α₀ + 1)), rows sum to 1")
    func dirichlet() {
        let s = RandomStream()
        s.reset(seed: 2025, trial: 0, key: StreamKey.hash("dirichlet"))
        let alpha = [2.0, 3.0, 5.0], a0 = 10.0
        var out = [0.0, 0.0, 0.0]
        var cols: [[Double]] = [[], [], []]
        for _ in 0..<50_000 {
            s.dirichlet(alpha, into: &out)
            #expect(abs(out.reduce(0, +) - 1) < 1e-12)
            for k in 0..<3 { cols[k].append(out[k]) }
        }
        for k in 0..<3 {
            let m = Moments(cols[k])
            #expect(abs(m.zMean(alpha[k] / a0)) < 4)
            #expect(abs(m.zVariance(alpha[k] * (a0 - alpha[k]) / (a0 * a0 * (a0 + 1)))) < 4)
        }
    }

    @Test("binomial(20, 0.3) passes a chi-square goodness-of-fit against its exact pmf (100,000 draws)")
    func binomialChiSquare() {
        let n = 20, p = 0.3, draws = 100_000
        // Exact pmf: C(n, k) p^k (1 − p)^(n − k), built by the ratio pmf(k+1)/pmf(k) = (n − k)/(k + 1) · p/(1 − p).
        var pmf = [pow(1 - p, Double(n))]
        for k in 0..<n { pmf.append(pmf[k] * Double(n - k) / Double(k + 1) * p / (1 - p)) }
        #expect(abs(pmf.reduce(0, +) - 1) < 1e-12)
        let s = RandomStream()
        s.reset(seed: 7, trial: 0, key: StreamKey.hash("chi-square"))
        var counts = [Int](repeating: 0, count: n + 1)
        for _ in 0..<draws { counts[Int(s.binomial(Int64(n), p))] += 1 }
        // Bins 0...13 and "14 or more" (15 or more alone expects 4.3 < 5): 15 bins, 14 degrees of freedom.
        var expected = (0...13).map { pmf[$0] * Double(draws) }
        var observed = (0...13).map { Double(counts[$0]) }
        expected.append(pmf[14...].reduce(0, +) * Double(draws))
        observed.append(Double(counts[14...].reduce(0, +)))
        #expect(expected.allSatisfy { $0 >= 5 })
        let chi2 = zip(observed, expected).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) / $1.1 }
        print("chi-square binomial(20, 0.3): \(String(format: "%.2f", chi2)) on 14 df")
        // 99.9% point of chi-square with 14 degrees of freedom.
        #expect(chi2 < 36.12)
    }

    @Test("degenerate parameters never reach GSL: the sampler returns the limit")
    func degenerate() {
        let s = RandomStream()
        s.reset(seed: 1, trial: 0, key: 1)
        #expect(s.binomial(0, 0.5) == 0 && s.binomial(10, 0) == 0 && s.binomial(10, 1) == 10 && s.binomial(10, .nan) == 0)
        #expect(s.poisson(0) == 0 && s.poisson(-1) == 0 && s.poisson(.infinity) == 0)
        #expect(s.gamma(shape: 0, scale: 1) == 0 && s.gamma(shape: 2, scale: 0) == 0)
        #expect(s.beta(a: 0, b: 1) == 0 && s.beta(a: 1, b: 0) == 1 && s.beta(a: .infinity, b: 1).isNaN)
    }
}
