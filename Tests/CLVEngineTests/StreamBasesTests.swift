import Testing
@testable import CLVEngine
import CLVNumerics

/// The seed bases are the trial-independent part of every process stream's seed: with them a
/// stream's raw seed is one mix away, and it must be the seed StreamKey gives (model.md 3.2's
/// streams, keyed by seed, trial, key and period).
@Suite("Stream seed bases")
struct StreamBasesTests {
    @Test("mix(base ^ trialMix) is StreamKey.streamSeed(seed, trial, combine(key, t)) for every period and key, after a change of seed")
    func basesGiveTheStreamSeeds() {
        let pick = RandomStream()
        pick.reset(raw: 5)
        let keys = (0..<13).map { _ in pick.next() }
        let bases = StreamBases(keys: keys, horizon: 30)
        for seed: UInt64 in [1, 0, 987_654_321, .max, 1] {
            bases.prepare(seed: seed)
            for _ in 0..<50 {
                let trial = pick.next() % 1_000_000
                for t in 0...30 {
                    for (i, key) in keys.enumerated() {
                        let raw = StreamBases.raw(bases.period(t)[i], trialMix: trial &* 0xD1B5_4A32_D192_ED03)
                        #expect(raw == StreamKey.streamSeed(seed: seed, trial: trial, key: StreamKey.combine(key, UInt64(t))))
                    }
                }
            }
        }
    }
}
