import Benchmark

/// Entry point found by the BenchmarkPlugin: every suite of clvsim.
let benchmarks: @Sendable () -> Void = {
    samplerBenchmarks()
    studyBenchmarks()
    calibrationBenchmarks()
}
