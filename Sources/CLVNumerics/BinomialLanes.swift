#if canImport(Glibc)
import Glibc     // getenv
#elseif canImport(Darwin)
import Darwin
#endif

internal import CLVLanes

/// Eight xoshiro256** streams side by side, one per lane, and binomial draws made in all of them
/// at once: the engine splits up to eight rows of a period (independent multinomials, each from
/// its own stream) together.
///
/// The draws are made by a C kernel (`Sources/CLVLanes`) compiled once per vector instruction set
/// — AVX-512, AVX2 and SSE2 on x86-64, NEON on arm64 — and chosen at run time for the processor
/// (`ISA.best`), so that a plain `swift build -c release` is as fast as a build for the host.
///
/// Each lane is bit for bit the scalar `RandomStream` reset with the same raw seed, whatever the
/// variant: it draws the uniforms `RandomStream.binomial` would draw, in the same order, and
/// computes each BTRS candidate through the same IEEE operations (no fused multiply–add: the
/// kernel is built with contraction off; add, multiply, divide and square root are correctly
/// rounded in vector registers as in scalar ones; xoshiro's multiplies by 5 and 9 are shifts and
/// adds, and its 53-bit output becomes a Double through exact magic-number conversions). The exact
/// test is the scalar sampler's — BTPE's squeeze, then Stirling's bound — in the lanes, with a
/// vector logarithm, and decides only where a test clears its bound by more than the vector
/// arithmetic can be off (`logSlack`); near-ties are decided lane by lane by the scalar test
/// (`DiscreteSamplers.BTRSExact`) with libm, through a hook. The lanes also squeeze within 20 of
/// the mode, where the scalar test goes straight to Stirling's bound: there the margin grows with
/// n by the Stirling bound's own rounding (about (n + 1)·ulp, which beyond 10^12 can disagree with
/// the squeeze), so the squeeze decides only what Stirling's bound would decide the same way
/// (kernel.h, `btrs`).
/// So a lane accepts exactly the candidates the scalar sampler accepts — `BinomialLanesTests`
/// checks every variant this processor runs against the scalar sampler up to 5·10^15, and the
/// study outputs match byte for byte. Lanes the kernel does not cover (counts beyond 2^51) are
/// drawn by the scalar sampler on the lane's stream, through the other hook.
///
/// Why: the engine's time is BTRS binomials (220.8 M on bank-large), and one pass of the
/// rejection loop is a chain of dependent vector operations: eight lanes side by side cost
/// little more than one.
public final class BinomialLanes {
    public typealias Doubles = SIMD8<Double>
    public typealias Counts = SIMD8<Int64>
    public typealias Words = SIMD8<UInt64>
    public typealias Mask = SIMDMask<SIMD8<Int64>>
    public static let width = 8

    /// A variant of the kernel: the vector instruction set it is compiled for.
    public enum ISA: Int32, CaseIterable, Sendable, CustomStringConvertible {
        /// The kernel without a vector target: what the compiler makes of it for the build's baseline.
        case generic = 0
        /// x86-64's baseline: 128-bit registers.
        case sse2 = 1
        /// x86-64-v3: 256-bit registers.
        case avx2 = 2
        /// AVX-512 F and DQ (x86-64-v4): 512-bit registers.
        case avx512 = 3
        /// arm64: 128-bit registers.
        case neon = 4

        public var description: String {
            switch self {
            case .generic: "generic"
            case .sse2: "SSE2"
            case .avx2: "AVX2"
            case .avx512: "AVX-512"
            case .neon: "NEON"
            }
        }

        /// Whether this build has the variant and this processor can run it.
        public var isAvailable: Bool { clv_lanes_available(clv_lanes_isa(rawValue: UInt32(rawValue))) }

        /// Every variant this build has and this processor runs.
        public static var available: [ISA] { allCases.filter(\.isAvailable) }

        /// The best variant this build has and this processor runs; `CLVSIM_LANES` (a variant's
        /// name, e.g. `AVX2`, or `scalar`) overrides it, for measurements.
        public static let best: ISA = ISA(rawValue: Int32(clv_lanes_best().rawValue)) ?? .generic
    }

