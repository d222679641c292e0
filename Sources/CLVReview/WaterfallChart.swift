public import CLVReport

/// The attribution as an SVG waterfall, one panel per plan: the before NPV, one step per change
/// (up green, down vermillion; Okabe–Ito colours), any residual, and the after NPV.
public enum WaterfallChart {
    static let width = 720.0, panelHeight = 250.0, left = 70.0, right = 20.0, top = 36.0, bottom = 64.0

    public static func render(_ doc: DiffDocument, locale: ReportLocale) -> String? {
        guard let a = doc.attribution, !a.plans.isEmpty else { return nil }
        let s = DiffStrings(locale: locale), f = NumberFormat(locale: locale, currency: doc.currency)
        var body: [String] = []
        let height = panelHeight * Double(a.plans.count)
        for (k, p) in a.plans.enumerated() {
            let y0 = panelHeight * Double(k)
            // Bars: (label, from, to, kind) with kind 0 total, 1 step.
            var bars: [(String, Double, Double, Bool)] = [(s.before, 0, p.before, true)]
            var level = p.before
            for (i, factor) in a.factors.enumerated() {
                let c = p.contributions[i]
                bars.append((factor.path == "other" ? s.other : PathLabel.of(factor.path, chinese: !s.en), level, level + c, false))
                level += c
            }
            if abs(p.residual) > 1e-9 * max(1, abs(p.delta)) {
                bars.append((s.residual, level, level + p.residual, false))
                level += p.residual
            }
            bars.append((s.after, 0, p.after, true))
            let lo = min(0, bars.map { min($0.1, $0.2) }.min() ?? 0), hi = max(0, bars.map { max($0.1, $0.2) }.max() ?? 0)
            let span = hi - lo > 0 ? hi - lo : 1
            let plotTop = y0 + top, plotBottom = y0 + panelHeight - bottom
            func y(_ v: Double) -> Double { plotBottom - (v - lo) / span * (plotBottom - plotTop) }
            let slot = (width - left - right) / Double(bars.count), barW = min(60, slot * 0.6)
            body.append(text(left, y0 + 22, "\(p.plan) — Δ \(DiffMarkdown.signed(p.delta) { f.short($0) }) \(f.currencyUnit)", size: 14, bold: true))
            body.append(line(left, y(0), width - right, y(0), stroke: "#555555"))
            body.append(text(left - 6, y(0) + 4, "0", size: 11, anchor: "end"))
            body.append(text(left - 6, y(hi) + 4, f.short(hi), size: 11, anchor: "end"))
            if lo < 0 { body.append(text(left - 6, y(lo) + 4, f.short(lo), size: 11, anchor: "end")) }
            for (i, bar) in bars.enumerated() {
                let x = left + slot * Double(i) + (slot - barW) / 2
                let top = y(max(bar.1, bar.2)), h = max(abs(y(bar.1) - y(bar.2)), 1)
                let colour = bar.3 ? "#6B6B6B" : bar.2 == bar.1 ? "#BBBBBB" : (bar.2 > bar.1 ? "#009E73" : "#D55E00")
                body.append("<rect x=\"\(n(x))\" y=\"\(n(top))\" width=\"\(n(barW))\" height=\"\(n(h))\" fill=\"\(colour)\"/>")
                let value = bar.3 ? f.short(bar.2) : DiffMarkdown.signed(bar.2 - bar.1) { f.short($0) }
                body.append(text(x + barW / 2, top - 4, value, size: 11, anchor: "middle"))
                body.append(text(x + barW / 2, plotBottom + 16, fit(bar.0, slot - 4), size: 10, anchor: "middle"))
                if i + 1 < bars.count, !bars[i + 1].3 || !bar.3 {
                    let next = left + slot * Double(i + 1) + (slot - barW) / 2
                    body.append(line(x + barW, y(bar.2), next, y(bar.2), stroke: "#999999", dash: "3 2"))
                }
            }
        }
        let title = locale == .en ? "Where the change in expected NPV comes from" : "预期净现值变化的来源"
        let desc = a.plans.map { "\($0.plan): \(f.money($0.before)) → \(f.money($0.after))" }.joined(separator: "; ")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"wf-title wf-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', Arial, sans-serif\">\n"
            + "<title id=\"wf-title\">\(escape(title))</title>\n<desc id=\"wf-desc\">\(escape(desc))</desc>\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n" + body.joined(separator: "\n") + "\n</svg>\n"
    }

    static func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : NumberFormat.number(r, decimals: 1).replacingOccurrences(of: ",", with: "")
            .replacingOccurrences(of: "−", with: "-")
    }

    static func text(_ x: Double, _ y: Double, _ s: String, size: Double, anchor: String = "start", bold: Bool = false) -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\"" + (anchor == "start" ? "" : " text-anchor=\"\(anchor)\"")
            + (bold ? " font-weight=\"bold\"" : "") + " fill=\"#333333\">\(escape(s))</text>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, dash: String? = nil) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"1\""
            + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
    }

    /// `s` shortened with an ellipsis to about `width` (CJK glyphs square, Latin ~0.58 em at 10 px).
    static func fit(_ s: String, _ width: Double) -> String {
        func w(_ t: String) -> Double { t.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 10 : 5.8) } }
        if w(s) <= width { return s }
        var t = s
        while !t.isEmpty && w(t + "…") > width { t.removeLast() }
        return t + "…"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
