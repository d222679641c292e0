#if canImport(Glibc)
public import Glibc  // log, exp, pow inside @inlinable samplers
#endif

/// Binomial and Poisson samplers by transformed rejection (Hörmann 1993), on the project's
/// own xoshiro256** stream.
///
/// Why not GSL's: measured on this machine, `gsl_ran_binomial` (BTPE) costs ~67 ns a draw and
/// `gsl_ran_poisson` ~590 ns at μ = 10⁴ (it recurses through gamma draws), against ~20–30 ns
/// for BTRS and PTRS; moves and arrivals are most of the engine's draws. Both are checked
/// against GSL's CDFs (`gsl_cdf_binomial_P`, `gsl_cdf_poisson_P`) by chi-square tests.
@usableFromInline
enum DiscreteSamplers {
    /// BTRS's exact acceptance test (about 20% of candidates reach it) and its constants, which
    /// depend only on (n, p): computed once per draw, when a candidate first needs them (h, used
    /// only when the squeeze cannot decide, each time it is needed).
    /// Shared by the scalar sampler and the lane sampler (`BinomialLanes`), so both accept
    /// exactly the same candidates.
    @usableFromInline
    struct BTRSExact {
        @usableFromInline let alpha: Double, r: Double, m: Double

        @inlinable @inline(__always)
        init(alpha: Double, r: Double, m: Double) {
            self.alpha = alpha; self.r = r; self.m = m
        }

        @inlinable @inline(__always)
        init(n: Double, p: Double, q: Double, spq: Double, ib: Double) {
            alpha = (2.83 + 5.1 * ib) * spq
            r = p / q
            m = ((n + 1) * p).rounded(.down)
        }

        /// Whether candidate k (drawn with `us`, `v`) is accepted: log(v·α/(a/us² + b)) against
        /// ln f(k)/f(m). When k is far enough from the mode m (20 < |k − m| < npq/2 − 1), the
        /// bounds of BTPE's step 5.2 (Kachitvichyanukul & Schmeiser 1988) on ln f(k)/f(m),
        /// −d²/(2npq) ± ρ with d = |k − m|, decide most candidates with no further logarithm;
        /// the rest are decided by Stirling's series.
        @inlinable @inline(__always)
        func accepts(k: Double, us: Double, v: Double, n: Double, a: Double, b: Double, npq: Double) -> Bool {
            let lv = log(v * alpha / (a / (us * us) + b))
            let d = abs(k - m)
            if d > 20 && d < npq / 2 - 1 {
                let rho = (d / npq) * ((d * (d / 3 + 0.625) + 0.166_666_666_666_666_6) / npq + 0.5)
                let t = -d * d / (2 * npq)
                if lv < t - rho { return true }
                if lv > t + rho { return false }
            }
            let h = (m + 0.5) * log((m + 1) / (r * (n - m + 1))) + stirlingTail(m) + stirlingTail(n - m)
            let bound = h + (n + 1) * log((n - m + 1) / (n - k + 1))
                + (k + 0.5) * log(r * (n - k + 1) / (k + 1))
                - stirlingTail(k) - stirlingTail(n - k)
            return lv <= bound
        }
    }

    /// ln k! = (k + ½) ln(k + 1) − (k + 1) + ½ ln 2π + tail(k), with the Stirling tail exact for k ≤ 9.
    @inlinable @inline(__always)
    static func logFactorial(_ k: Double) -> Double {
        (k + 0.5) * log(k + 1) - (k + 1) + 0.918_938_533_204_672_742 + stirlingTail(k)
    }