    /// What `CLVSIM_LANES` asks for: nil for the default (`ISA.best`), `.some(nil)` for `scalar`
    /// (the engine splits rows one after another with the scalar sampler, with the same draws).
    public static let requested: ISA?? = {
        guard let v = getenv("CLVSIM_LANES").map({ String(cString: $0) }), !v.isEmpty else { return nil }
        if v.lowercased() == "scalar" { return .some(nil) }
        return ISA.available.first { $0.description.lowercased() == v.lowercased() }.map { .some($0) }
    }()

    /// The variant the engine uses: `ISA.best`, unless `CLVSIM_LANES` names another this
    /// processor runs; nil when it says `scalar`.
    public static let engineISA: ISA? = requested ?? .some(ISA.best)

    /// The variant these lanes draw with.
    public let isa: ISA

    /// The lanes' xoshiro256** states: words s0, s1, s2, s3 of lane i at state[8·k + i].
    let state: UnsafeMutablePointer<UInt64>
    /// The scalar sampler, for the lanes the vector path leaves out.
    let scalar = RandomStream()
    /// The kernel's hooks back into Swift (the scalar sampler and the exact test).
    let hooks: UnsafeMutablePointer<clv_lanes_hooks>

    /// Lanes drawing with variant `isa` (which must be available), by default the best.
    public init(isa: ISA = .best) {
        precondition(isa.isAvailable, "binomial lanes: \(isa) is not available on this processor")
        self.isa = isa
        state = .allocate(capacity: 32)
        state.initialize(repeating: 0, count: 32)
        hooks = .allocate(capacity: 1)
        hooks.initialize(to: clv_lanes_hooks(
            context: nil,
            scalar: { context, lane, n, p in
                Unmanaged<BinomialLanes>.fromOpaque(context!).takeUnretainedValue()
                    .scalarBinomial(lane: Int(lane), n, p)
            },
            exact: { alpha, r, m, k, us, v, n, a, b, npq in
                DiscreteSamplers.BTRSExact(alpha: alpha, r: r, m: m).accepts(k: k, us: us, v: v, n: n, a: a, b: b, npq: npq)
            }))
        hooks.pointee.context = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        state.deallocate()
        hooks.deallocate()
    }

    var cISA: clv_lanes_isa { clv_lanes_isa(rawValue: UInt32(isa.rawValue)) }

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

    /// Positions lane i at the start of stream (seed, trial, combine(keys[i], t)) — `reset(raw:)`
    /// of `StreamKey.streamSeed(seed:trial:key:)` of `StreamKey.combine(keys[i], t)` — from the
    /// parts of those formulas that do not depend on the lane: `periodMix` = mix(t + γ),
    /// `seedMix` = mix(seed), `trialMix` = trial · 0xD1B54A32D192ED03. In the kernel, whose
    /// 64-bit lane multiplies beat Swift's SIMD8 ones where the processor has none (AVX2).
    public func reset(keys: Words, periodMix: UInt64, seedMix: UInt64, trialMix: UInt64) {
        var keys = keys
        withUnsafePointer(to: &keys) { kp in
            clv_lanes_seed(cISA, state, UnsafeRawPointer(kp).assumingMemoryBound(to: UInt64.self),
                           periodMix, seedMix, trialMix)
        }
    }

