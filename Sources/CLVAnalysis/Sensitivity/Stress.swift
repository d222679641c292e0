import CLVEngine
public import CLVModel
import Foundation

/// Stress tests (`--stress PATH=P90`): the study run with one input fixed, in every trial and in
/// every scenario that has it, at a percentile of its own distribution (`P90`, `P2.5`), at its
/// mean (`mean`), or at a number (`0.05`). A stressed input is a constant: every draw equals
/// the value, and the expected-value path, the tornado and the break-even use it too.
public struct Stress: Sendable, Hashable {
    public enum Level: Sendable, Hashable {
        case percentile(Double)    // 0...1
        case mean
        case value(Double)
    }
    public var path: String
    public var level: Level

    public init(path: String, level: Level) { self.path = path; self.level = level }

    /// Parses `PATH=P90`, `PATH=mean` or `PATH=0.05` (split at the last `=`).
    public init(parsing text: String) throws(StressError) {
        guard let eq = text.lastIndex(of: "=") else { throw StressError("--stress \(text): expected PATH=P90, PATH=mean or PATH=NUMBER") }
        path = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        let v = String(text[text.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { throw StressError("--stress \(text): missing input path") }
        if v.lowercased() == "mean" {
            level = .mean
        } else if let f = v.first, f == "P" || f == "p", let q = Double(v.dropFirst()) {
            guard (0...100).contains(q) else { throw StressError("--stress \(text): percentile must lie in 0...100") }
            level = .percentile(q / 100)
        } else if let x = Double(v), x.isFinite {
            // The same limit as a number in a file (DistributionParser.maxMagnitude): beyond it the
            // engine's arithmetic and every figure of the report can overflow.
            guard abs(x) <= 1e15 else {
                throw StressError("--stress \(text): number '\(v)' is beyond ±1e15, the largest magnitude clvsim accepts")
            }
            level = .value(x)
        } else {
            throw StressError("--stress \(text): '\(v)' is not P<percentile>, mean or a number")
        }
    }

    /// What was fixed, for results and reports.
    public struct Applied: Sendable {
        public var path: String
        public var level: Level
        /// The value the input was fixed at (in the first scenario that has it).
        public var value: Double
        /// The distribution as written before the stress.
        public var text: String
    }

    /// `study` with every stress applied, in order; throws on an unknown path, a Dirichlet row,
    /// a risk occurrence draw, a path stressed twice, or a value that is not finite.
    public static func apply(_ stresses: [Stress], to study: Study) throws(StressError) -> (Study, [Applied]) {
        var s = study
        var applied: [Applied] = []
        for st in stresses {
            if applied.contains(where: { $0.path == st.path }) { throw StressError("--stress \(st.path): given twice") }
            let dirichlet = Set(study.scenarios.flatMap(\.dirichletPaths)), occurs = Set(study.scenarios.flatMap { $0.risks.map(\.occursPath) })
            if dirichlet.contains(st.path) {
                throw StressError("--stress \(st.path): a Dirichlet row cannot be fixed at a percentile")
            }
            if occurs.contains(st.path) {
                let name = st.path.dropFirst("risks.".count).dropLast(".occurs".count)
                throw StressError("--stress \(st.path): to make a risk occur in every trial, use --stress 'risks.\(name).probability=1'")
            }
            var first: (Double, String)?
            var bad: String?
            let replaced = s.replacingInput(st.path) { d in
                let x: Double
                switch st.level {
                case .percentile(let p): x = d.quantile(p)
                case .mean: x = d.mean
                case .value(let v): x = v
                }
                if !x.isFinite { bad = "\(d)" }
                if first == nil { first = (x, "\(d)") }
                return .constant(x)
            }
            guard let replaced else {
                let known = study.inputPaths
                throw StressError("--stress \(st.path): unknown input path" + Self.suggestion(st.path, known))
            }
            if let bad { throw StressError("--stress \(st.path): the value is not finite for \(bad)") }
            let text = study.scenarios.lazy.flatMap(\.uncertainInputs).first { $0.path == st.path }?.text ?? first!.1
            s = replaced
            applied.append(Applied(path: st.path, level: st.level, value: first!.0, text: text))
        }
        return (s, applied)
    }

    static func suggestion(_ p: String, _ known: [String]) -> String {
        func distance(_ a: String, _ b: String) -> Int {
            let a = Array(a), b = Array(b)
            if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
            var prev = Array(0...b.count)
            for i in 1...a.count {
                var cur = [i] + Array(repeating: 0, count: b.count)
                for j in 1...b.count { cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) }
                prev = cur
            }
            return prev[b.count]
        }
        let best = known.map { ($0, distance(p, $0)) }.min { $0.1 < $1.1 }
        if let best, best.1 <= max(3, p.count / 5) { return " (did you mean '\(best.0)'?)" }
        return " (see 'Input paths' in docs/scenario-format.md)"
    }
}

/// A `--stress` that cannot be applied.
public struct StressError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
