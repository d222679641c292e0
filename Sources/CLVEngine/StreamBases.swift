import CLVNumerics

/// The part of the process streams' seeds that is the same in every trial of a run.
///
/// The stream of (seed, trial, key combined with period t) starts at raw seed
/// mix(mix(seedMix ^ mix(key ^ periodMix_t)) ^ trialMix) (`StreamKey.streamSeed` of
/// `StreamKey.combine`), with seedMix = mix(seed), periodMix_t = mix(t + γ) and trialMix =
/// trial · 0xD1B54A32D192ED03. Everything but the last mix is fixed by the run's seed, the key and
/// the period: this table holds it, base = mix(seedMix ^ mix(key ^ periodMix_t)), for every period
/// and key, so that a stream's seed in a trial is one mix, mix(base ^ trialMix), not three. The same
/// integers, computed in two steps instead of one: no draw changes.
final class StreamBases {
    let keys: [UInt64]
    let horizon: Int
    /// Period t's bases (t = 0...horizon) at t·keys.count.
    private let table: UnsafeMutableBufferPointer<UInt64>
    /// The run seed the table is for (nil before the first).
    private var seed: UInt64?

    init(keys: [UInt64], horizon: Int) {
        self.keys = keys
        self.horizon = horizon
        table = .allocate(capacity: max(keys.count * (horizon + 1), 1))
        table.initialize(repeating: 0)
    }

    deinit { table.deallocate() }

    /// The stream key mix of period t (`StreamKey.combine`'s index part).
    @inline(__always)
    static func periodMix(_ t: Int) -> UInt64 { StreamKey.mix(UInt64(t) &+ 0x9E37_79B9_7F4A_7C15) }

    /// base = mix(seedMix ^ mix(key ^ periodMix)).
    @inline(__always)
    static func base(_ key: UInt64, periodMix: UInt64, seedMix: UInt64) -> UInt64 {
        StreamKey.mix(seedMix ^ StreamKey.mix(key ^ periodMix))
    }

    /// The raw seed of a trial's stream from its base (`RandomStream.reset(raw:)`).
    @inline(__always)
    static func raw(_ base: UInt64, trialMix: UInt64) -> UInt64 { StreamKey.mix(base ^ trialMix) }

    /// Fills the table for run seed `seed` (nothing to do when it already holds it).
    @inline(__always)
    func prepare(seed s: UInt64) {
        if seed == s { return }
        let seedMix = StreamKey.mix(s), K = keys.count
        for t in 0...horizon {
            let pm = Self.periodMix(t)
            for i in 0..<K { table[t * K + i] = Self.base(keys[i], periodMix: pm, seedMix: seedMix) }
        }
        seed = s
    }

    /// Period t's bases, key by key.
    @inline(__always)
    func period(_ t: Int) -> UnsafePointer<UInt64> { UnsafePointer(table.baseAddress! + t * keys.count) }
}
