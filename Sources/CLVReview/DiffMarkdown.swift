public import CLVReport

/// The pull-request comment: decision first, then headline deltas, the top assumption changes,
/// and the attribution as a table beside its waterfall chart. Its first line is a fixed marker
/// (`DiffMarkdown.marker`) by which a CI job finds and updates its earlier comment.
public enum DiffMarkdown {
    /// The first line of every comment, whatever the language or study.
    public static let marker = "<!-- clvsim-diff -->"
    /// Assumption changes listed before "… and N more".
    public static let topChanges = 10

    /// Renders `doc`; `chart` is the waterfall SVG's file name beside the Markdown, if written.
    public static func render(_ doc: DiffDocument, locale: ReportLocale, chart: String? = nil) -> String {
        let s = DiffStrings(locale: locale), f = NumberFormat(locale: locale, currency: doc.currency)
        let money: (Double?) -> String = { f.short($0) }
        var out = [marker, s.title(doc.study, doc.before.source, doc.after.source), ""]
        // Decision.
        let d = doc.decision
        if d.changes.isEmpty {
            out.append(s.decisionUnchanged + " " + s.recommendedStays(d.recommendedAfter, byDecision: d.byStudyDecision))
        } else {
            out.append(s.decisionChanged)
            for c in d.changes {
                let noise = c.clear ? "" : " " + s.withinNoise
                switch c.kind {
                case .ranking: out.append("- " + s.ranking(d.rankingBefore.joined(separator: " > "), d.rankingAfter.joined(separator: " > ")) + noise)
                case .recommended: out.append("- " + s.recommended(d.recommendedBefore, d.recommendedAfter) + noise)
                case .pNPVPositiveCrosses50: out.append("- " + s.crosses(c.plan ?? "", c.before, c.after) + noise)
                case .npvSign: out.append("- " + s.sign(c.plan ?? "", positive: c.after == "positive") + noise)
                }
            }
        }
        out.append("")
        // Headline deltas: the figures a decision rests on; the rest folded below.
        out.append(s.headline(trials: doc.trials, seed: doc.seed, unit: f.currencyUnit))
        out.append("")
        let header = ["| \(s.figure) | \(s.before) | \(s.after) | \(s.delta) | \(s.se) | |", "|---|---:|---:|---:|---:|:-:|"]
        let amount: (Double?) -> String = { f.short($0) }
        let pct: (Double?) -> String = { NumberFormat.percent($0) }
        let ratio: (Double?) -> String = { NumberFormat.number($0, decimals: 2) }
        let period: (Double?) -> String = { x in x.map { NumberFormat.number($0, decimals: 0) } ?? s.none }
        func row(_ label: String, _ x: DiffDocument.Delta, _ text: @escaping (Double?) -> String) -> String {
            let star = x.significant ? "✱" : ""
            return "| \(label) | \(text(x.before)) | \(text(x.after)) | \(signed(x.delta, text)) | \(x.se.map { text($0) } ?? "–") | \(star) |"
        }
        var main = header, more = header
        for p in doc.results.plans {
            let tag = p.status == .both ? "" : " (\(p.status == .added ? s.added : s.removed))"
            main.append(row("\(p.name)\(tag): \(s.expectedNPV)", p.npv, amount))
            main.append(row("\(p.name)\(tag): \(s.pPositive)", p.pNPVPositive, pct))
            main.append(row("\(p.name)\(tag): \(s.bcr) (1 : x)", p.bcr, ratio))
            more.append(row("\(p.name)\(tag): \(s.benefit)", p.benefit, amount))
            more.append(row("\(p.name)\(tag): \(s.costPV)", p.cost, amount))
            more.append(row("\(p.name)\(tag): \(s.payback)", p.paybackP50, period))
        }
        let b = doc.results.baseline
        let terminal = doc.basis == "terminal"
        main.append(row("\(b.name): \(terminal ? s.equityTerminal : s.equity)", terminal ? b.customerEquityTerminal : b.customerEquity, amount))
        more.append(row("\(b.name): \(terminal ? s.equity : s.equityTerminal)", terminal ? b.customerEquity : b.customerEquityTerminal, amount))
        out += main
        out.append("")
        out.append("<details><summary>\(s.moreFigures)</summary>")
        out.append("")
        out += more
        out.append("")
        out.append("</details>")
        out.append("")
        // Assumption changes.
        if doc.assumptions.isEmpty {
            out.append(s.noChanges)
        } else {
            out.append(s.changes(doc.assumptions.count))
            out.append("")
            for c in ordered(doc).prefix(topChanges) { out.append("- " + line(c, s)) }
            if doc.assumptions.count > topChanges { out.append("- " + s.more(doc.assumptions.count - topChanges)) }
        }
        // Attribution.
        if let a = doc.attribution, !a.plans.isEmpty {
            out.append("")
            out.append(s.attribution(method: a.method == .shapley ? s.shapley : s.sequential, factors: a.factors.count,
                                     runs: a.runs, unit: f.currencyUnit))
            out.append("")
            out.append("| \(s.change) | " + a.plans.map(\.plan).joined(separator: " | ") + " |")
            out.append("|---|" + String(repeating: "---:|", count: a.plans.count))
            for (i, factor) in a.factors.enumerated() {
                let name = factor.path == "other" ? s.other : "`\(factor.path)`"
                out.append("| \(name) | " + a.plans.map { signed($0.contributions[i], money) }.joined(separator: " | ") + " |")
            }
            out.append("| \(s.residual) | " + a.plans.map { signed($0.residual, money) }.joined(separator: " | ") + " |")
            if a.method == .shapley && a.factors.count > 1 {
                out.append("| \(s.interaction) | " + a.plans.map { signed($0.interaction, money) }.joined(separator: " | ") + " |")
            }
            out.append("| \(s.total) | " + a.plans.map { "**" + signed($0.delta, money) + "**" }.joined(separator: " | ") + " |")
            if let chart { out.append(""); out.append("![\(s.chart)](\(chart))") }
        }
        // Gates.
        if !doc.gates.isEmpty {
            out.append("")
            out.append(s.gates)
            out.append("")
            for g in doc.gates { out.append("- \(g.tripped ? "❌" : "✅") `\(g.gate)`: \(g.tripped ? s.tripped : s.passed) — \(g.detail)") }
        }
        out.append("")
        func side(_ x: DiffDocument.Side) -> String { x.commit.map { "`\(x.source)` \(String($0.prefix(12)))" } ?? "`\(x.source)`" }
        out.append(s.footer(doc.tool.version, side(doc.before), side(doc.after)))
        return out.joined(separator: "\n") + "\n"
    }

