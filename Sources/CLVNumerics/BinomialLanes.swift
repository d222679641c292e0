internal import CVector
#if canImport(Glibc)
import Glibc
#endif

/// Eight xoshiro256** streams side by side, one per SIMD lane, and binomial draws made in all
/// of them at once: the engine splits up to eight rows of a period (independent multinomials,
/// each from its own stream) together.
///
/// Each lane is bit for bit the scalar `RandomStream` reset with the same raw seed: it draws
/// the uniforms `RandomStream.binomial` would draw, in the same order, and computes each BTRS
/// candidate through the same IEEE operations (no fused multiply–add; add, multiply, divide
/// and square root are correctly rounded in vector registers as in scalar ones). The exact
/// test follows the scalar sampler's order — BTPE's squeeze, then Stirling's bound — in the
/// lanes, with a vector logarithm, and decides only where a test clears its bound by more
/// than the vector arithmetic can be off; near-ties are decided lane by lane by the scalar
/// test (`DiscreteSamplers.BTRSExact`) with libm. (The order matters: at counts beyond
/// 10^12 the Stirling bound's own rounding, (n + 1)·ulp, can disagree with the squeeze.)
/// So a lane accepts exactly the candidates the scalar sampler accepts — `BinomialLanesTests`
/// checks lane against scalar up to 5·10^15, and the study outputs match byte for byte.
/// Lanes the vector path does not cover (small means, p outside (0, 1), counts beyond 2^51)
/// are drawn by the scalar sampler on the lane's stream.
///
/// Why: the engine's time is BTRS binomials (220.8 M on bank-large). On this machine's
/// AVX-512 an eight-lane draw costs about 130 ns against 190 ns for eight scalar draws, and
/// pooling the rows of every segment (`RowSplit`) keeps the lanes full.
public final class BinomialLanes {
    public typealias Doubles = SIMD8<Double>
    public typealias Counts = SIMD8<Int64>
    public typealias Words = SIMD8<UInt64>
    public typealias Mask = SIMDMask<SIMD8<Int64>>
    public static let width = 8

    /// Whether this build targets wide vector instructions (AVX-512). Without them the lanes
    /// cost more than they save (SSE2 has no 64-bit lane multiply or rotate: the vector path
    /// measured 2.6× slower than the scalar sampler on bank-large), and the engine draws row
    /// after row with the scalar sampler instead, with the same results.
    public static let isWide = CLV_WIDE_VECTORS != 0

    /// The lanes' xoshiro256** states: words s0, s1, s2, s3 of lane i at state[8·k + i]
    /// (what CVector's clv_uniform8 steps).
    let state: UnsafeMutablePointer<UInt64>
    /// The scalar sampler, for the lanes the vector path leaves out.
    let scalar = RandomStream()

    public init() {
        state = .allocate(capacity: 32)
        state.initialize(repeating: 0, count: 32)
    }

    deinit { state.deallocate() }

    /// Sets word k of every lane's state.
    func setWord(_ k: Int, _ w: Words) { UnsafeMutableRawPointer(state + 8 * k).storeBytes(of: w, as: Words.self) }

    /// Positions every lane i at the start of the stream with raw seed `raw[i]`, as
    /// `RandomStream.reset(raw:)` does (SplitMix64 outputs).
    public func reset(raw: Words) {
        let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15
        setWord(0, Self.mix(raw))
        setWord(1, Self.mix(raw &+ gamma))
        setWord(2, Self.mix(raw &+ 2 &* gamma))
        setWord(3, Self.mix(raw &+ 3 &* gamma))
    }

