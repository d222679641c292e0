/// Finds every duplicate key in a file, reporting each at its *second* occurrence.
///
/// Yams rejects a mapping with duplicate keys and reports only the first occurrence of one of them.
/// To report the repeat, the first occurrence is renamed in a copy of the text (a prefix inserted before
/// the key, so later columns on that line shift by the prefix length, which `originalPosition` undoes),
/// the text is parsed again, and `restore` finds the renamed key's repeats in the finished tree.
struct DuplicateKeys {
    private(set) var text: String
    /// Insertions made so far: (line, column where inserted, length), in the coordinates of the text at that time.
    private var insertions: [(line: Int, column: Int, length: Int)] = []
    /// Placeholder key → the key as written.
    private var placeholders: [String: String] = [:]

    init(text: String) { self.text = text }

    /// Renames the occurrence of `key` at `mark` (1-based line and column); false when this is not possible.
    mutating func rename(_ key: String, at mark: some MarkLike) -> Bool {
        guard placeholders.count < 1000, !key.isEmpty else { return false }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).unicodeScalars) }
        let li = mark.line - 1
        guard li >= 0, li < lines.count, mark.column >= 1, mark.column <= lines[li].count else { return false }
        var column = mark.column
        let first = lines[li][column - 1]
        if first == "\"" || first == "'" { column += 1 } else if !String(String.UnicodeScalarView(lines[li][(column - 1)...])).hasPrefix(key) {
            return false
        }
        let prefix = "__clvsim_dup\(placeholders.count)__"
        placeholders[prefix + key] = key
        lines[li].insert(contentsOf: prefix.unicodeScalars, at: column - 1)
        insertions.append((mark.line, column, prefix.unicodeScalars.count))
        text = lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
        return true
    }

    /// Maps a (line, column) of the edited text back to the file.
    func originalPosition(_ line: Int, _ column: Int) -> (Int, Int) {
        var column = column
        for ins in insertions.reversed() where ins.line == line && column > ins.column {
            column -= ins.length
        }
        return (line, column)
    }

    /// Puts the renamed keys back and drops their repeats, reporting each repeat.
    func restore(_ node: YNode, path: String = "", problems: inout [Diagnostic]) -> YNode {
        if placeholders.isEmpty { return node }
        switch node.kind {
        case .scalar: return node
        case .sequence(let items):
            var out = node
            out.kind = .sequence(items.enumerated().map { restore($1, path: path + "[\($0)]", problems: &problems) })
            return out
        case .mapping(let entries):
            var kept: [YEntry] = []
            for var e in entries {
                if let original = placeholders[e.key] { e.key = original }
                if let first = kept.first(where: { $0.key == e.key }) {
                    problems.append(Diagnostic(at: e.keyLocation, path: path,
                                               "duplicate key '\(e.key)' (first at line \(first.keyLocation.line), column \(first.keyLocation.column))"))
                    continue
                }
                e.value = restore(e.value, path: path.isEmpty ? e.key : path + "." + e.key, problems: &problems)
                kept.append(e)
            }
            var out = node
            out.kind = .mapping(kept)
            return out
        }
    }
}

/// A 1-based position (Yams' `Mark` conforms), so this file needs no Yams import in its signatures.
protocol MarkLike {
    var line: Int { get }
    var column: Int { get }
}
