import Testing
@testable import CLVAnalysis
import CLVNumerics

/// The board figures' IRRs are found eight trials at a time (`IRR.rates`); each must be the
/// scalar definition's root, bit for bit, whatever the lanes beside it do.
@Suite("IRR")
struct IRRTests {
    /// Rows of flows of every kind the scan and the bisection meet: an investment then returns
    /// (one root), all positive (none), a root exactly at a grid point, two sign changes, a
    /// non-finite flow, and random rows.
    static func rows(_ n: Int, width: Int) -> [[Double]] {
        let s = RandomStream()
        s.reset(raw: 42)
        var out: [[Double]] = []
        for i in 0..<n {
            var f = (0..<width).map { t in t == 0 ? -1000 * (1 + s.uniform()) : 300 * (s.uniform() - 0.2) }
            switch i % 7 {
            case 1: f = f.map { abs($0) + 1 }                                 // no sign change
            case 2: f = [-100, 100] + [Double](repeating: 0, count: width - 2) // root exactly 0, a grid point
            case 3: f[width - 1] = -5000                                      // invest, earn, pay back at the end
            case 4: f[width / 2] = .infinity                                  // non-finite present values
            case 5: f = f.map { $0 * 1e-300 }                                 // tiny
            default: break
            }
            out.append(f)
        }
        return out
    }

    @Test("IRR.rates equals IRR.scalar row by row, bit for bit", arguments: [1, 7, 8, 9, 100])
    func lanesEqualScalar(n: Int) {
        let width = 21
        let rows = Self.rows(n, width: width)
        let lanes = IRR.rates(rows.flatMap { $0 }, width: width)
        #expect(lanes.count == n)
        for (i, r) in rows.enumerated() {
            #expect(lanes[i]?.bitPattern == IRR.scalar(r)?.bitPattern, "row \(i)")
        }
        // The cases are what they say: a root at the grid point 0, none where every flow is positive.
        if n > 2 {
            #expect(lanes[2] == 0)
            #expect(lanes[1] == nil)
        }
    }

    @Test("a conventional project's IRR solves its present value to rounding")
    func rootIsARoot() throws {
        let flows: [Double] = [-1000] + [Double](repeating: 150, count: 10)
        let rho = try #require(IRR.rates(flows, width: flows.count)[0])
        var pv = 0.0, f = 1.0
        for x in flows { pv += x * f; f /= 1 + rho }
        #expect(abs(pv) < 1e-9)
        #expect(abs(rho - 0.08144) < 1e-5)      // the annuity's rate: 150·(1 − (1 + ρ)^−10)/ρ = 1000
    }
}
