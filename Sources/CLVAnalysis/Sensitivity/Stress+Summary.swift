import Foundation

extension Stress.Applied {
    /// `segments.mass.arrivals.onboarding = 352.4 (P10 of gamma(450, 80))`.
    public var summary: String { StressResult(self).summary }
}

extension StressResult {
    /// The same line from the results.
    public var summary: String {
        let what: String
        switch percentile {
        case .percentile(let p): what = "P\(JSON.format(p * 100)) of \(text)"
        case .mean: what = "mean of \(text)"
        case .value: what = "was \(text)"
        }
        return "\(input) = \(String(format: "%.6g", value)) (\(what))"
    }
}
