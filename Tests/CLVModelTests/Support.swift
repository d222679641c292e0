import Foundation
@testable import CLVModel

/// The fixtures folder (a `.copy` resource) and helpers to name files in it.
enum Fixtures {
    static let root: String = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path

    static func path(_ name: String) -> String { root + "/" + name }

    /// Diagnostics of `validate` as printed lines, with the fixtures root replaced by `$F`.
    static func lines(_ files: [String]) -> [String] {
        Loader.validate(paths: files.map(path)).map { $0.description.replacingOccurrences(of: root, with: "$F") }
    }
}
