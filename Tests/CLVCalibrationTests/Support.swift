import CLVModel
import Foundation

/// Temporary folders and files for the calibration tests.
enum Scratch {
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func dir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-calib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let p = dir.appendingPathComponent(name).path
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    /// Loads generated YAML with clvsim's loader (the test's own temporary copy).
    static func load(_ yaml: String) throws -> Scenario {
        let d = try dir()
        defer { try? FileManager.default.removeItem(at: d) }
        return try Loader.loadStudy(path: write(yaml, "baseline.yaml", in: d)).baseline
    }
}

extension Scenario {
    func state(_ name: String) -> Int { states.firstIndex { $0.name == name }! }
    func segment(_ name: String) -> Segment { segments.first { $0.name == name }! }
}

extension Segment {
    /// The Dirichlet weights of a row, by destination index.
    func dirichlet(_ from: Int) -> [Int: Double]? {
        for t in transitions where t.from == from {
            if case .dirichlet(let r) = t.row { return Dictionary(uniqueKeysWithValues: zip(r.destinations, r.weights)) }
        }
        return nil
    }
    func initial(_ s: Int) -> Double? { initial.first { $0.state == s }?.amount.distribution.mean }
    func arrival(_ s: Int) -> Distribution? { arrivals.first { $0.state == s }?.amount.distribution }
    func value(_ s: Int) -> StateValue? { value.first { $0.state == s } }
}
