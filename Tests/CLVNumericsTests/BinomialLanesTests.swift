import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import CLVNumerics

/// The lane sampler must be the scalar sampler, lane by lane, bit for bit, in every variant of the
/// kernel this processor runs (BinomialLanes.ISA.available: on x86-64 at least generic and SSE2,
/// and AVX2 and AVX-512 where present; on arm64 generic and NEON): the engine's results may not
/// depend on the instruction set it draws with.
/// A stream's run seed, trial and period drawn from `pick` (in that order), and the parts of its
/// seed the kernel takes: StreamKey.streamSeed(seed, trial, combine(key, t)) =
/// mix(mix(seedMix ^ mix(key ^ periodMix)) ^ trialMix), the inner two mixes being the key's base.
struct StreamID {
    let seed: UInt64, trial: UInt64, t: UInt64
    var periodMix: UInt64 { StreamKey.mix(t &+ 0x9E37_79B9_7F4A_7C15) }
    var seedMix: UInt64 { StreamKey.mix(seed) }
    var trialMix: UInt64 { trial &* 0xD1B5_4A32_D192_ED03 }

    init(_ pick: RandomStream) {
        seed = pick.next()
        trial = pick.next() % 100_000
        t = pick.next() % 1_200
    }

    func base(_ key: UInt64) -> UInt64 { StreamKey.mix(seedMix ^ StreamKey.mix(key ^ periodMix)) }
}

@Suite("Binomial lanes")
struct BinomialLanesTests {
    static let counts: [Int64] = [0, 1, 7, 50, 200, 5_000, 123_456, 10_000_000, (1 << 51) - 3, (1 << 51) + 5,
                                  (1 << 52) + 7, 5_000_000_000_000_000]
    static let probabilities: [Double] = [0, 1e-9, 1e-4, 0.003, 0.05, 0.3, 0.5, 0.500_000_1, 0.7, 0.999, 1, .nan, -0.1]

    @Test("this processor runs the best variant the build has")
    func variants() {
        let available = BinomialLanes.ISA.available
        #expect(available.contains(.generic))
        #expect(available.contains(BinomialLanes.ISA.best))
        #expect(available.allSatisfy { $0.rawValue <= BinomialLanes.ISA.best.rawValue || $0 == .neon })
        #if arch(x86_64)
        #expect(available.contains(.sse2))
        #elseif arch(arm64)
        #expect(BinomialLanes.ISA.best == .neon)
        #endif
    }

