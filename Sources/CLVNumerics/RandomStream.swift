internal import CGSL

/// A random stream for one worker thread: xoshiro256** (Blackman & Vigna), seen both by Swift
/// (inlined, for uniforms and the project's own samplers) and by GSL through a custom
/// `gsl_rng_type` whose state is the same four words (shim.h), for GSL's samplers.
///
/// Not `Sendable`: a `gsl_rng` shared between threads silently corrupts streams, so each
/// worker creates its own. Re-keying writes four words (no allocation), so a stream per
/// input, per row or per customer costs a few nanoseconds.
public final class RandomStream {
    let rng: UnsafeMutablePointer<gsl_rng>
    /// xoshiro256**'s state s[0...3], owned by `rng`.
    @usableFromInline let s: UnsafeMutablePointer<UInt64>
    /// Ziggurat tables of the normal sampler.
    @usableFromInline let zig = ContinuousSamplers.zig

    public init() {
        Numerics.silenceGSL()
        rng = gsl_rng_alloc(clv_rng_type_xoshiro())
        s = UnsafeMutableRawPointer(clv_rng_state(rng)).bindMemory(to: UInt64.self, capacity: 4)
    }

    deinit { gsl_rng_free(rng) }

    /// Positions the stream at the start of stream (seed, trial, key).
    @inlinable @inline(__always)
    public func reset(seed: UInt64, trial: UInt64, key: UInt64) {
        reset(raw: StreamKey.streamSeed(seed: seed, trial: trial, key: key))
    }

    /// Positions the stream from a raw 64-bit seed, expanded by SplitMix64 (as shim.h's
    /// `clv_xoshiro_seed`): four outputs of consecutive counters, never all zero.
    @inlinable @inline(__always)
    public func reset(raw: UInt64) {
        for i in 0..<4 { s[i] = Self.seedWord(raw, i) }
    }

    /// Word i of the state that raw seed `raw` expands to: SplitMix64's i-th output.
    @inlinable @inline(__always)
    static func seedWord(_ raw: UInt64, _ i: Int) -> UInt64 {
        StreamKey.mix(raw &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits (xoshiro256**).
    @inlinable @inline(__always)
    public func next() -> UInt64 {
        let result = (s[1] &* 5).rotatedLeft(7) &* 9
        let t = s[1] << 17
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = s[3].rotatedLeft(45)
        return result
    }

    /// A double in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

extension UInt64 {
    @inlinable @inline(__always)
    func rotatedLeft(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}

/// Process-wide GSL settings.
public enum Numerics {
    /// Turns off GSL's abort-on-error handler. Idempotent; callers validate parameters
    /// before calling GSL, and GSL's return codes report the rest.
    public static func silenceGSL() { clv_gsl_quiet() }
}
