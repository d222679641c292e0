/// A report as data: sections of blocks. Builders fill it, renderers turn it into text.
/// Every string here is plain text; renderers escape it for their format.
public struct Document: Sendable {
    /// `en` or `zh-Hans`, for the HTML `lang` attribute.
    public var language: String
    public var title: String
    /// Label–value pairs shown under the title (study, date, version, seed, …).
    public var meta: [(label: String, value: String)]
    /// Input files and their SHA-256, shown under the meta block.
    public var provenance: Table?
    public var sections: [Section]
    /// Running footer of printed pages: study, date, tool version.
    public var footer: String = ""
}

/// A numbered part of the report with a heading.
public struct Section: Sendable {
    /// Stable anchor (`summary`, `charts`, …).
    public var id: String
    public var title: String
    public var blocks: [Block]
}

/// One piece of content.
public enum Block: Sendable {
    case heading(String)
    case paragraph([Inline])
    case list([[Inline]])
    /// Headline figures shown as cards in HTML and as a list in Markdown.
    case keyFigures([KeyFigure])
    case table(Table)
    case chart(Chart)
    /// Small print under a table or chart.
    case note(String)
}

/// Text with light emphasis.
public enum Inline: Sendable, Hashable {
    case text(String)
    case strong(String)
    case code(String)
}

/// A headline number with a label and a line of context.
public struct KeyFigure: Sendable {
    public var label: String
    public var value: String
    public var detail: String
}

/// A table with one header row; `numeric` columns are right-aligned.
public struct Table: Sendable {
    public var caption: String?
    public var header: [String]
    public var rows: [[String]]
    public var numeric: Set<Int>
    /// Columns in small type (raw input paths in the appendix).
    public var small: Set<Int> = []
    public init(caption: String? = nil, header: [String], rows: [[String]], numeric: Set<Int> = [], small: Set<Int> = []) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.numeric = numeric
        self.small = small
    }
}

/// A chart: a standalone SVG document (with `<title>` and `<desc>`) and the file stem it is saved under.
public struct Chart: Sendable {
    /// File stem, e.g. `chart-1-npv-histogram`.
    public var name: String
    public var title: String
    public var description: String
    /// The complete `<svg …>…</svg>` element, XML-clean.
    public var svg: String
    /// The same chart laid out for a phone (360 units wide, panels stacked); HTML only.
    public var svgNarrow: String? = nil
    /// Taller than wide enough to need more than half a printed page.
    public var tall = false
}

extension Inline {
    var plain: String {
        switch self { case .text(let s), .strong(let s), .code(let s): s }
    }
}
