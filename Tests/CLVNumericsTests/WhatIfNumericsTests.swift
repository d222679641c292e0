import Testing
@testable import CLVNumerics

@Suite("What-if numerics: inverse CDFs, Brent, correlation repair")
struct WhatIfNumericsTests {
    @Test("inverse CDFs at known values")
    func quantiles() {
        #expect(abs(Quantiles.normal(0.975, mean: 10, sd: 2) - (10 + 2 * 1.959963984540054)) < 1e-9)
        #expect(Quantiles.uniform(0.1, min: 80, max: 120) == 84)
        // Triangular(0, 0, 1): F(x) = 1 − (1 − x)², so P75 = 0.5.
        #expect(abs(Quantiles.triangular(0.75, min: 0, mode: 0, max: 1) - 0.5) < 1e-12)
        // Lognormal with mean 1, sd 0: degenerate; with sd > 0 the median is exp(μ) = mean/√(1 + cv²).
        #expect(Quantiles.lognormal(0.3, mean: 1, sd: 0) == 1)
        #expect(abs(Quantiles.lognormal(0.5, mean: 100, sd: 50) - 100 / (1.25).squareRoot()) < 1e-9)
        // Gamma with shape 1 (mean = sd) is exponential: P50 = mean·ln 2.
        #expect(abs(Quantiles.gamma(0.5, mean: 3, sd: 3) - 3 * 0.6931471805599453) < 1e-9)
        // Beta(1, 1) is uniform; beta(mean 0.5, sd √(1/12)) is Beta(1, 1).
        #expect(abs(Quantiles.beta(0.3, a: 1, b: 1) - 0.3) < 1e-12)
        #expect(abs(Quantiles.beta(0.3, mean: 0.5, sd: (1.0 / 12).squareRoot()) - 0.3) < 1e-9)
        // PERT(0, 0.5, 1) is Beta(3, 3): symmetric, P50 = 0.5.
        #expect(abs(Quantiles.pert(0.5, min: 0, mode: 0.5, max: 1) - 0.5) < 1e-12)
        // Discrete: smallest value with F ≥ p, values sorted.
        #expect(Quantiles.discrete(0.1, values: [4000, 1500, 2500], weights: [0.2, 0.5, 0.3]) == 1500)
        #expect(Quantiles.discrete(0.5, values: [4000, 1500, 2500], weights: [0.2, 0.5, 0.3]) == 1500)
        #expect(Quantiles.discrete(0.9, values: [4000, 1500, 2500], weights: [0.2, 0.5, 0.3]) == 4000)
    }

    @Test("Brent finds √2 and reports no bracket")
    func brent() {
        let r = RootFinding.brent(in: 0, 2) { $0 * $0 - 2 }
        #expect(abs((r ?? 0) - 2.0.squareRoot()) < 1e-12)
        #expect(RootFinding.brent(in: 2, 3) { $0 * $0 - 2 } == nil)
    }

    @Test("Cholesky reproduces A; an invalid correlation matrix is repaired to a PSD one with unit diagonal")
    func matrices() throws {
        let a = [4.0, 2, 2, 3]
        let l = try #require(SymmetricMatrix.cholesky(a, n: 2))
        #expect(l[1] == 0)
        #expect(abs(l[0] * l[0] - 4) < 1e-12 && abs(l[2] * l[0] - 2) < 1e-12 && abs(l[2] * l[2] + l[3] * l[3] - 3) < 1e-12)
        let bad = [1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1]
        #expect(!SymmetricMatrix.isPositiveSemiDefinite(bad, n: 3))
        #expect(SymmetricMatrix.cholesky(bad, n: 3) == nil)
        let fixed = SymmetricMatrix.repairedCorrelation(bad, n: 3)
        #expect(SymmetricMatrix.isPositiveSemiDefinite(fixed, n: 3))
        #expect((0..<3).allSatisfy { fixed[$0 * 3 + $0] == 1 })
        #expect(SymmetricMatrix.cholesky(fixed, n: 3) != nil)
    }
}
