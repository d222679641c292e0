// swift-tools-version: 6.1
import PackageDescription

/// clvsim's benchmark suites (ordo-one/benchmark), kept out of the main package so that
/// `swift build` there stays lean. Run with `make bench` (Benchmarks/bench.mk) or
/// `cd Benchmarks && swift package benchmark`.
///
/// Needs the root package to vend CLVNumerics, CLVModel, CLVEngine, CLVAnalysis, CLVReport and CLVCalibration as products.
let package = Package(
    name: "clvsim-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        // Named: a path dependency's identity is its folder name, which differs between work trees and CI.
        .package(name: "clvsim", path: ".."),
        // The interposer trait alone: the default traits add a runtime interposer package
        // that is not among the machine's local package copies.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CLVBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CLVNumerics", package: "clvsim"),
                .product(name: "CLVModel", package: "clvsim"),
                .product(name: "CLVEngine", package: "clvsim"),
                .product(name: "CLVAnalysis", package: "clvsim"),
                .product(name: "CLVReport", package: "clvsim"),
                .product(name: "CLVCalibration", package: "clvsim"),
            ],
            path: "Benchmarks/CLVBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
