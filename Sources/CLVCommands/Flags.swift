import ArgumentParser
import CLVAnalysis
import CLVReport
import Foundation

/// Typed flag values: each parses and checks itself, so commands receive values, not text.

extension ReportLocale {
    /// `--locale`'s value: en or zh-Hans (also zh, zh-CN).
    static func parse(_ text: String) throws -> ReportLocale {
        guard let l = ReportLocale(tag: text) else { throw ValidationError("--locale must be en or zh-Hans") }
        return l
    }
}

/// A share written as `0.5%` or `0.005`, strictly between 0 and 1 (`--precision`).
struct Share: ExpressibleByArgument, Sendable, Hashable {
    var value: Double
    init?(argument: String) {
        let p = argument.trimmingCharacters(in: .whitespaces)
        let v = p.hasSuffix("%") ? Double(p.dropLast()).map { $0 / 100 } : Double(p)
        guard let v, v > 0, v < 1 else { return nil }
        value = v
    }
    static var defaultValueDescription: String { "a share such as 0.5% or 0.005" }
}

extension Stress {
    /// `--stress`'s value, with the parser's own message on a bad one.
    static func parse(_ text: String) throws -> Stress {
        do { return try Stress(parsing: text) } catch { throw ValidationError(error.description) }
    }
}
