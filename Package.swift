// swift-tools-version: 6.0
import PackageDescription

/// Module graph (imports point one way):
///   clvsim → CLVCommands → CLVReport → CLVAnalysis → CLVEngine → CLVModel, CLVNumerics;
///   CLVReport renders `Results` only: it does not import CLVEngine;
///   CLVAnalysis → CLVNumerics (sorting);  CLVNumerics → CGSL, CVector
/// CGSL is GSL's only door: nothing but CLVNumerics imports it. CVector (a header of clang
/// vector operations Swift's SIMD types lack) is imported by CLVNumerics only, too.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CVector"),
        .target(name: "CLVNumerics", dependencies: ["CGSL", "CVector"], swiftSettings: strict),
        .target(name: "CLVModel", dependencies: ["Yams"], swiftSettings: strict),
        .target(name: "CLVEngine", dependencies: ["CLVModel", "CLVNumerics"], swiftSettings: strict),
        .target(name: "CLVAnalysis", dependencies: ["CLVEngine", "CLVModel", "CLVNumerics"], swiftSettings: strict),
        .target(name: "CLVReport", dependencies: ["CLVAnalysis", "CLVModel"], swiftSettings: strict),
        .target(
            name: "CLVCommands",
            dependencies: [
                "CLVReport", "CLVAnalysis", "CLVEngine", "CLVModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "clvsim", dependencies: ["CLVCommands"], swiftSettings: strict),
        .testTarget(name: "CLVNumericsTests", dependencies: ["CLVNumerics"], swiftSettings: strict),
        .testTarget(name: "CLVModelTests", dependencies: ["CLVModel"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "CLVEngineTests", dependencies: ["CLVEngine", "CLVAnalysis", "CLVModel"], swiftSettings: strict),
        .testTarget(
            name: "CLVReportTests", dependencies: ["CLVReport", "CLVAnalysis", "CLVEngine", "CLVModel"],
            resources: [.copy("Snapshots")], swiftSettings: strict),
        .testTarget(name: "CLVCommandsTests", dependencies: ["CLVCommands", "CLVAnalysis", "CLVReport", "CLVModel"], swiftSettings: strict),
    ]
)
