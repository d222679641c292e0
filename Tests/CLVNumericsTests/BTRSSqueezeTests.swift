import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The lanes' BTRS decides candidates near the mode (d = |k − m| ≤ 20) by BTPE's squeeze, which
/// the scalar test uses only beyond 20 (kernel.h, `btrs`). That is right only if the squeeze's
/// bound holds there too: ln f(m ± d)/f(m) within ρ of t = −d²/(2npq) for every d < npq/2 − 1.
/// This checks it against the log-ratio summed term by term, ln f(k+1)/f(k) = ln((n − k)p/((k + 1)q)),
/// for d = 0…20, both sides of the mode, over n·p·q from 10 to 10⁸ and p from 10⁻⁶ to ½. Each
/// term's error is about 10⁻¹⁶ absolute (20 of them: under 4·10⁻¹⁵), so the check allows 10⁻¹⁴.
/// The bound is tight at d = 1 when (n + 1)·p is nearly whole: there its slack is of order
/// 1/(npq)², as 40-digit arithmetic (mpmath) shows for the closest cases here — positive, and far
/// inside the margin (at least 10⁻⁹) by which the lanes must clear it.
@Suite("BTRS squeeze near the mode")
struct BTRSSqueezeTests {
    /// The lanes' t and ρ (kernel.h, `btrs`).
    static func bound(_ d: Double, npq: Double) -> (t: Double, rho: Double) {
        let inv = 1 / npq
        let rho = (d * inv) * ((d * (d * (1.0 / 3) + 0.625) + 0.166_666_666_666_666_6) * inv + 0.5)
        return (-(d * d) * (0.5 * inv), rho)
    }

    @Test("ln f(m ± d)/f(m) lies within the squeeze's ρ of −d²/(2npq) for d = 0…20")
    func squeezeHoldsNearTheMode() {
        var cases = 0, closest = Double.infinity
        for npqExp in stride(from: 1.0, through: 8.0, by: 0.25) {
            for pExp in stride(from: -6.0, through: log10(0.5), by: 0.5) {
                let p = pow(10, pExp), q = 1 - p
                let n = (pow(10, npqExp) / (p * q)).rounded(.down)
                guard n * p >= 10, n < 0x1p51 else { continue }
                let npq = n * p * q, m = ((n + 1) * p).rounded(.down)
                var up = 0.0, down = 0.0          // ln f(m + d)/f(m), ln f(m − d)/f(m)
                for d in 0...20 {
                    let dd = Double(d)
                    guard dd < npq / 2 - 1 else { break }
                    if d > 0 {
                        up += log((n - (m + dd - 1)) * p / ((m + dd) * q))
                        down += log((m - dd + 1) * q / ((n - m + dd) * p))
                    }
                    let (t, rho) = Self.bound(dd, npq: npq)
                    for (k, value) in [(m + dd, up), (m - dd, down)] where k >= 0 && k <= n {
                        cases += 1
                        if d == 0 {
                            #expect(value == 0)
                            continue
                        }
                        let slack = min(value - (t - rho), (t + rho) - value)
                        closest = min(closest, slack / rho)
                        #expect(slack > -1e-14, "n \(n) p \(p) d \(d) k \(k): ln f(k)/f(m) \(value), t \(t), rho \(rho)")
                    }
                }
            }
        }
        #expect(cases > 3_000, "\(cases) cases")
        #expect(closest < 1e-3, "the bound is tight somewhere (closest \(closest)·ρ): the check has teeth")
    }
}
