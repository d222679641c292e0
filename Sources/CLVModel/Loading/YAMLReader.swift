import Foundation
internal import Yams

/// Reads one YAML file into a `YNode`, turning every failure into a positioned `Diagnostic`:
/// unreadable, too large, empty, not UTF-8, YAML syntax errors, duplicate keys, alias bombs,
/// deep nesting, and a top level that is not a mapping.
enum YAMLReader {
    /// The parsed tree, or the problems that stopped it. `bytes` are the file's content.
    static func parse(_ bytes: [UInt8], file: String) -> Result<YNode, Diagnostics> {
        let start = SourceLocation(file: file, line: 1, column: 1)
        func fail(_ message: String, _ at: SourceLocation? = nil) -> Result<YNode, Diagnostics> {
            .failure(Diagnostics([Diagnostic(at: at ?? start, message)]))
        }
        if bytes.count > YAMLLimits.maxBytes { return fail("file is larger than 10 MB") }
        // A UTF-8 byte-order mark (as some Windows editors write) is skipped.
        let bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let bad = firstInvalidUTF8(bytes) {
            return fail("file is not valid UTF-8", location(ofByte: bad, in: bytes, file: file))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.allSatisfy({ $0.isWhitespace }) { return fail("file is empty") }
        if let (u, at) = firstUnprintable(text, file: file) {
            return fail("contains \(TextSafety.describe(u)); YAML files may not hold it raw, "
                        + "and names and text in clvsim files may not hold it at all", at)
        }
        if let (line, column) = NestingScan.firstTooDeep(text) {
            return fail("nesting deeper than \(YAMLLimits.maxDepth) levels", SourceLocation(file: file, line: line, column: column))
        }

        var duplicates = DuplicateKeys(text: text)
        var composed: Node?
        while true {
            do {
                composed = try Yams.compose(yaml: duplicates.text, .default, .default, .utf8)
                break
            } catch let error as YamlError {
                if case .duplicatedKeysInMapping(let keys, let context) = error,
                   duplicates.rename(keys.sorted().first ?? "", at: context.mark) {
                    continue
                }
                return .failure(Diagnostics([diagnostic(error, file: file, duplicates: duplicates)]))
            } catch {
                return fail("\(error)")
            }
        }
        guard let composed else { return fail("file is empty") }
        var builder = YAMLTreeBuilder(file: file, locate: duplicates.originalPosition)
        builder.hasAliases = text.contains("*")
        let tree: YNode
        do {
            tree = try builder.build(composed)
        } catch {
            guard case .problem(let message, let at) = error else { return fail("\(error)") }
            return fail(message, at)
        }
        var problems: [Diagnostic] = []
        let cleaned = duplicates.restore(tree, problems: &problems)
        if !problems.isEmpty { return .failure(Diagnostics(problems)) }
        let unsafe = TextCheck.problems(cleaned)
        if !unsafe.isEmpty { return .failure(Diagnostics(unsafe)) }
        guard case .mapping = cleaned.kind else {
            return fail("a clvsim file must be a mapping of keys (such as 'schema: clvsim/1'), found \(cleaned.kindName)")
        }
        return .success(cleaned)
    }

    /// A Yams error as `file:line:col: error: <problem>` at the problem's position.
    static func diagnostic(_ error: YamlError, file: String, duplicates: DuplicateKeys) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            let (l, c) = duplicates.originalPosition(mark.line, mark.column)
            return SourceLocation(file: file, line: l, column: c)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if let tab = indentationTab(duplicates.text, line: mark.line) {
                let (l, c) = duplicates.originalPosition(mark.line, tab)
                return Diagnostic(at: SourceLocation(file: file, line: l, column: c),
                                  "tab used for indentation; YAML indents with spaces")
            }
            let while_ = context.map { " (\($0.text) at line \(duplicates.originalPosition($0.mark.line, $0.mark.column).0))" } ?? ""
            return Diagnostic(at: at(mark), "YAML syntax error: \(problem)\(while_)")
        case .reader(let problem, _, _, _):
            return Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "YAML reader error: \(problem)")
        case .duplicatedKeysInMapping(let keys, let context):
            return Diagnostic(at: at(context.mark), "duplicate key '\(keys.sorted().first ?? "")'")
        default:
            return Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "YAML error: \(error)")
        }
    }

    /// The 1-based column of a tab in the leading whitespace of `line`, if any: libYAML's messages
    /// for tab indentation ("found character that cannot start any token") do not say so.
    static func indentationTab(_ text: String, line: Int) -> Int? {
        guard line >= 1 else { return nil }
        var current = 1
        var column = 0
        for ch in text.unicodeScalars {
            if current > line { break }
            if ch == "\n" { current += 1; column = 0; continue }
            guard current == line else { continue }
            column += 1
            if ch == "\t" { return column }
            if ch != " " { return nil }
        }
        return nil
    }

    /// The first scalar YAML does not allow in a file (YAML 1.2 §5.1: tab, line breaks and printable
    /// characters only) with its position; libYAML's own message ("control characters are not
    /// allowed") names neither the character nor where it is.
    static func firstUnprintable(_ text: String, file: String) -> (Unicode.Scalar, SourceLocation)? {
        var line = 1, column = 0
        for u in text.unicodeScalars {
            column += 1
            let v = u.value
            let printable = v == 0x9 || v == 0xA || v == 0xD || (0x20...0x7E).contains(v) || v == 0x85
                || (0xA0...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
            if !printable || TextSafety.isUnsafe(u) && v != 0x9 && v != 0xA && v != 0xD && v != 0x85 && !isBidi(v) {
                return (u, SourceLocation(file: file, line: line, column: column))
            }
            if u == "\n" { line += 1; column = 0 }
        }
        return nil
    }

    /// Bidi controls are printable for YAML (and allowed in comments); `TextCheck` refuses them in values.
    private static func isBidi(_ v: UInt32) -> Bool {
        v == 0x200E || v == 0x200F || v == 0x061C || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Byte offset of the first byte that is not part of well-formed UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// Line and column (in Unicode scalars) of a byte offset in well-formed-up-to-there UTF-8.
    static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        SourceLocation(ofByte: offset, in: bytes, file: file)
    }
}

extension Mark: MarkLike {}
