internal import CGSL

/// A random stream for one worker thread: xoshiro256** behind GSL's `gsl_rng` interface,
/// re-keyed in place for each (seed, trial, key) it serves.
///
/// Not `Sendable`: a `gsl_rng` shared between threads silently corrupts streams, so each
/// worker creates its own. Re-keying writes four words (no allocation), so a stream per
/// input, per row or per customer costs a few nanoseconds.
public final class RandomStream {
    let rng: UnsafeMutablePointer<gsl_rng>
    let state: UnsafeMutablePointer<clv_xoshiro_state>

    public init() {
        Numerics.silenceGSL()
        rng = gsl_rng_alloc(clv_rng_type_xoshiro())
        state = clv_rng_state(rng)
    }

    deinit { gsl_rng_free(rng) }

    /// Positions the stream at the start of stream (seed, trial, key).
    @inline(__always)
    public func reset(seed: UInt64, trial: UInt64, key: UInt64) {
        clv_xoshiro_seed(state, StreamKey.streamSeed(seed: seed, trial: trial, key: key))
    }

    /// Positions the stream from a raw 64-bit seed.
    @inline(__always)
    public func reset(raw: UInt64) { clv_xoshiro_seed(state, raw) }

    /// The next 64 random bits.
    @inline(__always)
    public func next() -> UInt64 { clv_xoshiro_next(state) }

    /// A double in [0, 1) with 53 random bits.
    @inline(__always)
    public func uniform() -> Double { clv_xoshiro_double(state) }
}

/// Process-wide GSL settings.
public enum Numerics {
    /// Turns off GSL's abort-on-error handler. Idempotent; callers validate parameters
    /// before calling GSL, and GSL's return codes report the rest.
    public static func silenceGSL() { clv_gsl_quiet() }
}
