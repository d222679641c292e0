/// Collects every problem of a load; decoding goes on after an error so that all are reported.
final class DiagnosticSink {
    private(set) var items: [Diagnostic] = []

    var hasErrors: Bool { items.contains { $0.severity == .error } }

    func error(at location: SourceLocation, path: String = "", _ message: String) {
        items.append(Diagnostic(.error, at: location, path: path, message))
    }

    func warning(at location: SourceLocation, path: String = "", _ message: String) {
        items.append(Diagnostic(.warning, at: location, path: path, message))
    }

    func add(_ more: [Diagnostic]) { items.append(contentsOf: more) }

    /// Sorted by file, line, column (then message), without repeats: a file read twice
    /// (a baseline that plans extend) reports each problem once.
    var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return items.filter { seen.insert($0).inserted }.sorted {
            ($0.location, $0.keyPath, $0.message) < ($1.location, $1.keyPath, $1.message)
        }
    }
}

/// "did you mean" suggestions by Levenshtein distance.
enum Suggest {
    /// ` (did you mean 'x'?)` for the closest candidate within distance 2 (1 for short words), else "".
    static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String {
        let limit = word.count <= 3 ? 1 : 2
        var best: (String, Int)?
        for c in candidates {
            let d = distance(word.lowercased(), c.lowercased())
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best.map { " (did you mean '\($0.0)'?)" } ?? ""
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
