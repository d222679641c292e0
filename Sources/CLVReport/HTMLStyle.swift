/// The report's stylesheet: screen (laptop and phone) and A4-landscape print. System fonts only.
enum HTMLStyle {
    static let css = """
    :root { --ink: #1c2430; --muted: #5b6675; --line: #d9dee5; --accent: #0072B2; --navy: #14253d; --bg: #f5f7fa; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #ffffff; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; }
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
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 14px; margin: 14px 0 18px; }
    .card { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 6px; padding: 12px 16px; background: #ffffff; }
    .card:nth-child(2) { border-top-color: #E69F00; }
    .card:nth-child(3) { border-top-color: #009E73; }
    .card:nth-child(4) { border-top-color: #CC79A7; }
    .card p { margin: 0; }
    .card .label { font-size: 13px; color: var(--muted); }
    .card .value { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; margin: 2px 0; }
    .card .detail { font-size: 13px; }
    .table-wrap { overflow-x: auto; margin: 10px 0 6px; }
    table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: 600; padding: 4px 0 6px; color: var(--navy); }
    th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    thead th { background: var(--bg); color: var(--navy); font-weight: 600; border-bottom: 2px solid #b8c2cf; }
    tbody th { font-weight: 500; min-width: 13em; }
    thead th { min-width: 6em; }
    .n { text-align: right; white-space: nowrap; }
    tbody tr:nth-child(even) { background: #fafbfc; }
    figure.chart { margin: 18px 0 26px; }
    figure.chart svg { display: block; width: 100%; height: auto; max-width: 960px; border: 1px solid var(--line); border-radius: 6px; }
    figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; max-width: 960px; }
    .provenance td, .provenance th { font-size: 12px; overflow-wrap: anywhere; }
    .provenance td { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
    @media (max-width: 700px) {
      body { font-size: 14px; }
      .wrap { padding: 0 14px; }
      .cover h1 { font-size: 24px; }
      h2 { font-size: 20px; }
      .card .value { font-size: 22px; }
      table { font-size: 12.5px; }
      tbody th { min-width: 8em; }
      thead th { min-width: 4em; }
    }
    @page { size: A4 landscape; margin: 12mm 14mm; }
    @media print {
      body { font-size: 10pt; }
      .wrap { max-width: none; padding: 0; }
      .cover { background: none; color: var(--ink); padding: 0 0 8pt; border-bottom: 2pt solid var(--navy); }
      .cover .kicker, .meta dt { color: var(--muted); }
      .toc { display: none; }
      section { break-before: page; border-bottom: none; }
      section#summary { break-before: avoid; }
      h2, h3 { break-after: avoid; }
      figure.chart, .card, tr { break-inside: avoid; }
      figure.chart svg { max-height: 165mm; width: auto; max-width: 100%; border: none; }
      thead { display: table-header-group; }
      .table-wrap { overflow: visible; }
      tbody tr:nth-child(even) { background: none; }
    }

    """
}