    /// `StreamKey.mix` in every lane.
    @inline(__always)
    public static func mix(_ x: Words) -> Words {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// ln x in every lane as the kernel computes it (for positive normal x, within 2·10^-13
    /// absolute of the correctly rounded value for |ln x| < 745: fdlibm's e_log polynomial).
    /// The kernel uses it only to decide clear cases; a lane whose decision is within
    /// `logSlack` of its bound goes to the scalar test with libm's log.
    func log(_ x: Doubles) -> Doubles { lanewise(x, clv_lanes_log) }

    /// `DiscreteSamplers.stirlingTail` of integers k ≥ 0 in every lane, as the kernel computes it:
    /// the kernel's copy of the table below 10, the series (with reciprocals) above.
    func stirling(_ k: Doubles) -> Doubles { lanewise(k, clv_lanes_stirling) }

    /// A lane-wise kernel function of eight doubles, in this variant.
    private func lanewise(_ x: Doubles, _ f: (clv_lanes_isa, UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void)
        -> Doubles {
        var x = x, y = Doubles()
        withUnsafePointer(to: &x) { xp in
            withUnsafeMutablePointer(to: &y) { yp in
                f(cISA, UnsafeRawPointer(xp).assumingMemoryBound(to: Double.self),
                  UnsafeMutableRawPointer(yp).assumingMemoryBound(to: Double.self))
            }
        }
        return y
    }

    /// Least margin between a vector decision and its bound (the kernel's KSLACK): far above the
    /// error of the vector log (2·10^-13 absolute below 745) and of the rearranged arithmetic (a
    /// few ulps); the Stirling test adds 10^-14 of the magnitude of its terms.
    static let logSlack = 1e-9

    /// A mask's lanes as the bits of an integer (lane i → bit i).
    @inline(__always)
    public static func bits(_ m: Mask) -> UInt {
        var r: UInt = 0
        for i in 0..<8 where m[i] { r |= 1 << i }
        return r
    }

    /// Whether any lane of `m` is set.
    @inline(__always)
    public static func any(_ m: Mask) -> Bool { bits(m) != 0 }

    /// Binomial(n[i], p[i]) in every lane i of `active` (0 elsewhere): `RandomStream.binomial`
    /// lane by lane, bit for bit. `scalarInversion` draws every inversion-path lane (n·p < 10) by
    /// the scalar recursion from its uniform, as the lanes redraw near-ties (for the tests).
    public func binomial(_ n: Counts, _ p: Doubles, active: Mask, scalarInversion: Bool = false) -> Counts {
        var n = n, p = p, out = Counts()
        let bits = UInt32(Self.bits(active))
        withUnsafePointer(to: &n) { np in
            withUnsafePointer(to: &p) { pp in
                withUnsafeMutablePointer(to: &out) { op in
                    let draw = scalarInversion ? clv_lanes_binomial_scalar_inversion : clv_lanes_binomial
                    draw(cISA, state, UnsafeRawPointer(np).assumingMemoryBound(to: Int64.self),
                         UnsafeRawPointer(pp).assumingMemoryBound(to: Double.self), bits,
                         UnsafeMutableRawPointer(op).assumingMemoryBound(to: Int64.self), hooks)
                }
            }
        }
        return out
    }

    /// The chained binomials of up to eight rows, step by step: lane i starts with rest[i]
    /// customers and, at step j < count[i] while customers are left, draws Binomial(rest, p[j][i])
    /// and adds it to next[to[j][i]] (saturating, as `Int64.addingClamped`) — the scalar chain's
    /// draws on each lane's stream. Returns the customers left in each lane.
    public func chains(rest start: Counts, count: Counts, p: UnsafePointer<Doubles>, to: UnsafePointer<Counts>,
                       next: UnsafeMutableBufferPointer<Int64>) -> Counts {
        var rest = start, count = count
        withUnsafeMutablePointer(to: &rest) { rp in
            withUnsafePointer(to: &count) { cp in
                clv_lanes_chains(cISA, state, UnsafeMutableRawPointer(rp).assumingMemoryBound(to: Int64.self),
                                 UnsafeRawPointer(cp).assumingMemoryBound(to: Int64.self),
                                 UnsafeRawPointer(p).assumingMemoryBound(to: Double.self),
                                 UnsafeRawPointer(to).assumingMemoryBound(to: Int64.self),
                                 next.baseAddress!, hooks)
            }
        }
        return rest
    }

    /// One group of up to eight rows in one period, in one kernel call: lane i whose bit is set in
    /// `live` starts with counts[source[i]] customers (the others with none); when some lane has
    /// customers, `reset(keys:periodMix:seedMix:trialMix:)` with keys[0..<8], then `chains` (whose
    /// movers go to next[to[j][i]]), then next[source[i]] −= the lane's movers — the same draws and
    /// counts as those calls one after another, without a round trip through Swift between them.
    public func group(keys: UnsafePointer<UInt64>, periodMix: UInt64, seedMix: UInt64, trialMix: UInt64,
                      source: UnsafePointer<Int64>, live: UInt32, count: UnsafePointer<Counts>,
                      p: UnsafePointer<Doubles>, to: UnsafePointer<Counts>,
                      counts: UnsafePointer<Int64>, next: UnsafeMutablePointer<Int64>) {
        clv_lanes_group(cISA, state, keys, periodMix, seedMix, trialMix, source, live,
                        UnsafeRawPointer(count).assumingMemoryBound(to: Int64.self),
                        UnsafeRawPointer(p).assumingMemoryBound(to: Double.self),
                        UnsafeRawPointer(to).assumingMemoryBound(to: Int64.self), counts, next, hooks)
    }

    /// `group(keys:…)` given each lane's base, the part of its raw seed that does not depend on
    /// the trial (bases[i] = mix(seedMix ^ mix(keys[i] ^ periodMix)); raw seed mix(bases[i] ^
    /// trialMix)): the same draws and counts, with one mix per lane and trial instead of three.
    /// `ratio`, laid out as `p`, holds each step's `Self.ratio` of its probabilities (nil: the
    /// kernel computes them per draw). `logq`, laid out as `p`, caches the inversion path's
    /// log(1 − p') per step and lane (nil: computed per draw): the caller sets it to NaN wherever
    /// it sets `p`, and the kernel fills it when a lane of that step is first drawn by inversion.
    /// It changes no draw: the cached value is the one the kernel would compute.
    public func group(bases: UnsafePointer<UInt64>, trialMix: UInt64, source: UnsafePointer<Int64>, live: UInt32,
                      count: UnsafePointer<Counts>, p: UnsafePointer<Doubles>, ratio: UnsafePointer<Doubles>? = nil,
                      logq: UnsafeMutablePointer<Doubles>? = nil,
                      to: UnsafePointer<Counts>, counts: UnsafePointer<Int64>, next: UnsafeMutablePointer<Int64>) {
        clv_lanes_group_at(cISA, state, bases, trialMix, source, live,
                           UnsafeRawPointer(count).assumingMemoryBound(to: Int64.self),
                           UnsafeRawPointer(p).assumingMemoryBound(to: Double.self),
                           ratio.map { UnsafeRawPointer($0).assumingMemoryBound(to: Double.self) },
                           logq.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Double.self) },
                           UnsafeRawPointer(to).assumingMemoryBound(to: Int64.self), counts, next, hooks)
    }

