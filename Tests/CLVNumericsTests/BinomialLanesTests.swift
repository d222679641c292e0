import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import CLVNumerics

/// The lane sampler must be the scalar sampler, lane by lane, bit for bit: the engine's results
/// may not depend on whether the build has wide vectors (BinomialLanes.isWide).
@Suite("Binomial lanes")
struct BinomialLanesTests {
    static let counts: [Int64] = [0, 1, 7, 50, 200, 5_000, 123_456, 10_000_000, (1 << 51) - 3, (1 << 51) + 5,
                                  (1 << 52) + 7, 5_000_000_000_000_000]
    static let probabilities: [Double] = [0, 1e-9, 1e-4, 0.003, 0.05, 0.3, 0.5, 0.500_000_1, 0.7, 0.999, 1, .nan, -0.1]

    @Test("eight lanes draw what eight scalar streams with the same seeds draw, over chains of draws")
    func lanesEqualScalar() {
        let pick = RandomStream()
        pick.reset(raw: 2026)
        let lanes = BinomialLanes()
        let scalars = (0..<8).map { _ in RandomStream() }
        var compared = 0, vectorLanes = 0, inversionLanes = 0
        for _ in 0..<400 {
            var raw = BinomialLanes.Words()
            for i in 0..<8 {
                raw[i] = pick.next()
                scalars[i].reset(raw: raw[i])
            }
            lanes.reset(raw: raw)
            var n = BinomialLanes.Counts()
            for i in 0..<8 { n[i] = Self.counts[Int(pick.next() % UInt64(Self.counts.count))] }
            for _ in 0..<3 {            // a chain: each draw continues the lane's stream
                var p = BinomialLanes.Doubles(), active = BinomialLanes.Mask(repeating: false)
                for i in 0..<8 {
                    p[i] = pick.uniform() < 0.5 ? Self.probabilities[Int(pick.next() % UInt64(Self.probabilities.count))]
                                                : pick.uniform()
                    active[i] = pick.uniform() < 0.9
                }
                let x = lanes.binomial(n, p, active: active)
                for i in 0..<8 {
                    let expected = active[i] ? scalars[i].binomial(n[i], p[i]) : 0
                    #expect(x[i] == expected, "lane \(i): binomial(\(n[i]), \(p[i]))")
                    compared += 1
                    if active[i] && n[i] >= 1 && n[i] <= 1 << 51 && p[i] > 0 && p[i] < 1 {
                        if Double(n[i]) * min(p[i], 1 - p[i]) >= 10 { vectorLanes += 1 } else { inversionLanes += 1 }
                    }
                    n[i] -= x[i]
                }
            }
        }
        // Both lane paths (BTRS and inversion) must have been taken often, or the test proves little.
        #expect(compared == 9_600 && vectorLanes > 2_000 && inversionLanes > 1_000,
                "\(vectorLanes) BTRS lanes and \(inversionLanes) inversion lanes of \(compared)")
    }

    @Test("the lane log is within 2e-13 of libm's over 40 orders of magnitude")
    func laneLog() {
        let s = RandomStream()
        s.reset(raw: 7)
        var worst = 0.0
        for _ in 0..<5_000 {
            var x = BinomialLanes.Doubles()
            for i in 0..<8 { x[i] = exp((s.uniform() - 0.5) * 92) }   // e^±46
            let y = BinomialLanes.log(x)
            for i in 0..<8 { worst = max(worst, abs(y[i] - log(x[i]))) }
        }
        #expect(worst < 2e-13, "worst absolute error \(worst)")
    }
}
