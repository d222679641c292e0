import CLVModel
/// Renders a document as GitHub-flavoured Markdown, with each chart as a separate SVG file.
public enum MarkdownRenderer {
    /// `report.md` and the chart files it links to (`name.svg`, beside it).
    public struct Output: Sendable {
        public var markdown: String
        public var files: [(name: String, contents: String)]
    }

    public static func render(_ d: Document) -> Output {
        var out: [String] = ["# \(escape(d.title))", ""]
        for m in d.meta { out.append("- **\(escape(m.label)):** \(escape(m.value))") }
        out.append("")
        if let p = d.provenance { out += table(p) }
        var files: [(String, String)] = []
        for (i, section) in d.sections.enumerated() {
            out += ["## \(i + 1). \(escape(section.title))", ""]
            for block in section.blocks {
                switch block {
                case .heading(let h): out += ["### \(escape(h))", ""]
                case .paragraph(let inl): out += [inline(inl), ""]
                case .list(let items): out += items.map { "- " + inline($0) } + [""]
                case .keyFigures(let figs):
                    out += figs.map { "- **\(escape($0.label))** — \(escape($0.value)) (\(escape($0.detail)))" } + [""]
                case .table(let t): out += table(t)
                case .chart(let c):
                    files.append(("\(c.name).svg", c.svg))
                    out += ["![\(escape(c.title))](\(c.name).svg)", "", "*\(escape(c.description))*", ""]
                case .note(let n): out += ["*\(escape(n))*", ""]
                }
            }
        }
        while out.last == "" { out.removeLast() }
        return Output(markdown: out.joined(separator: "\n") + "\n", files: files)
    }

    static func inline(_ parts: [Inline]) -> String {
        parts.map {
            switch $0 {
            case .text(let s): escape(s)
            case .strong(let s): "**\(escape(s))**"
            case .code(let s): "`\(s.replacingAll("`", with: "'"))`"
            }
        }.joined()
    }

    static func table(_ t: Table) -> [String] {
        var out: [String] = []
        if let c = t.caption { out += ["**\(escape(c))**", ""] }
        out.append("| " + t.header.map(escape).joined(separator: " | ") + " |")
        out.append("|" + t.header.indices.map { t.numeric.contains($0) ? "---:" : ":---" }.joined(separator: "|") + "|")
        for r in t.rows { out.append("| " + r.map(escape).joined(separator: " | ") + " |") }
        out.append("")
        return out
    }

    /// Backslash-escapes the Markdown punctuation that can change meaning inside a line (so a
    /// `|` in a name cannot break a table and `<script>` shows as text); `#` and `>` only at the
    /// start, where they would make a heading or a quote. `P(NPV > 0)` stays readable in a diff.
    /// Line breaks become spaces.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", "|", "&", "~":
                out.append("\\")
                out.append(ch)
            case "#", ">", "+", "-":
                if out.isEmpty { out.append("\\") }
                out.append(ch)
            case "\n", "\r", "\r\n": out.append(" ")
            default:
                // Controls, bidi controls and non-characters are shown escaped (`\u001B`), never raw.
                if ch.unicodeScalars.contains(where: TextSafety.isUnsafe) { out += TextSafety.escaped(String(ch)) } else { out.append(ch) }
            }
        }
        return out
    }
}

extension String {
    func replacingAll(_ a: Character, with b: String) -> String {
        var out = ""
        for ch in self { if ch == a { out += b } else { out.append(ch) } }
        return out
    }
}