    /// With `scalarInversion`, every inversion lane is redrawn by the kernel's scalar recursion, as
    /// it redraws the near-ties between its own qⁿ and libm's: those redraws are the sampler's too.
    @Test("eight lanes draw what eight scalar streams with the same seeds draw, over chains of draws",
          arguments: BinomialLanes.ISA.available, [false, true])
    func lanesEqualScalar(isa: BinomialLanes.ISA, scalarInversion: Bool) {
        let pick = RandomStream()
        pick.reset(raw: 2026)
        let lanes = BinomialLanes(isa: isa)
        let scalars = (0..<8).map { _ in RandomStream() }
        var compared = 0, vectorLanes = 0, inversionLanes = 0
        for _ in 0..<400 {
            var raw = BinomialLanes.Words()
            for i in 0..<8 {
                raw[i] = pick.next()
                scalars[i].reset(raw: raw[i])
            }
            lanes.reset(raw: raw)
            var n = BinomialLanes.Counts()
            for i in 0..<8 { n[i] = Self.counts[Int(pick.next() % UInt64(Self.counts.count))] }
            for _ in 0..<3 {            // a chain: each draw continues the lane's stream
                var p = BinomialLanes.Doubles(), active = BinomialLanes.Mask(repeating: false)
                for i in 0..<8 {
                    p[i] = pick.uniform() < 0.5 ? Self.probabilities[Int(pick.next() % UInt64(Self.probabilities.count))]
                                                : pick.uniform()
                    active[i] = pick.uniform() < 0.9
                }
                let x = lanes.binomial(n, p, active: active, scalarInversion: scalarInversion)
                for i in 0..<8 {
                    let expected = active[i] ? scalars[i].binomial(n[i], p[i]) : 0
                    #expect(x[i] == expected, "\(isa) lane \(i): binomial(\(n[i]), \(p[i]))")
                    compared += 1
                    if active[i] && n[i] >= 1 && n[i] <= 1 << 51 && p[i] > 0 && p[i] < 1 {
                        if Double(n[i]) * min(p[i], 1 - p[i]) >= 10 { vectorLanes += 1 } else { inversionLanes += 1 }
                    }
                    n[i] -= x[i]
                }
            }
        }
        // Both lane paths (BTRS and inversion) must have been taken often, or the test proves little.
        #expect(compared == 9_600 && vectorLanes > 2_000 && inversionLanes > 1_000,
                "\(vectorLanes) BTRS lanes and \(inversionLanes) inversion lanes of \(compared)")
    }

    /// The inversion path's P(0) = qⁿ is the lanes' e^(n·ln q), not libm's pow: 40,000 draws at
    /// n·p < 10 — n from 1 to 2^40, p from 10^-12 up to ½ — must still be the scalar sampler's.
    @Test("inversion lanes (n·p < 10) draw the scalar sampler's counts from their own qⁿ",
          arguments: BinomialLanes.ISA.available)
    func inversionEqualsScalar(isa: BinomialLanes.ISA) {
        let pick = RandomStream()
        pick.reset(raw: 77)
        let lanes = BinomialLanes(isa: isa)
        let scalars = (0..<8).map { _ in RandomStream() }
        for round in 0..<5_000 {
            var raw = BinomialLanes.Words(), n = BinomialLanes.Counts(), p = BinomialLanes.Doubles()
            for i in 0..<8 {
                raw[i] = pick.next()
                scalars[i].reset(raw: raw[i])
                n[i] = Int64(pow(2, 40 * pick.uniform()).rounded(.down))
                let mean = 10 * pick.uniform()                  // n·p below 10
                p[i] = min(0.5, max(1e-12, mean / Double(n[i])))
                if pick.uniform() < 0.3 { p[i] = 1 - p[i] }     // folded to 1 − p by the sampler
            }
            lanes.reset(raw: raw)
            let x = lanes.binomial(n, p, active: BinomialLanes.Mask(repeating: true))
            for i in 0..<8 {
                #expect(x[i] == scalars[i].binomial(n[i], p[i]), "\(isa) round \(round) lane \(i): binomial(\(n[i]), \(p[i]))")
            }
        }
    }

    @Test("chains of draws scattered by the kernel are the scalar chains, row by row",
          arguments: BinomialLanes.ISA.available)
    func chainsEqualScalar(isa: BinomialLanes.ISA) {
        let pick = RandomStream()
        pick.reset(raw: 17)
        let lanes = BinomialLanes(isa: isa), scalar = RandomStream()
        let steps = 5, states = 6
        let p = UnsafeMutablePointer<BinomialLanes.Doubles>.allocate(capacity: steps)
        let to = UnsafeMutablePointer<BinomialLanes.Counts>.allocate(capacity: steps)
        defer { p.deallocate(); to.deallocate() }
        var next = [Int64](repeating: 0, count: 8 * states), expected = next
        for round in 0..<300 {
            var raw = BinomialLanes.Words(), rest = BinomialLanes.Counts(), count = BinomialLanes.Counts()
            for i in 0..<8 {
                raw[i] = pick.next()
                rest[i] = Self.counts[Int(pick.next() % UInt64(Self.counts.count))] / Int64(1 + round % 3)
                count[i] = Int64(pick.next() % UInt64(steps + 1))
                for j in 0..<steps {
                    p[j][i] = j == steps - 1 && pick.uniform() < 0.2 ? 1 : pick.uniform() * 0.4
                    to[j][i] = Int64(i * states + Int(pick.next() % UInt64(states)))
                }
            }
            lanes.reset(raw: raw)
            let left = next.withUnsafeMutableBufferPointer {
                lanes.chains(rest: rest, count: count, p: UnsafePointer(p), to: UnsafePointer(to), next: $0)
            }
            for i in 0..<8 {
                scalar.reset(raw: raw[i])
                var r = rest[i]
                for j in 0..<Int(count[i]) where r > 0 {
                    let x = scalar.binomial(r, p[j][i])
                    expected[Int(to[j][i])] = expected[Int(to[j][i])].addingClamped(x)
                    r -= x
                }
                #expect(left[i] == r, "\(isa) round \(round) lane \(i)")
            }
        }
        #expect(next == expected)
    }

    @Test("a group in one kernel call draws and counts what seeds, chains and the movers taken out do one after another",
          arguments: BinomialLanes.ISA.available)
    func groupEqualsSteps(isa: BinomialLanes.ISA) {
        let pick = RandomStream()
        pick.reset(raw: 23)
        let lanes = BinomialLanes(isa: isa), steps = BinomialLanes(isa: isa)
        let maxSteps = 4, states = 5
        let p = UnsafeMutablePointer<BinomialLanes.Doubles>.allocate(capacity: maxSteps)
        let to = UnsafeMutablePointer<BinomialLanes.Counts>.allocate(capacity: maxSteps)
        defer { p.deallocate(); to.deallocate() }
        var counts = [Int64](repeating: 0, count: 8 * states)
        var next = counts, expected = counts
        var drawn = 0
        for round in 0..<300 {
            var keys = [UInt64](repeating: 0, count: 8), source = [Int64](repeating: 0, count: 8)
            var count = BinomialLanes.Counts()
            for k in counts.indices {
                counts[k] = Self.counts[Int(pick.next() % UInt64(Self.counts.count))] / Int64(1 + round % 3)
                next[k] = counts[k]
                expected[k] = counts[k]
            }
            let id = StreamID(pick)
            let live = UInt32(pick.next() % 256)
            for i in 0..<8 {
                keys[i] = pick.next()
                source[i] = Int64(i * states + Int(pick.next() % UInt64(states)))
                count[i] = Int64(pick.next() % UInt64(maxSteps + 1))
                for j in 0..<maxSteps {
                    p[j][i] = pick.uniform() * 0.4
                    to[j][i] = Int64(i * states + Int(pick.next() % UInt64(states)))
                }
            }
            let (periodMix, seedMix, trialMix) = (id.periodMix, id.seedMix, id.trialMix)
            // One call.
            withUnsafeMutablePointer(to: &count) { cp in
                next.withUnsafeMutableBufferPointer { nx in
                    lanes.group(keys: keys, periodMix: periodMix, seedMix: seedMix, trialMix: trialMix, source: source,
                                live: live, count: UnsafePointer(cp), p: UnsafePointer(p), to: UnsafePointer(to),
                                counts: counts, next: nx.baseAddress!)
                }
            }
            // The same, step by step.
            var rest = BinomialLanes.Counts(), words = BinomialLanes.Words()
            for i in 0..<8 {
                words[i] = keys[i]
                if live & (1 << UInt32(i)) != 0 { rest[i] = counts[Int(source[i])] }
            }
            if (0..<8).contains(where: { rest[$0] > 0 }) {
                drawn += 1
                steps.reset(keys: words, periodMix: periodMix, seedMix: seedMix, trialMix: trialMix)
                let left = expected.withUnsafeMutableBufferPointer {
                    steps.chains(rest: rest, count: count, p: UnsafePointer(p), to: UnsafePointer(to), next: $0)
                }
                for i in 0..<8 { expected[Int(source[i])] -= rest[i] - left[i] }
            }
            #expect(next == expected, "\(isa) round \(round)")
        }
        #expect(drawn > 250)
    }

    @Test("the kernel seeds each lane at the start of its row's stream (seed, trial, combine(key, t))",
          arguments: BinomialLanes.ISA.available)
    func seeds(isa: BinomialLanes.ISA) {
        let pick = RandomStream()
        pick.reset(raw: 99)
        let lanes = BinomialLanes(isa: isa), reference = BinomialLanes(isa: isa)
        for _ in 0..<200 {
            var keys = BinomialLanes.Words(), raw = BinomialLanes.Words()
            let seed = pick.next(), trial = pick.next() % 100_000, t = pick.next() % 1_200
            for i in 0..<8 {
                keys[i] = pick.next()
                raw[i] = StreamKey.streamSeed(seed: seed, trial: trial, key: StreamKey.combine(keys[i], t))
            }
            lanes.reset(keys: keys, periodMix: StreamKey.mix(t &+ 0x9E37_79B9_7F4A_7C15), seedMix: StreamKey.mix(seed),
                        trialMix: trial &* 0xD1B5_4A32_D192_ED03)
            reference.reset(raw: raw)
            #expect((0..<32).allSatisfy { lanes.state[$0] == reference.state[$0] })
        }
    }

    @Test("a group seeded from its keys' bases, with or without its steps' ratios laid out and its log cache cold or warm, draws and counts what the group seeded from its keys does",
          arguments: BinomialLanes.ISA.available)
    func groupFromBases(isa: BinomialLanes.ISA) {
        let pick = RandomStream()
        pick.reset(raw: 31)
        let a = BinomialLanes(isa: isa), b = BinomialLanes(isa: isa), c = BinomialLanes(isa: isa)
        let cold = BinomialLanes(isa: isa), warm = BinomialLanes(isa: isa)
        let p = UnsafeMutablePointer<BinomialLanes.Doubles>.allocate(capacity: 3)
        let ratio = UnsafeMutablePointer<BinomialLanes.Doubles>.allocate(capacity: 3)
        let logq = UnsafeMutablePointer<BinomialLanes.Doubles>.allocate(capacity: 3)
        let to = UnsafeMutablePointer<BinomialLanes.Counts>.allocate(capacity: 3)
        defer { p.deallocate(); ratio.deallocate(); logq.deallocate(); to.deallocate() }
        var filled = 0
        for round in 0..<200 {
            var keys = [UInt64](repeating: 0, count: 8), bases = keys, source = [Int64](repeating: 0, count: 8)
            var count = BinomialLanes.Counts()
            let counts = (0..<16).map { _ in Self.counts[Int(pick.next() % 9)] }
            var viaKeys = counts, viaBases = counts, viaRatios = counts, viaCold = counts, viaWarm = counts
            let id = StreamID(pick)
            let (periodMix, seedMix, trialMix) = (id.periodMix, id.seedMix, id.trialMix)
            for i in 0..<8 {
                keys[i] = pick.next()
                bases[i] = id.base(keys[i])
                source[i] = Int64(2 * i)
                count[i] = Int64(pick.next() % 4)
                for j in 0..<3 {
                    p[j][i] = j == 2 ? pick.uniform() : pick.uniform() * 0.5     // step 2 also above ½
                    ratio[j][i] = BinomialLanes.ratio(p[j][i])
                    logq[j][i] = .nan
                    to[j][i] = Int64(2 * i + 1)
                }
            }
            withUnsafePointer(to: &count) { cp in
                viaKeys.withUnsafeMutableBufferPointer { nx in
                    a.group(keys: keys, periodMix: periodMix, seedMix: seedMix, trialMix: trialMix, source: source, live: 0xFF,
                            count: cp, p: UnsafePointer(p), to: UnsafePointer(to), counts: counts, next: nx.baseAddress!)
                }
                viaBases.withUnsafeMutableBufferPointer { nx in
                    b.group(bases: bases, trialMix: trialMix, source: source, live: 0xFF, count: cp, p: UnsafePointer(p),
                            to: UnsafePointer(to), counts: counts, next: nx.baseAddress!)
                }
                viaRatios.withUnsafeMutableBufferPointer { nx in
                    c.group(bases: bases, trialMix: trialMix, source: source, live: 0xFF, count: cp, p: UnsafePointer(p),
                            ratio: UnsafePointer(ratio), to: UnsafePointer(to), counts: counts, next: nx.baseAddress!)
                }
                // The kernel fills the cache on the first call (cold) and reads it on the second (warm).
                func cached(_ lanes: BinomialLanes) -> [Int64] {
                    var next = counts
                    next.withUnsafeMutableBufferPointer { nx in
                        lanes.group(bases: bases, trialMix: trialMix, source: source, live: 0xFF, count: cp, p: UnsafePointer(p),
                                    ratio: UnsafePointer(ratio), logq: logq, to: UnsafePointer(to), counts: counts,
                                    next: nx.baseAddress!)
                    }
                    return next
                }
                viaCold = cached(cold)
                viaWarm = cached(warm)
            }
            #expect(viaKeys == viaBases, "\(isa) round \(round)")
            #expect(viaRatios == viaBases, "\(isa) round \(round)")
            #expect(viaCold == viaBases && viaWarm == viaBases, "\(isa) round \(round)")
            #expect((0..<32).allSatisfy { a.state[$0] == b.state[$0] && c.state[$0] == b.state[$0] })
            #expect((0..<32).allSatisfy { cold.state[$0] == b.state[$0] && warm.state[$0] == b.state[$0] })
            // What the cache holds is the lanes' own log of q' = 1 − min(p, 1 − p), where filled.
            for j in 0..<3 {
                var q = BinomialLanes.Doubles()
                for i in 0..<8 { q[i] = 1 - (p[j][i] > 0.5 ? 1 - p[j][i] : p[j][i]) }
                let lq = a.log(q)
                for i in 0..<8 where !logq[j][i].isNaN {
                    filled += 1
                    #expect(logq[j][i].bitPattern == lq[i].bitPattern, "\(isa) round \(round) step \(j) lane \(i)")
                }
            }
        }
        #expect(filled > 100, "the inversion path filled \(filled) cache cells")
    }

    /// Shapes from 1 up to 10^12 (the engine's maxGammaShape), with many near 1, where the squeeze
    /// rejects most often.
    static let gammaShapes: [Double] = [1, 1.000_000_1, 1.05, 1.5625, 2, 3.3, 10, 77.7, 1_000, 123_456.5, 4e7, 9.9e11, 1e12]

    /// The lanes decide where the ziggurat's fast region (98.8% of normals) and the squeeze decide:
    /// about 89% of these draws, which are weighted towards shapes near 1, where the squeeze leaves
    /// the most to the logarithmic test (the engine's revenue sums have shapes of thousands and more).
    @Test("the gamma lanes' draws are the scalar sampler's, bit for bit, and they decide at least 85% of draws",
          arguments: BinomialLanes.ISA.available)
    func gammaEqualsScalar(isa: BinomialLanes.ISA) {
        let pick = RandomStream(), scalar = RandomStream()
        pick.reset(raw: 41)
        let lanes = BinomialLanes(isa: isa)
        var bases = [UInt64](repeating: 0, count: 8), shape = [Double](repeating: 1, count: 8)
        var out = [Double](repeating: 0, count: 8)
        var decided = 0, asked = 0
        for round in 0..<4_000 {
            let id = StreamID(pick)
            let (seed, trial, t) = (id.seed, id.trial, id.t)
            let (periodMix, seedMix, trialMix) = (id.periodMix, id.seedMix, id.trialMix)
            var keys = [UInt64](repeating: 0, count: 8)
            for i in 0..<8 {
                keys[i] = pick.next()
                bases[i] = id.base(keys[i])
                let g = Self.gammaShapes[Int(pick.next() % UInt64(Self.gammaShapes.count))]
                shape[i] = round % 2 == 0 ? g : g * (1 + pick.uniform())
            }
            let active = UInt32(pick.next() % 256)
            let done = lanes.gammaFirst(bases: bases, trialMix: trialMix, shape: shape, active: active, out: &out)
            #expect(done & ~active == 0, "\(isa): a lane outside `active` was drawn")
            for i in 0..<8 where active & (1 << UInt32(i)) != 0 {
                asked += 1
                guard done & (1 << UInt32(i)) != 0 else { continue }
                decided += 1
                scalar.reset(raw: StreamKey.streamSeed(seed: seed, trial: trial, key: StreamKey.combine(keys[i], t)))
                let x = ContinuousSamplers.gamma(shape[i], scalar)
                #expect(out[i].bitPattern == x.bitPattern, "\(isa) round \(round) lane \(i): shape \(shape[i])")
            }
        }
        #expect(asked > 15_000)
        #expect(Double(decided) >= 0.85 * Double(asked), "\(isa): lanes decided \(decided) of \(asked)")
    }

    /// The kernel keeps its own copy of the Stirling tails below 10 (C cannot read Swift's): it must
    /// be the scalar sampler's, bit for bit; above 10 both use the series (the kernel with
    /// reciprocals, so within a few ulps; its decisions keep `logSlack` from their bounds).
    @Test("the lanes' Stirling tails are the scalar sampler's: the table bit for bit, the series within 1e-15 relative",
          arguments: BinomialLanes.ISA.available)
    func stirlingTable(isa: BinomialLanes.ISA) {
        let lanes = BinomialLanes(isa: isa)
        let ks: [Double] = Array(0...40).map(Double.init) + [99, 1_000, 123_456, 1e9, 4.5e15]
        for start in stride(from: 0, to: ks.count, by: 8) {
            var k = BinomialLanes.Doubles(repeating: 0)
            for i in 0..<8 { k[i] = ks[min(start + i, ks.count - 1)] }
            let y = lanes.stirling(k)
            for i in 0..<8 {
                let exact = DiscreteSamplers.stirlingTail(k[i])
                if k[i] < 10 {
                    #expect(y[i].bitPattern == exact.bitPattern, "\(isa): k = \(k[i]): \(y[i]) vs \(exact)")
                } else {
                    #expect(abs(y[i] - exact) <= 1e-15 * exact, "\(isa): k = \(k[i]): \(y[i]) vs \(exact)")
                }
            }
        }
    }

    @Test("the lane log is within 2e-13 of libm's over 40 orders of magnitude", arguments: BinomialLanes.ISA.available)
    func laneLog(isa: BinomialLanes.ISA) {
        let lanes = BinomialLanes(isa: isa)
        let s = RandomStream()
        s.reset(raw: 7)
        var worst = 0.0
        for _ in 0..<5_000 {
            var x = BinomialLanes.Doubles()
            for i in 0..<8 { x[i] = exp((s.uniform() - 0.5) * 92) }   // e^±46
            let y = lanes.log(x)
            for i in 0..<8 { worst = max(worst, abs(y[i] - log(x[i]))) }
        }
        #expect(worst < 2e-13, "worst absolute error \(worst)")
    }
}
