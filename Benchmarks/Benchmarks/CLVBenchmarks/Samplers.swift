import Benchmark
import CLVNumerics

/// Per-draw costs of the bit generator and of each sampler the engine calls in its hot loops.
/// Each benchmark draws `scaledIterations` (a million) values per measured iteration, so the
/// reported times are per draw. Parameters are the ones the engine meets on bank-small and
/// bank-large: population counts of 1e4–1e7 per row, arrivals of 1e4–1e5 per period, Gamma
/// revenue sums with shape n/cv² (large) and per-customer shape 1/cv² (about 1.2–4).
func samplerBenchmarks() {
    let perDraw = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .instructions],
        timeUnits: .nanoseconds, warmupIterations: 1, scalingFactor: .mega,
        maxDuration: .seconds(2), maxIterations: 20)

    func draws(_ name: String, _ body: @escaping (RandomStream) -> Double) {
        Benchmark(name, configuration: perDraw) { benchmark in
            let stream = RandomStream()
            stream.reset(seed: 1, trial: 0, key: 0)
            var sum = 0.0
            for _ in benchmark.scaledIterations { sum += body(stream) }
            blackHole(sum)
        }
    }

    // Bit generator.
    Benchmark("Bits: xoshiro256** next()", configuration: perDraw) { benchmark in
        let stream = RandomStream()
        stream.reset(seed: 1, trial: 0, key: 0)
        var x: UInt64 = 0
        for _ in benchmark.scaledIterations { x ^= stream.next() }
        blackHole(x)
    }
    draws("Bits: uniform()") { $0.uniform() }
    // The engine re-keys the stream once per (row, period) and once per customer.
    Benchmark("Bits: reset(seed:trial:key:)", configuration: perDraw) { benchmark in
        let stream = RandomStream()
        var x: UInt64 = 0
        for i in benchmark.scaledIterations {
            stream.reset(seed: 20_251_129, trial: UInt64(i), key: 0xDEAD_BEEF)
            x ^= stream.next()
        }
        blackHole(x)
    }

    // Samplers.
    draws("Sampler: binomial(1e7, 0.05)") { Double($0.binomial(10_000_000, 0.05)) }
    draws("Sampler: binomial(1e5, 0.3)") { Double($0.binomial(100_000, 0.3)) }
    draws("Sampler: binomial(20, 0.1) (inversion)") { Double($0.binomial(20, 0.1)) }
    draws("Sampler: poisson(5e4)") { Double($0.poisson(50_000)) }
    draws("Sampler: poisson(5) (multiplication)") { Double($0.poisson(5)) }
    draws("Sampler: gamma(shape 1.6e6) (revenue sum)") { $0.gamma(shape: 1e6 / 0.64, scale: 300 * 0.64) }
    draws("Sampler: gamma(shape 1.5625) (one customer)") { $0.gamma(shape: 1 / 0.64, scale: 300 * 0.64) }
    draws("Sampler: gamma(shape 0.5) (boosted)") { $0.gamma(shape: 0.5, scale: 1) }
    draws("Sampler: standardNormal()") { $0.standardNormal() }

    // Eight rows' binomials in one call (the engine's row split), in every kernel variant this
    // processor runs (the best is what the engine uses). Time per lane-draw: compare with
    // "binomial(1e7, 0.05)".
    for isa in BinomialLanes.ISA.available {
        Benchmark("Sampler: binomial lanes (\(isa)), 8 × binomial(1e6, 0.01…0.3)", configuration: perDraw) { benchmark in
            let lanes = BinomialLanes(isa: isa)
            lanes.reset(raw: BinomialLanes.Words(1, 2, 3, 4, 5, 6, 7, 8))
            let n = BinomialLanes.Counts(repeating: 1_000_000)
            let p = BinomialLanes.Doubles(0.04, 0.06, 0.03, 0.3, 0.02, 0.1, 0.01, 0.05)
            let all = BinomialLanes.Mask(repeating: true)
            var sum = BinomialLanes.Counts()
            for _ in 0..<(benchmark.scaledIterations.count / 8) { sum &+= lanes.binomial(n, p, active: all) }
            blackHole(sum)
        }
    }
}
