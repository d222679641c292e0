/// The report's stylesheet: screen (laptop and phone) and A4-landscape print. System fonts only,
/// with a stack that names the common Chinese fonts of Windows, macOS, Android and Linux.
enum HTMLStyle {
    /// Latin first (their CJK glyphs are absent, so Chinese falls through to the CJK fonts).
    static let fonts = #"system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif"#
    /// For zh-Hans: the Chinese fonts first, so Latin and CJK glyphs match.
    static let fontsZh = #""PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif"#

    static let css = """
    :root { --ink: #1c2430; --muted: #5b6675; --line: #d9dee5; --accent: #0072B2; --navy: #14253d; --bg: #f5f7fa; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #ffffff; font: 15px/1.55 \(fonts); }
    html:lang(zh-Hans) body { font-family: \(fontsZh); }
    .wrap { max-width: 1120px; margin: 0 auto; padding: 0 28px; }
    .cover { background: var(--navy); color: #ffffff; padding: 36px 0 28px; }
    .cover .kicker { margin: 0 0 6px; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: #a9c4e4; }
    .cover h1 { margin: 0 0 20px; font-size: 32px; line-height: 1.2; font-weight: 650; }
    .meta { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 0; font-size: 13px; }
    .meta div { min-width: 0; }
    .meta dt { color: #a9c4e4; font-size: 11px; text-transform: uppercase; letter-spacing: .06em; }
    .meta dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
    .toc { background: var(--bg); border-bottom: 1px solid var(--line); font-size: 14px; }
    .toc ol { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0; padding: 10px 0; list-style: none; counter-reset: toc; }
    .toc li { counter-increment: toc; }
    .toc li::before { content: counter(toc) ". "; color: var(--muted); }
    .toc a { color: var(--accent); text-decoration: none; }
    section { padding: 8px 0 18px; border-bottom: 1px solid var(--line); }
    section:last-child { border-bottom: none; }
    h2 { font-size: 23px; margin: 26px 0 12px; color: var(--navy); }
    h2 .num { display: inline-block; min-width: 1.6em; color: var(--accent); }
    h3 { font-size: 17px; margin: 22px 0 8px; color: var(--navy); }
    p { margin: 8px 0; max-width: 78ch; }
    p.note { color: var(--muted); font-size: 13px; }
    ul { padding-left: 22px; max-width: 80ch; }
    li { margin: 3px 0; }
    #decision ul { max-width: 92ch; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 10px; margin: 6px 0 14px; }
    .card { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 6px; padding: 10px 14px; background: #ffffff; }
    .card:nth-child(2) { border-top-color: #E69F00; }
    .card:nth-child(3) { border-top-color: #009E73; }
    .card:nth-child(4) { border-top-color: #CC79A7; }
    .card:nth-child(5) { border-top-color: #56B4E9; }
    .card p { margin: 0; }
    .card .label { font-size: 13px; color: var(--muted); }
    .card .value { font-size: 23px; font-weight: 650; font-variant-numeric: tabular-nums; margin: 2px 0; }
    .card .detail { font-size: 12.5px; }
    .table-wrap { margin: 10px 0 6px; }
    table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: 600; padding: 4px 0 6px; color: var(--navy); }
    th, td { padding: 5px 9px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    thead th { background: var(--bg); color: var(--navy); font-weight: 600; border-bottom: 2px solid #b8c2cf; }
    tbody th { font-weight: 500; }
    .n { text-align: right; white-space: nowrap; }
    thead th.n { white-space: normal; }
    td.path { font: 11px/1.35 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; color: var(--muted); overflow-wrap: anywhere; }
    tbody tr:nth-child(even) { background: #fafbfc; }
    figure.chart { margin: 18px 0 26px; }
    figure.chart svg { display: block; width: 100%; height: auto; max-width: 960px; border: 1px solid var(--line); border-radius: 6px; }
    figure.chart .narrow { display: none; }
    figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; max-width: 960px; }
    .provenance td, .provenance th { font-size: 12px; overflow-wrap: anywhere; }
    .provenance td { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
    @media (max-width: 700px) {
      body { font-size: 15px; }
      .wrap { padding: 0 12px; }
      .cover h1 { font-size: 24px; }
      h2 { font-size: 20px; }
      .card .value { font-size: 21px; }
      .cards { grid-template-columns: 1fr 1fr; }
      table { font-size: 13px; }
      figure.chart .wide { display: none; }
      figure.chart .narrow { display: block; }
      figure.chart svg { max-width: 100%; }
      table.stack, table.stack thead, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; width: 100%; }
      table.stack thead { display: none; }
      table.stack tr { border-bottom: 2px solid #b8c2cf; padding: 4px 0; }
      table.stack th, table.stack td { border: none; padding: 2px 4px; text-align: right; white-space: normal; overflow-wrap: anywhere; }
      table.stack th { text-align: left; font-weight: 600; }
      table.stack td:empty, table.stack th:empty, table.stack td.zero { display: none; }
      table.stack td::before { content: attr(data-label); float: left; margin-right: 10px; color: var(--muted); text-align: left; }
      table.stack td.path { text-align: left; }
      table.stack td.path::before { content: none; }
      .provenance td { overflow-wrap: anywhere; }
    }
    @media print {
      body { font-size: 9.5pt; line-height: 1.4; }
      .wrap { max-width: none; padding: 0; }
      .cover { background: none; color: var(--ink); padding: 0 0 6pt; border-bottom: 2pt solid var(--navy); }
      .cover h1 { font-size: 20pt; margin: 0 0 8pt; }
      .cover .kicker, .meta dt { color: var(--muted); }
      .meta { font-size: 8.5pt; }
      .toc { display: none; }
      section { border-bottom: none; padding: 0; }
      section#dashboard, section#summary, section#assumptions { break-before: page; }
      h2 { font-size: 15pt; margin: 10pt 0 6pt; }
      h3 { font-size: 11.5pt; margin: 9pt 0 4pt; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
      p, li { orphans: 3; widows: 3; }
      figure.chart, .card, tr, .cards { break-inside: avoid; }
      figure.chart { margin: 8pt 0 10pt; }
      figure.chart .narrow { display: none; }
      figure.chart svg { max-height: 76mm; width: auto; max-width: 100%; border: none; }
      figure.chart.tall svg { max-height: 140mm; }
      figcaption { font-size: 8pt; }
      p.note { font-size: 8pt; }
      table { font-size: 8.5pt; }
      th, td { padding: 2pt 5pt; }
      #assumptions table { font-size: 7.5pt; line-height: 1.25; }
      #assumptions th, #assumptions td { padding: 1pt 4pt; }
      #assumptions table { table-layout: fixed; }
      #assumptions td.n { white-space: normal; }
      #assumptions .table-wrap:first-of-type col, #assumptions .table-wrap:first-of-type th:nth-child(1) { width: 8%; }
      #assumptions .table-wrap:first-of-type th:nth-child(2) { width: 25%; }
      #assumptions .table-wrap:first-of-type th:nth-child(3) { width: 24%; }
      #assumptions .table-wrap:first-of-type th:nth-child(4) { width: 13%; }
      #assumptions .table-wrap:first-of-type th:nth-child(5) { width: 8%; }
      #assumptions .table-wrap:first-of-type th:nth-child(6) { width: 22%; }
      td.path { font-size: 6.5pt; white-space: nowrap; overflow-wrap: normal; }
      thead { display: table-header-group; }
      tbody tr:nth-child(even) { background: none; }
      .card .value { font-size: 15pt; }
      .cards { gap: 6pt; margin: 4pt 0 8pt; }
      .card { padding: 5pt 8pt; }
      #provenance { font-size: 7pt; }
      #dashboard figure.chart svg { max-height: 70mm; }
      #decision p, #decision li { font-size: 11pt; max-width: none; }
      #decision h3 { font-size: 13pt; margin-top: 12pt; }
    }

    """

    /// `@page` with the running footer (study, date, version) and page numbers in the margin boxes.
    static func page(footer: String, locale: String) -> String {
        let quoted = "\"" + footer.unicodeScalars.map { c -> String in
            c == "\"" || c == "\\" ? "\\" + String(c) : c == "<" ? "\\3c " : c.value < 0x20 ? " " : String(c)
        }.joined() + "\""
        let pageWord = locale == "en" ? "\"Page \" counter(page) \" of \" counter(pages)" : "\"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\""
        return """
        @page { size: A4 landscape; margin: 11mm 13mm 14mm;
          @bottom-left { content: \(quoted); font: 7.5pt \(locale == "en" ? fonts : fontsZh); color: #5b6675; }
          @bottom-right { content: \(pageWord); font: 7.5pt \(locale == "en" ? fonts : fontsZh); color: #5b6675; } }

        """
    }
}
