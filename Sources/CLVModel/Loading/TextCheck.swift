/// Checks on the text of a whole file, before any decoding: no key or value may hold a control,
/// bidi-control or non-character (`TextSafety`), and names are at most `Limits.maxNameLength`
/// characters — every key, and the values of `name`, `study`, `title`, `currency`, `category`
/// and `categories`. Long names would only make reports unreadable (and each renderer's work
/// grows with them).
enum TextCheck {
    static let nameKeys: Set<String> = ["name", "study", "title", "currency", "category", "categories"]

    /// Every problem, in file order (at most 20, so that a binary file does not flood the terminal).
    static func problems(_ tree: YNode) -> [Diagnostic] {
        var out: [Diagnostic] = []
        walk(tree, "", nameLike: false, &out)
        return Array(out.prefix(20))
    }

    private static func walk(_ node: YNode, _ path: String, nameLike: Bool, _ out: inout [Diagnostic]) {
        switch node.kind {
        case .scalar(let s, _):
            if let u = TextSafety.firstUnsafe(s) {
                out.append(Diagnostic(at: node.location, path: path, "contains \(TextSafety.describe(u)); "
                                      + "text in clvsim files may not hold control, bidirectional-control or non-characters"))
            } else if nameLike && s.count > Limits.maxNameLength {
                out.append(Diagnostic(at: node.location, path: path,
                                      "is \(s.count) characters long; names are at most \(Limits.maxNameLength)"))
            }
        case .sequence(let items):
            for (i, item) in items.enumerated() { walk(item, "\(path)[\(i)]", nameLike: nameLike, &out) }
        case .mapping(let entries):
            for e in entries {
                let shown = TextSafety.escaped(String(e.key.prefix(40))) + (e.key.count > 40 ? "…" : "")
                let p = child(path, shown)
                if let u = TextSafety.firstUnsafe(e.key) {
                    out.append(Diagnostic(at: e.keyLocation, path: path, "key '\(shown)' contains \(TextSafety.describe(u)); "
                                          + "names may not hold control, bidirectional-control or non-characters"))
                } else if e.key.count > Limits.maxNameLength {
                    out.append(Diagnostic(at: e.keyLocation, path: path,
                                          "key '\(shown)' is \(e.key.count) characters long; names are at most \(Limits.maxNameLength)"))
                }
                walk(e.value, p, nameLike: nameKeys.contains(e.key), &out)
            }
        }
    }
}

/// Names that appear inside input paths (`segments.NAME.transitions.FROM.TO`, `risks.NAME.delay`,
/// `costs.CATEGORY#0.amount`) may not hold the characters that separate or mark the parts of a
/// path or an effect target, so that two inputs never share a path.
enum NameRules {
    /// Forbidden in state and segment names: path separators, effect-target syntax, and the
    /// punctuation of `dirichlet(state: w)` and `--stress PATH=LEVEL`.
    static let identifier: Set<Character> = [".", "*", "#", "[", "]", ",", "=", ":", "(", ")"]
    /// Forbidden in risk names and cost categories, which are free text otherwise.
    static let label: Set<Character> = [".", "#", "="]

    /// Reports `name` when it is empty or holds a forbidden character.
    static func check(_ name: String, _ what: String, forbidden: Set<Character>, at location: SourceLocation,
                      path: String, _ sink: DiagnosticSink) {
        if name.trimmingSpaces.isEmpty {
            sink.error(at: location, path: path, "\(what) name is empty")
        } else if let c = name.first(where: forbidden.contains) {
            let list = forbidden.sorted().map(String.init).joined(separator: " ")
            sink.error(at: location, path: path, "\(what) name '\(name)' contains '\(c)', which input paths use "
                       + "(not allowed in \(what) names: \(list))")
        }
    }
}