    /// ln k! − Stirling's approximation of it (tabulated below 10, series above).
    @inlinable @inline(__always)
    static func stirlingTail(_ k: Double) -> Double {
        if k <= 9 {
            switch Int(k) {
            case 0: return 0.081_061_466_795_327_2
            case 1: return 0.041_340_695_955_409_2
            case 2: return 0.027_677_925_684_998_3
            case 3: return 0.020_790_672_103_765_09
            case 4: return 0.016_644_691_189_821_1
            case 5: return 0.013_876_128_823_070_7
            case 6: return 0.011_896_709_945_891_7
            case 7: return 0.010_411_265_261_972_0
            case 8: return 0.009_255_462_182_712_73
            default: return 0.008_330_563_433_362_87
            }
        }
        let k1 = k + 1, k1sq = k1 * k1
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / k1sq) / k1sq) / k1
    }

    /// Binomial(n, p) for 0 < p ≤ ½ and n < 2^53: inversion when np < 10, else BTRS.
    ///
    /// BTRS's set-up is on the engine's critical path (each draw of a row's chain needs the
    /// count the previous one left), so it is kept short: one square root and one division for
    /// the fast acceptance test; the constants of the exact test (about 20% of candidates)
    /// are computed only when first needed.
    @inlinable @inline(__always)
    static func binomial(_ n: Double, _ p: Double, _ g: RandomStream) -> Double {
        let q = 1 - p
        if n * p < 10 {
            // Inversion by the recursion P(k+1) = P(k)·(n − k)/(k + 1)·p/q.
            let s = p / q, a = (n + 1) * s
            var r = pow(q, n), x = 0.0
            var v = g.uniform()
            while v > r {
                v -= r
                x += 1
                if x > n { return n }          // only through rounding in the tail
                r *= a / x - s
                if r <= 0 { break }
            }
            return x
        }
        let spq = (n * p * q).squareRoot()
        let b = 1.15 + 2.53 * spq
        let ib = 1 / b
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let twoA = 2 * a
        let c = n * p + 0.5
        let vr = 0.92 - 4.2 * ib
        var exact: BTRSExact? = nil      // the exact test's constants, on first use
        while true {
            let x = g.uniform() - 0.5
            let v = g.uniform()
            let us = 0.5 - abs(x)
            let k = ((twoA / us + b) * x + c).rounded(.down)
            if k < 0 || k > n { continue }
            if us >= 0.07 && v <= vr { return k }
            if exact == nil { exact = BTRSExact(n: n, p: p, q: q, spq: spq, ib: ib) }
            if exact!.accepts(k: k, us: us, v: v, n: n, a: a, b: b, npq: n * p * q) { return k }
        }
    }

    /// Poisson(μ): multiplication method below μ = 10, else PTRS.
    @inlinable @inline(__always)
    static func poisson(_ lam: Double, _ g: RandomStream) -> Double {
        if lam < 10 {
            let limit = exp(-lam)
            var prod = g.uniform(), x = 0.0
            while prod > limit {
                x += 1
                prod *= g.uniform()
            }
            return x
        }
        return ptrs(PTRS(lam), g)
    }

    /// PTRS's constants for mean λ ≥ 10, which depend on λ only: prepared once when the same
    /// mean is drawn again and again (a segment's arrivals in every period of a trial).
    @usableFromInline
    struct PTRS: Sendable {
        @usableFromInline let lam, loglam, a, b, invAlpha, logInvAlpha, vr: Double

        @inlinable
        init(_ lam: Double) {
            self.lam = lam
            let slam = lam.squareRoot()
            loglam = log(lam)
            b = 0.931 + 2.53 * slam
            a = -0.059 + 0.02483 * b
            invAlpha = 1.1239 + 1.1328 / (b - 3.4)
            logInvAlpha = log(invAlpha)
            vr = 0.9277 - 3.6224 / (b - 2)
        }
    }

    @inlinable @inline(__always)
    static func ptrs(_ c: PTRS, _ g: RandomStream) -> Double {
        while true {
            let x = g.uniform() - 0.5
            let v = g.uniform()
            let us = 0.5 - abs(x)
            let k = ((2 * c.a / us + c.b) * x + c.lam + 0.43).rounded(.down)
            if us >= 0.07 && v <= c.vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + c.logInvAlpha - log(c.a / (us * us) + c.b) <= -c.lam + k * c.loglam - logFactorial(k) { return k }
        }
    }
}
