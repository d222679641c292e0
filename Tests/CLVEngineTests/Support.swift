import Foundation
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// A folder of scenario files written for one test, in the system's temporary directory.
struct TempStudy {
    let dir: URL

    /// Writes `files` (name → YAML text) into a fresh folder.
    init(_ files: [String: String]) throws {
        dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("clvsim-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Loads `name` (a study or a lone scenario).
    func load(_ name: String) throws -> Study { try Loader.loadStudy(path: path(name)) }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}

/// Runs `study` with small, explicit settings.
func run(_ study: Study, trials: Int, seed: UInt64 = 1, clvSamples: Int = 200, threads: Int = 2) throws -> StudyRun {
    try Engine.run(study, options: RunOptions(trials: trials, seed: seed, clvSamples: clvSamples, threads: threads))
}

/// Loads and runs one file of a temporary study.
func run(_ files: [String: String], _ name: String, trials: Int, seed: UInt64 = 1, clvSamples: Int = 200,
         threads: Int = 2) throws -> StudyRun {
    let t = try TempStudy(files)
    defer { t.remove() }
    return try run(t.load(name), trials: trials, seed: seed, clvSamples: clvSamples, threads: threads)
}

/// The root of the package (for the example studies in `scenarios/`).
let packageRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// Sample mean and its standard error, sd/√n with the n − 1 sample sd.
func meanAndSE(_ x: [Double]) -> (mean: Double, se: Double) {
    let n = Double(x.count)
    let m = x.reduce(0, +) / n
    let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
    return (m, (v / n).squareRoot())
}

/// Records a z-score in the test output (the report lists them).
func report(_ what: String, z: Double) {
    print("z-score \(what): \(String(format: "%+.3f", z))")
}
