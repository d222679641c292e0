/// Renders a document as one self-contained, XHTML-clean HTML file: inline CSS and SVG,
/// no scripts, no external fonts, stylesheets or images.
public enum HTMLRenderer {
    public static func render(_ d: Document) -> String {
        let e = XML.escape
        var h: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"\(e(d.language))\">",
            "<head>",
            "<meta charset=\"utf-8\"/>",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
            "<title>\(e(d.title))</title>",
            "<style>\n\(HTMLStyle.css)\(HTMLStyle.page(footer: d.footer, locale: d.language))</style>",
            "</head>",
            "<body>",
            "<header class=\"cover\">",
            "<div class=\"wrap\">",
            "<p class=\"kicker\">\(e(d.meta.first?.value ?? ""))</p>",
            "<h1>\(e(d.title))</h1>",
            "<dl class=\"meta\">",
        ]
        for m in d.meta.dropFirst() { h.append("<div><dt>\(e(m.label))</dt><dd>\(e(m.value))</dd></div>") }
        h += ["</dl>", "</div>", "</header>", "<nav class=\"toc\"><div class=\"wrap\"><ol>"]
        for s in d.sections { h.append("<li><a href=\"#\(e(s.id))\">\(e(s.title))</a></li>") }
        h += ["</ol></div></nav>", "<main class=\"wrap\">"]
        for (i, s) in d.sections.enumerated() {
            h.append("<section id=\"\(e(s.id))\">")
            h.append("<h2><span class=\"num\">\(i + 1)</span> \(e(s.title))</h2>")
            for b in s.blocks { h.append(block(b)) }
            h.append("</section>")
        }
        if let p = d.provenance {
            h.append("<section id=\"provenance\" class=\"provenance\">")
            h.append(table(p))
            h.append("</section>")
        }
        h += ["</main>", "</body>", "</html>"]
        return h.joined(separator: "\n") + "\n"
    }

    static func block(_ b: Block) -> String {
        let e = XML.escape
        switch b {
        case .heading(let t): return "<h3>\(e(t))</h3>"
        case .paragraph(let parts): return "<p>\(inline(parts))</p>"
        case .list(let items): return "<ul>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ul>"
        case .note(let t): return "<p class=\"note\">\(e(t))</p>"
        case .keyFigures(let figs):
            return "<div class=\"cards\">" + figs.map {
                "<div class=\"card\"><p class=\"label\">\(e($0.label))</p><p class=\"value\">\(e($0.value))</p><p class=\"detail\">\(e($0.detail))</p></div>"
            }.joined() + "</div>"
        case .table(let t): return table(t)
        case .chart(let c):
            // Both layouts in the file; the stylesheet shows the one that fits the screen.
            let narrow = c.svgNarrow.map { "<div class=\"narrow\">\n\($0)</div>\n" } ?? ""
            let wideClass = c.svgNarrow == nil ? "" : " class=\"wide\""
            return "<figure class=\"chart\(c.tall ? " tall" : "")\" id=\"\(e(c.name))\">\n<div\(wideClass)>\n\(c.svg)</div>\n\(narrow)<figcaption>\(e(c.description))</figcaption>\n</figure>"
        }
    }

    static func inline(_ parts: [Inline]) -> String {
        parts.map {
            switch $0 {
            case .text(let s): XML.escape(s)
            case .strong(let s): "<strong>\(XML.escape(s))</strong>"
            case .code(let s): "<code>\(XML.escape(s))</code>"
            }
        }.joined()
    }

    /// A table with a header row and the first cell of each row as a row header.
    static func table(_ t: Table) -> String {
        let e = XML.escape
        // Tables wider than a phone stack their rows there: each cell then shows its column's name.
        let stack = t.header.count > 3
        var h = "<div class=\"table-wrap\"><table\(stack ? " class=\"stack\"" : "")>"
        if let c = t.caption { h += "<caption>\(e(c))</caption>" }
        h += "<thead><tr>" + t.header.enumerated().map { i, c in
            "<th scope=\"col\"\(t.numeric.contains(i) ? " class=\"n\"" : "")>\(e(c))</th>"
        }.joined() + "</tr></thead><tbody>\n"
        for r in t.rows {
            h += "<tr>" + r.enumerated().map { i, c in
                let label = stack ? " data-label=\"\(e(i < t.header.count ? t.header[i] : ""))\"" : ""
                let cls = t.small.contains(i) ? " class=\"path\"" : t.numeric.contains(i) ? (c == "0" ? " class=\"n zero\"" : " class=\"n\"") : ""
                return i == 0 ? "<th scope=\"row\"\(label)>\(e(c))</th>" : "<td\(cls)\(label)>\(e(c))</td>"
            }.joined() + "</tr>\n"
        }
        return h + "</tbody></table></div>"
    }
}