    /// The changes by how much of ΔNPV they carry (largest |contribution| over the plans) when there
    /// is an attribution; the others after them, in document order.
    static func ordered(_ doc: DiffDocument) -> [AssumptionChange] {
        guard let a = doc.attribution else { return doc.assumptions }
        var impact: [String: Double] = [:]
        for (i, f) in a.factors.enumerated() { impact[f.path] = a.plans.map { abs($0.contributions[i]) }.max() ?? 0 }
        let indexed = doc.assumptions.enumerated().map { ($0.offset, $0.element, impact[$0.element.path] ?? -1) }
        return indexed.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }.map(\.1)
    }

    /// `+1.2M`, `−3.4%`, or `0` when the shown digits are all zero.
    static func signed(_ x: Double?, _ text: (Double?) -> String) -> String {
        guard let x, x.isFinite else { return "–" }
        let t = text(x)
        let zero = !t.contains { $0.isNumber && $0 != "0" }
        if zero { return text(0).replacingOccurrences(of: "−", with: "") }
        return x > 0 ? "+" + t : t
    }

    static func line(_ c: AssumptionChange, _ s: DiffStrings) -> String {
        let at = s.inScenarios(c.scenarios)
        let text = c.category == .plans ? c.label : PathLabel.of(c.path, chinese: !s.en)
        let label = text != c.path ? " — \(text)" : ""
        let colon = s.en ? ": " : "："
        switch c.kind {
        case .changed, .renamed:
            return "`\(c.path)`\(label)\(at)\(colon)`\(c.before ?? "")` → `\(c.after ?? "")`"
        case .added:
            return "\(s.added) \(s.noun(c.category)) `\(c.path)`\(at)\(colon)`\(c.after ?? "")`"
        case .removed:
            return "\(s.removed) \(s.noun(c.category)) `\(c.path)`\(at)\(colon)`\(c.before ?? "")`"
        }
    }
}
