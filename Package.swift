// swift-tools-version: 6.0
import PackageDescription

/// Module graph (imports point one way):
///   clvsim → CLVCommands → CLVReport → CLVAnalysis → CLVEngine → CLVModel, CLVNumerics;
///   CLVReport renders `Results` only: it does not import CLVEngine;
///   CLVCommands → CLVCalibration → CLVAnalysis, CLVEngine, CLVModel, CLVNumerics;
///   CLVReview (`clvsim diff`: git revisions, paired runs, attribution) → CLVReport, CLVAnalysis, CLVEngine,
///   CLVModel, and only CLVCommands imports it;
///   CLVAnalysis → CLVNumerics (sorting);  CLVNumerics → CGSL, CLVLanes
/// CGSL is GSL's only door: nothing but CLVNumerics imports it. CLVLanes (the binomial lanes'
/// C kernel, one variant per vector instruction set) is imported by CLVNumerics only, too.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
    // Release builds skip the run-time exclusivity checks (about 5% of a run: the per-period state
    // of each segment lives in class properties); debug builds, which the tests use, keep them.
    // In the manifest rather than the Makefile, so that a plain `swift build -c release` is the
    // fast build. (Allowed for the root package and for path dependencies such as Benchmarks/.)
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "clvsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "clvsim", targets: ["clvsim"]),
        .library(name: "CLVCommands", targets: ["CLVCommands"]),
        // For Benchmarks/ (a separate package that depends on this one by path).
        .library(name: "CLVNumerics", targets: ["CLVNumerics"]),
        .library(name: "CLVModel", targets: ["CLVModel"]),
        .library(name: "CLVEngine", targets: ["CLVEngine"]),
        .library(name: "CLVAnalysis", targets: ["CLVAnalysis"]),
        .library(name: "CLVReport", targets: ["CLVReport"]),
        .library(name: "CLVCalibration", targets: ["CLVCalibration"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        // The binomial lanes' kernel, compiled per vector instruction set and chosen at run time.
        .target(name: "CLVLanes"),
        .target(name: "CLVNumerics", dependencies: ["CGSL", "CLVLanes"], swiftSettings: strict),
        .target(name: "CLVModel", dependencies: ["Yams"], swiftSettings: strict),
        .target(name: "CLVEngine", dependencies: ["CLVModel", "CLVNumerics"], swiftSettings: strict),
        .target(name: "CLVAnalysis", dependencies: ["CLVEngine", "CLVModel", "CLVNumerics"], swiftSettings: strict),
        .target(name: "CLVReport", dependencies: ["CLVAnalysis", "CLVModel"], swiftSettings: strict),
        .target(name: "CLVReview", dependencies: ["CLVReport", "CLVAnalysis", "CLVEngine", "CLVModel"], swiftSettings: strict),
        // Data in: baselines calibrated from panels and transaction logs, and their backtests.
        // Only CLVCommands imports it.
        .target(name: "CLVCalibration", dependencies: ["CLVAnalysis", "CLVEngine", "CLVModel", "CLVNumerics"], swiftSettings: strict),
        .target(
            name: "CLVCommands",
            dependencies: [
                "CLVReview", "CLVReport", "CLVCalibration", "CLVAnalysis", "CLVEngine", "CLVModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "clvsim", dependencies: ["CLVCommands"], swiftSettings: strict),
        .testTarget(name: "CLVNumericsTests", dependencies: ["CLVNumerics"], swiftSettings: strict),
        .testTarget(name: "CLVModelTests", dependencies: ["CLVModel"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "CLVEngineTests", dependencies: ["CLVEngine", "CLVAnalysis", "CLVModel", "CLVNumerics"], swiftSettings: strict),
        .testTarget(
            name: "CLVReportTests", dependencies: ["CLVReport", "CLVAnalysis", "CLVEngine", "CLVModel"],
            resources: [.copy("Snapshots")], swiftSettings: strict),
        .testTarget(name: "CLVReviewTests", dependencies: ["CLVReview", "CLVCommands", "CLVReport", "CLVAnalysis", "CLVModel"], swiftSettings: strict),
        .testTarget(name: "CLVCommandsTests", dependencies: ["CLVCommands", "CLVAnalysis", "CLVReport", "CLVModel"], swiftSettings: strict),
        .testTarget(name: "CLVCalibrationTests", dependencies: ["CLVCalibration", "CLVCommands", "CLVEngine", "CLVModel"], swiftSettings: strict),
    ]
)
