internal import Yams

/// Our own YAML tree: what the decoders read. Every node keeps the position where it was written,
/// so that after an `extends` merge an error still points into the file that wrote the value.
struct YNode: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A scalar's text; `quoted` for single- or double-quoted (and block) scalars, which are never numbers or null.
        case scalar(String, quoted: Bool)
        /// Entries in the order written; keys are unique (duplicates are reported while reading).
        case mapping([YEntry])
        case sequence([YNode])
    }

    var kind: Kind
    var location: SourceLocation

    /// True for a plain empty scalar, `~` or `null` (a key written with no value).
    var isNull: Bool {
        if case .scalar(let s, false) = kind { return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL" }
        return false
    }

    var scalarText: String? {
        if case .scalar(let s, _) = kind { return s }
        return nil
    }

    var entries: [YEntry]? {
        if case .mapping(let e) = kind { return e }
        return nil
    }

    var items: [YNode]? {
        if case .sequence(let n) = kind { return n }
        return nil
    }

    /// The value under `key` when this is a mapping.
    subscript(key: String) -> YNode? { entries?.first { $0.key == key }?.value }

    /// The entry under `key` when this is a mapping.
    func entry(_ key: String) -> YEntry? { entries?.first { $0.key == key } }

    /// What the node is, for "expected a number, found a mapping" messages.
    var kindName: String {
        switch kind {
        case .scalar(let s, _): isNull ? "nothing" : TextSafety.quoted(s)
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// One `key: value` of a mapping, with the position of the key itself.
struct YEntry: Sendable, Hashable {
    var key: String
    var keyLocation: SourceLocation
    var value: YNode
}

/// Limits that keep a hostile or broken file from exhausting memory or the stack.
enum YAMLLimits {
    static let maxBytes = 10 * 1024 * 1024
    /// Aliases are expanded into the tree; a "billion laughs" file hits this cap.
    static let maxNodes = 1_000_000
    static let maxDepth = 200
}

/// Turns a Yams node into a `YNode`, counting nodes and depth against `YAMLLimits`.
struct YAMLTreeBuilder {
    enum Failure: Error { case problem(String, SourceLocation) }

    let file: String
    /// Maps a position in the text Yams parsed back to the file (see `DuplicateKeys`).
    let locate: (Int, Int) -> (Int, Int)
    private(set) var count = 0
    /// Whether the text holds an alias (`*name`), for the message when the node cap is hit.
    var hasAliases = true

    init(file: String, locate: @escaping (Int, Int) -> (Int, Int) = { ($0, $1) }) {
        self.file = file
        self.locate = locate
    }

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file, line: 1, column: 1) }
        let (line, column) = locate(mark.line, mark.column)
        return SourceLocation(file: file, line: line, column: column)
    }

    mutating func build(_ node: Node, depth: Int = 0) throws(Failure) -> YNode {
        count += 1
        let here = location(node.mark)
        if count > YAMLLimits.maxNodes {
            throw .problem("document has more than \(YAMLLimits.maxNodes) keys and values"
                           + (hasAliases ? " once its aliases are expanded" : "") + "; clvsim files are far smaller", here)
        }
        if depth > YAMLLimits.maxDepth {
            throw .problem("nesting deeper than \(YAMLLimits.maxDepth) levels", here)
        }
        switch node {
        case .scalar(let s):
            return YNode(kind: .scalar(s.string, quoted: s.style != .plain && s.style != .any), location: here)
        case .alias:
            throw .problem("unexpected alias", here)
        case .sequence(let seq):
            var items: [YNode] = []
            for child in seq { items.append(try build(child, depth: depth + 1)) }
            return YNode(kind: .sequence(items), location: here)
        case .mapping(let map):
            var entries: [YEntry] = []
            for (k, v) in map {
                guard case .scalar(let key) = k else {
                    throw .problem("a mapping key must be a plain word, found a \(k.mapping != nil ? "mapping" : "list")", location(k.mark))
                }
                if key.string == "<<", key.style == .plain {
                    throw .problem("merge keys '<<' are not supported; use 'extends'", location(k.mark))
                }
                count += 1
                entries.append(YEntry(key: key.string, keyLocation: location(k.mark), value: try build(v, depth: depth + 1)))
            }
            return YNode(kind: .mapping(entries), location: here)
        }
    }
}