    /// The sampler's s = p'/q' of a probability: p' = 1 − p for p > ½, else p, and q' = 1 − p'
    /// (the same operations as the kernel's and `DiscreteSamplers.binomial`'s, so the same bits).
    /// It depends on the probability only: `RowSplit` lays it out once per parameter change.
    @inline(__always)
    public static func ratio(_ p: Double) -> Double {
        let pp = p > 0.5 ? 1 - p : p
        return pp / (1 - pp)
    }

    /// Marsaglia–Tsang's first candidate in up to eight streams at once (lane i: bit i of
    /// `active`, at raw seed mix(bases[i] ^ trialMix), bases as in `group(bases:…)`), for shapes
    /// shape[i] ≥ 1 (the kernel computes d = shape − 1/3 and c = 1/√(9d) as `ContinuousSamplers.gamma`
    /// does). Where the ziggurat's fast region and the squeeze decide — all but a few percent of
    /// draws (the fast region holds 98.8% of normals) — out[i] is the scalar sampler's
    /// Gamma(shape, 1) draw from that stream, bit for bit; returns those lanes' bits. The caller draws the other lanes with the scalar sampler, from
    /// the same seed. The lanes' own streams (`state`) are not touched.
    public func gammaFirst(bases: UnsafePointer<UInt64>, trialMix: UInt64, shape: UnsafePointer<Double>, active: UInt32,
                           out: UnsafeMutablePointer<Double>) -> UInt32 {
        let z = ContinuousSamplers.zig
        return clv_lanes_gamma_at(cISA, bases, trialMix, shape, active, z.kn, z.wn, out)
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
