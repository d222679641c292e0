import Foundation
import Testing
@testable import CLVNumerics

@Suite("What-if numerics: inverse CDFs, Brent, correlation repair")
struct WhatIfNumericsTests {
    @Test("inverse CDFs at known values")
    func quantiles() {
        #expect(abs(Quantiles.normal(0.975, mean: 10, sd: 2) - (10 + 2 * 1.959963984540054)) < 1e-9)
        // The input distributions' quantiles are tested through CLVModel's types (CLVEngineTests' DistributionTests).
        #expect(abs(Quantiles.standardNormal(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(Quantiles.lognormal(0.5, mu: 2, sigma: 0.3) - exp(2)) < 1e-9)
        // Gamma with shape 1 is exponential: P50 = scale·ln 2.
        #expect(abs(Quantiles.gamma(0.5, shape: 1, scale: 3) - 3 * 0.6931471805599453) < 1e-9)
        // Beta(1, 1) is uniform.
        #expect(abs(Quantiles.beta(0.3, a: 1, b: 1) - 0.3) < 1e-12)
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
