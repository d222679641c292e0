/// Keys of random streams (model.md 3.2, 4).
///
/// A stream is identified by (seed, trial, key), where the key is the FNV-1a hash of a
/// text path such as `segments.mass.transitions.active.churned` or `process.mass.moves.3.active`.
/// The three are mixed with SplitMix64's finaliser into one 64-bit word that seeds
/// xoshiro256**: set-up is O(1), independent of drawing order and of how trials are
/// split over threads. Swift's `hashValue` is never used: it changes per process.
public enum StreamKey {
    /// FNV-1a, 64-bit, over the UTF-8 bytes of `path`.
    public static func hash(_ path: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in path.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// Combines a key with an extra index (a period, a row, a customer) into a new key.
    @inlinable @inline(__always)
    public static func combine(_ key: UInt64, _ index: UInt64) -> UInt64 {
        mix(key ^ mix(index &+ 0x9E37_79B9_7F4A_7C15))
    }

    /// The 64-bit seed of stream (seed, trial, key).
    @inlinable @inline(__always)
    public static func streamSeed(seed: UInt64, trial: UInt64, key: UInt64) -> UInt64 {
        mix(mix(mix(seed) ^ key) ^ (trial &* 0xD1B5_4A32_D192_ED03))
    }

    /// SplitMix64's output function: a bijection on 64-bit words with full avalanche.
    @inlinable @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