    /// `StreamKey.mix` in every lane.
    @inline(__always)
    public static func mix(_ x: Words) -> Words {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// Lanes of `w` (each below 2^52) as Doubles, exactly: the integer becomes the mantissa of 2^52.
    @inline(__always)
    static func exactDouble(_ w: Words) -> Doubles {
        unsafeBitCast(w | 0x4330_0000_0000_0000, to: Doubles.self) - 0x1p52
    }

    /// Lanes of `x` (integers in [0, 2^52)) as integers, exactly: the inverse of `exactDouble`.
    @inline(__always)
    static func exactInteger(_ x: Doubles) -> Counts {
        unsafeBitCast(x + 0x1p52, to: Counts.self) &- 0x4330_0000_0000_0000
    }

    /// ln x in every lane, for positive normal x, within 2·10^-13 absolute of the correctly
    /// rounded value for |ln x| < 745 (fdlibm's e_log polynomial, < 1 ulp on the reduced
    /// argument, plus e·ln 2 in one rounding). Used only to decide clear cases: a lane whose
    /// decision is within `logSlack` of its bound goes to the scalar test with libm's log.
    @inline(__always)
    static func log(_ x: Doubles) -> Doubles {
        let bits = unsafeBitCast(x, to: Words.self)
        var e = unsafeBitCast(bits &>> 52, to: Counts.self) &- 1023
        var m = unsafeBitCast((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000, to: Doubles.self)
        let high = m .> 1.414_213_562_373_095_1
        m.replace(with: m * 0.5, where: high)
        e.replace(with: e &+ 1, where: unsafeBitCast(high, to: SIMDMask<Counts>.self))
        let f = m - 1
        let s = f / (2 + f)
        let z = s * s, w = z * z
        let t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01))
        let t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01
            + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)))
        let hfsq = 0.5 * f * f
        let logM = f - (hfsq - s * (hfsq + t2 + t1))
        let exponent = exactDouble(unsafeBitCast(e &+ (1 << 51), to: Words.self)) - 0x1p51
        return exponent * 0.693_147_180_559_945_309_4 + logM
    }

    /// Least margin between a vector decision and its bound: far above the error of the vector
    /// log (2·10^-13 absolute below 745) and of the rearranged arithmetic (a few ulps); the
    /// Stirling test adds 10^-14 of the magnitude of its terms (20× the relative error of two logs).
    static let logSlack = 1e-9

    /// `DiscreteSamplers.stirlingTail` by its series (k ≥ 10), with one division: equal to it
    /// within 10^-18, far inside `logSlack`.
    @inline(__always)
    static func stirlingTail(_ k: Doubles) -> Doubles {
        let ik1 = 1 / (k + 1)
        let ik1sq = ik1 * ik1
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 * ik1sq) * ik1sq) * ik1
    }

    /// |x| in every lane (the sign bit cleared, as `abs`).
    @inline(__always)
    static func magnitude(_ x: Doubles) -> Doubles {
        unsafeBitCast(unsafeBitCast(x, to: Words.self) & 0x7FFF_FFFF_FFFF_FFFF, to: Doubles.self)
    }

    /// ⌊y⌋ in every lane, for 0 ≤ y < 2^51 (other lanes: unspecified): rounded to an integer
    /// through 2^52, then one less where that rounded up.
    @inline(__always)
    static func floor(_ y: Doubles) -> Doubles {
        let r = (y + 0x1p52) - 0x1p52
        return r.replacing(with: r - 1, where: r .> y)
    }

    /// A mask's lanes as the bits of an integer (lane i → bit i).
    @inline(__always)
    public static func bits(_ m: Mask) -> UInt {
        UInt(clv_bits8(unsafeBitCast(m, to: SIMD8<Int64>.self)))
    }

    /// Whether any lane of `m` is set (the standard library's `any` reduces lane by lane).
    @inline(__always)
    public static func any(_ m: Mask) -> Bool { bits(m) != 0 }

    /// Binomial(n[i], p[i]) in every lane i of `active` (0 elsewhere): `RandomStream.binomial`
    /// lane by lane, bit for bit.
    public func binomial(_ n: Counts, _ p: Doubles, active: Mask) -> Counts {
        var result = Counts()
        // (Integer lanes are compared with vectors: Swift compares with a scalar lane by lane.)
        let small = (n .>= Counts(repeating: 1)) .& (n .<= Counts(repeating: 1 << 51))
        let nd = Self.exactDouble(unsafeBitCast(n, to: Words.self)).replacing(with: 0, where: .!small)
        let flip = p .> 0.5
        let pp = p.replacing(with: 1 - p, where: flip)
        // BTRS lanes: what DiscreteSamplers.binomial would send to BTRS in one chunk.
        let vector = active .& small .& (p .> 0) .& (p .< 1) .& (nd * pp .>= 10)
        // Inversion lanes: what it would send to its inversion path (n·p < 10).
        let inversion = active .& small .& (p .> 0) .& (p .< 1) .& .!vector
        var others = Self.bits(active .& .!vector .& .!inversion)
        while others != 0 {
            let i = others.trailingZeroBitCount
            others &= others - 1
            result[i] = scalarBinomial(lane: i, n[i], p[i])
        }
        if Self.any(inversion) { result.replace(with: invert(nd, pp, flip, inversion), where: inversion) }
        guard Self.any(vector) else { return result }

        let q = 1 - pp
        let npq = nd * pp * q
        let spq = clv_sqrt8(npq)
        let b = 1.15 + 2.53 * spq
        let ib = 1 / b
        let a = -0.0873 + 0.0248 * b + 0.01 * pp
        let twoA = 2 * a
        let c = nd * pp + 0.5
        let vr = 0.92 - 4.2 * ib
        let limit = nd + 1
        var pending = vector
        var k = Doubles()
        // The exact test's constants (DiscreteSamplers.BTRSExact's, same operations).
        let alpha = (2.83 + 5.1 * ib) * spq
        let ratio = pp / q
        let mode = Self.floor((nd + 1) * pp)
        let invNpq = 1 / npq, halfNpq = npq / 2 - 1
        let seriesMode = (mode .>= 10) .& (nd - mode .>= 10)
        var h = Doubles(), haveH = false
        repeat {
            let keep = unsafeBitCast(pending, to: SIMD8<Int64>.self)
            let x = clv_uniform8(state, keep) - 0.5
            let v = clv_uniform8(state, keep)
            let us = 0.5 - Self.magnitude(x)
            let y = (twoA / us + b) * x + c
            let inRange = pending .& (y .>= 0) .& (y .< limit)
            // ⌊y⌋ for 0 ≤ y < 2^51 + 1: round to an integer through 2^52, step back if above.
            let floorY = Self.floor(y)
            let quick = inRange .& (us .>= 0.07) .& (v .<= vr)
            k.replace(with: floorY, where: quick)
            pending .&= .!quick
            let slow = inRange .& .!quick
            guard Self.any(slow) else { continue }
            // The exact test, lane by lane only where BTPE's squeeze (DiscreteSamplers.BTRSExact)
            // cannot decide with a margin above the vector log's error: the same decisions.
            // Only the clear cases are decided here, so one division fewer than the scalar
            // test's arithmetic (rounding far below logSlack) is good enough.
            let us2 = us * us
            let arg = v * alpha * us2 / (a + b * us2)
            let lv = Self.log(arg)
            let d = Self.magnitude(floorY - mode)
            let far: Mask = (d .> 20) .& (d .< halfNpq)
            let sane = (arg .>= 0x1p-1000) .& (arg .<= 0x1p1000)     // the vector log's domain
            let eligible = slow .& far .& sane
            let inner: Doubles = d * (d / 3 + 0.625) + 0.166_666_666_666_666_6
            let rho: Doubles = (d * invNpq) * (inner * invNpq + 0.5)
            let t: Doubles = -(d * d) * (0.5 * invNpq)
            let accept = eligible .& (lv .< t - rho - Self.logSlack)
            let reject = eligible .& (lv .> t + rho + Self.logSlack)
            k.replace(with: floorY, where: accept)
            pending .&= .!accept
            var open = slow .& .!accept .& .!reject
            if Self.any(open) {
                // Stirling's test (BTRSExact's bound) in the lanes whose tails all use the series,
                // decided where it clears the bound by more than its arithmetic can be off.
                if !haveH {
                    h = (mode + 0.5) * Self.log((mode + 1) / (ratio * (nd - mode + 1)))
                        + Self.stirlingTail(mode) + Self.stirlingTail(nd - mode)
                    haveH = true
                }
                let nk = nd - floorY
                let lA = Self.log((nd - mode + 1) / (nk + 1))
                let lB = Self.log(ratio * (nk + 1) / (floorY + 1))
                let outer: Doubles = (nd + 1) * lA
                let inner: Doubles = (floorY + 0.5) * lB
                let bound: Doubles = h + outer + inner - Self.stirlingTail(floorY) - Self.stirlingTail(nk)
                let size: Doubles = Self.magnitude(lv) + Self.magnitude(h) + Self.magnitude(outer) + Self.magnitude(inner)
                let err: Doubles = Self.logSlack + 1e-14 * size
                let series: Mask = (floorY .>= 10) .& (nk .>= 10) .& seriesMode .& sane
                let yes = open .& series .& (lv .< bound - err)
                let no = open .& series .& (lv .> bound + err)
                k.replace(with: floorY, where: yes)
                pending .&= .!yes
                open .&= .!(yes .| no)
            }
            var undecided = Self.bits(open)
            while undecided != 0 {
                let i = undecided.trailingZeroBitCount
                undecided &= undecided - 1
                let e = DiscreteSamplers.BTRSExact(alpha: alpha[i], r: ratio[i], m: mode[i])
                if e.accepts(k: floorY[i], us: us[i], v: v[i], n: nd[i], a: a[i], b: b[i], npq: npq[i]) {
                    k[i] = floorY[i]
                    pending[i] = false
                }
            }
        } while Self.any(pending)
        let drawn = k.replacing(with: nd - k, where: flip)
        let clamped = drawn.replacing(with: 0, where: drawn .< 0).replacing(with: nd, where: drawn .> nd)
        result.replace(with: Self.exactInteger(clamped), where: vector)
        return result
    }

    /// The chained binomials of up to eight rows, step by step: lane i starts with rest[i]
    /// customers and, at step j < count[i] while customers are left, draws Binomial(rest, p[j][i])
    /// and adds it to next[to[j][i]] — the scalar chain's draws on each lane's stream. Returns
    /// the customers left in each lane. (In this module so that the step loop, the mask tests
    /// and the scatter compile together with the draws.)
    public func chains(rest start: Counts, count: Counts, p: UnsafePointer<Doubles>, to: UnsafePointer<Counts>,
                       next: UnsafeMutableBufferPointer<Int64>) -> Counts {
        let none = Counts()
        var rest = start
        let steps = Int(count.replacing(with: 0, where: rest .<= none).max())
        for j in 0..<steps {
            let active = (count .> Counts(repeating: Int64(j))) .& (rest .> none)
            if !Self.any(active) { break }
            let x = binomial(rest, p[j], active: active)
            rest &-= x
            // Scatter the movers (lanes with none skipped).
            let dest = to[j]
            var moved = Self.bits(x .!= none)
            while moved != 0 {
                let i = moved.trailingZeroBitCount
                moved &= moved - 1
                let d = Int(dest[i])
                next[d] = next[d].addingClamped(x[i])
            }
        }
        return rest
    }

    /// `DiscreteSamplers.binomial`'s inversion path (n·p < 10) in the lanes of `m`, operation for
    /// operation: P(0) = qⁿ (libm's `pow`, lane by lane), one uniform, then the recursion
    /// P(k+1) = P(k)·((n + 1)·s/(k + 1) − s) with s = p/q while the uniform is above P(k); then
    /// the flip for p > ½ and the clamp of `RandomStream.binomial`. Small populations (counts
    /// below about 10/p) draw most of their moves here.
    @inline(__always)
    func invert(_ nd: Doubles, _ pp: Doubles, _ flip: Mask, _ m: Mask) -> Counts {
        let q = 1 - pp
        let s = pp / q, a = (nd + 1) * s
        var r = Doubles()
        var lanes = Self.bits(m)
        while lanes != 0 {
            let i = lanes.trailingZeroBitCount
            lanes &= lanes - 1
            r[i] = pow(q[i], nd[i])
        }
        var x = Doubles()
        var v = clv_uniform8(state, unsafeBitCast(m, to: SIMD8<Int64>.self))
        var going = m .& (v .> r)
        while Self.any(going) {
            v.replace(with: v - r, where: going)
            x.replace(with: x + 1, where: going)
            let over = going .& (x .> nd)          // only through rounding in the tail: n
            x.replace(with: nd, where: over)
            going .&= .!over
            r.replace(with: r * (a / x - s), where: going)
            going .&= .!(r .<= 0)
            going .&= v .> r
        }
        let drawn = x.replacing(with: nd - x, where: flip)
        let clamped = drawn.replacing(with: 0, where: drawn .< 0).replacing(with: nd, where: drawn .> nd)
        return Self.exactInteger(clamped)
    }

    /// Lane i's draw by the scalar sampler, on a copy of the lane's stream.
    func scalarBinomial(lane i: Int, _ n: Int64, _ p: Double) -> Int64 {
        let s = scalar.s
        for k in 0..<4 { s[k] = state[8 * k + i] }
        let x = scalar.binomial(n, p)
        for k in 0..<4 { state[8 * k + i] = s[k] }
        return x
    }
}
