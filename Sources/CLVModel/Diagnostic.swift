/// A position in a source file: 1-based line and column (columns count Unicode scalars, as libYAML does).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file as the user named it (relative to the working directory where it was given so).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The line and column (in Unicode scalars) of byte `offset` of a file's UTF-8 `bytes`, well
    /// formed up to there.
    public init(ofByte offset: Int, in bytes: [UInt8], file: String) {
        let before = bytes[..<offset]
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        self.init(file: file, line: before.filter { $0 == 0x0A }.count + 1,
                  column: String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1)
    }

    /// `file:line:col`, or `file` alone when no position is known (line 0).
    public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in the input, printed compiler style:
/// `file:line:col: error: <key path>: <message>`.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    /// Dotted path of the key concerned (`segments.mass.transitions.active`); empty for file-level problems.
    public var keyPath: String
    public var message: String

    public init(_ severity: Severity = .error, at location: SourceLocation, path keyPath: String = "", _ message: String) {
        self.severity = severity
        self.location = location
        self.keyPath = keyPath
        self.message = message
    }

    /// One line; any control, bidi-control or non-character (in a file name, say) is shown escaped.
    public var description: String {
        TextSafety.escaped(keyPath.isEmpty
            ? "\(location): \(severity.rawValue): \(message)"
            : "\(location): \(severity.rawValue): \(keyPath): \(message)")
    }
}

/// Every problem found in a set of files; thrown when at least one is an error.
public struct Diagnostics: Sendable, Error, CustomStringConvertible {
    public var items: [Diagnostic]
    public init(_ items: [Diagnostic]) { self.items = items }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }
    public var description: String { items.map(\.description).joined(separator: "\n") }
}
