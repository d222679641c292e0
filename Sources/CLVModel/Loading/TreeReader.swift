/// Typed access to a `YNode` that reports mismatches to a `DiagnosticSink` and returns nil,
/// so decoding can go on and report every problem. `path` arguments are the dotted key paths
/// shown in diagnostics (`segments.mass.value.active.revenue`, `costs[1].amount`).
struct TreeReader {
    let sink: DiagnosticSink
    /// The scenario's parameters, which uncertain numbers may name.
    var scope = ParameterScope()

    /// Entries of a mapping; a key with no value counts as an empty mapping.
    func mapping(_ node: YNode, _ path: String) -> [YEntry]? {
        if node.isNull { return [] }
        guard let entries = node.entries else {
            sink.error(at: node.location, path: path, "expected a mapping, found \(node.kindName)")
            return nil
        }
        return entries
    }

    /// Items of a list; a key with no value counts as an empty list.
    func list(_ node: YNode, _ path: String) -> [YNode]? {
        if node.isNull { return [] }
        guard let items = node.items else {
            sink.error(at: node.location, path: path, "expected a list, found \(node.kindName)")
            return nil
        }
        return items
    }

    func string(_ node: YNode, _ path: String) -> String? {
        guard case .scalar(let s, _) = node.kind, !node.isNull else {
            sink.error(at: node.location, path: path, "expected text, found \(node.kindName)")
            return nil
        }
        return s
    }

    /// A fixed number (no distribution): a number, or an expression over numbers and parameters
    /// that never vary (docs/scenario-format.md, "Parameters and expressions").
    func number(_ node: YNode, _ path: String) -> Double? {
        if case .scalar(let s, _) = node.kind, !node.isNull {
            switch NumberText.parse(s) {
            case .number(let x): return x
            case .invalid(let message): sink.error(at: node.location, path: path, message); return nil
            case .notANumber: break
            }
            let t = s.trimmingSpaces
            let call = t.firstIndex(of: "(").map { String(t[..<$0]).trimmingSpaces }
            let isDistribution = call.map { name in DistributionParser.signatures.contains { $0.key == name } } ?? false
            let fixed = "needs a fixed number: write a number or an expression of numbers and parameters that do not vary"
            if isDistribution {
                sink.error(at: node.location, path: path, "\(fixed); '\(t)' is a distribution, drawn anew in each trial")
                return nil
            }
            if Self.looksLikeDate(t) {
                // 2025-01-01 would otherwise be read as the arithmetic 2025 − 1 − 1 = 2023.
                sink.error(at: node.location, path: path, "'\(t)' looks like a date; write a number (periods count from 1)")
                return nil
            }
            let looksLikeExpression = !scope.isEmpty || t.contains(where: { "+-−*×/÷()".contains($0) })
            if looksLikeExpression {
                switch DistributionParser.parse(s, scope: scope) {
                case .success(.distribution(.constant(let x))): return x
                case .success(.formula(let f, _)):
                    let names = f.parameterNames.filter(scope.uncertain.contains)
                    let named = names.isEmpty ? "it names uncertain parameters"
                        : "it names the uncertain parameter\(names.count > 1 ? "s" : "") " + names.map { "'\($0)'" }.joined(separator: ", ")
                    sink.error(at: node.location, path: path, "\(fixed); \(named), drawn anew in each trial")
                    return nil
                case .success:
                    sink.error(at: node.location, path: path, "\(fixed), found '\(t)'")
                    return nil
                case .failure(let f):
                    sink.error(at: Self.location(of: f.offset, in: node), path: path, f.message)
                    return nil
                }
            }
        }
        sink.error(at: node.location, path: path, "expected a number, found \(node.kindName)")
        return nil
    }

    /// A calendar date written where a number belongs: `2025-01-01`, `2025/1/31`, `31/01/2025`, or a
    /// month `2025-01` (a year from 1900 to 2199 and a two-digit month).
    static func looksLikeDate(_ t: String) -> Bool {
        for separator: Character in ["-", "/"] {
            let parts = t.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { continue }
            if parts.count == 3 {
                let short = { (p: Substring) in p.count <= 2 }
                if parts[0].count == 4 && short(parts[1]) && short(parts[2]) { return true }
                if parts[2].count == 4 && short(parts[0]) && short(parts[1]) { return true }
            } else if parts[0].count == 4, let year = Int(parts[0]), (1900...2199).contains(year),
                      parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) {
                return true
            }
        }
        return false
    }

    /// A whole number (periods, trials, seeds), possibly an expression of fixed numbers.
    func integer(_ node: YNode, _ path: String) -> Int? {
        guard let x = number(node, path) else { return nil }
        if x == x.rounded(), abs(x) >= 9.0e15 {
            sink.error(at: node.location, path: path, "whole number \(node.scalarText?.trimmingSpaces ?? fmt(x)) is out of range")
            return nil
        }
        guard x == x.rounded() else {
            let written = node.scalarText?.trimmingSpaces ?? ""
            var shown = " (the value of '\(written)')"
            if case .number = NumberText.parse(written) { shown = "" }
            sink.error(at: node.location, path: path, "expected a whole number, found \(fmt(x))\(shown)")
            return nil
        }
        return Int(x)
    }

    /// An uncertain number: a constant or a distribution string (model.md 2.4), keyed by `inputPath`.
    func uncertain(_ node: YNode, _ path: String, input inputPath: String) -> Uncertain? {
        guard case .scalar(let s, _) = node.kind, !node.isNull else {
            sink.error(at: node.location, path: path, "expected a number or a distribution, found \(node.kindName)")
            return nil
        }
        switch DistributionParser.parse(s, scope: scope) {
        case .success(.distribution(let d)):
            return Uncertain(path: inputPath, distribution: d, text: s.trimmingSpaces, location: node.location)
        case .success(.formula(let f, let d)):
            return Uncertain(path: inputPath, distribution: d, text: s.trimmingSpaces, location: node.location, formula: f)
        case .success(.dirichlet):
            sink.error(at: node.location, path: path, "dirichlet(...) stands for a whole transition row, not one number")
        case .failure(let f):
            sink.error(at: Self.location(of: f.offset, in: node), path: path, f.message)
        }
        return nil
    }

    /// Where `offset` (Unicode scalars from the start of a scalar's text) falls in the file: the
    /// scalar's column, one more for an opening quote, plus the offset (escapes in a double-quoted
    /// scalar would shift it: write expressions plain or single-quoted). A multi-line scalar points
    /// at the scalar itself.
    static func location(of offset: Int?, in node: YNode) -> SourceLocation {
        guard let offset, case .scalar(let s, let quoted) = node.kind, !s.contains("\n") else { return node.location }
        var at = node.location
        at.column += offset + (quoted ? 1 : 0)
        return at
    }

    /// Reports keys not in `allowed` (with a suggestion) at the key's position.
    func checkKeys(_ entries: [YEntry], allowed: [String], _ path: String) {
        for e in entries where !allowed.contains(e.key) {
            sink.error(at: e.keyLocation, path: path, "unknown key '\(e.key)'" + Suggest.didYouMean(e.key, among: allowed))
        }
    }

    /// The entry `key`, or an error at the mapping's position when missing.
    func required(_ entries: [YEntry], _ key: String, in node: YNode, _ path: String) -> YEntry? {
        if let e = entries.first(where: { $0.key == key }), !e.value.isNull { return e }
        sink.error(at: node.location, path: path, "missing key '\(key)'")
        return nil
    }
}

/// `parent.key`, or `key` at the top level.
func child(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : parent + "." + key }
