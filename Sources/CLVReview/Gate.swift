import Foundation

/// A `--fail-if` condition for CI: `decision-change`, or `METRIC.drop|rise > N` / `> N%`.
///
/// METRIC is `npv`, `benefit`, `cost`, `bcr`, `p_npv_positive` (any plan on both sides) or
/// `equity` (the baseline's customer equity on the study's basis). `N%` is relative to the
/// before value's magnitude; a bare `N` is in the metric's own unit (currency, a ratio, a share).
/// The gate compares the point estimate Δ; `significant` after the threshold also requires
/// |Δ| > 3 standard errors of the paired difference.
public struct Gate: Sendable, Hashable, CustomStringConvertible {
    public enum Condition: Sendable, Hashable {
        case decisionChange
        case move(metric: String, drop: Bool, threshold: Double, relative: Bool, strict: Bool, significant: Bool)
    }
    public var condition: Condition
    public var description: String

    public static let metrics = ["npv", "benefit", "cost", "bcr", "p_npv_positive", "equity"]

    public init(parsing text: String) throws(ReviewError) {
        description = text.trimmingCharacters(in: .whitespaces)
        let t = description.lowercased()
        if t == "decision-change" || t == "decision_change" || t == "decision" { condition = .decisionChange; return }
        // `LHS > N[%] [significant]` or `LHS >= …`, spaces optional around the operator.
        var words: [String] = []
        if let gt = t.firstIndex(of: ">") {
            let afterGT = t.index(after: gt)
            let orEqual = afterGT < t.endIndex && t[afterGT] == "="
            let rest = t[(orEqual ? t.index(after: afterGT) : afterGT)...]
            words = [t[..<gt].trimmingCharacters(in: .whitespaces), orEqual ? ">=" : ">"]
                + rest.split(separator: " ").map(String.init)
        }
        var significant = false
        if words.count == 4, words.last == "significant" { significant = true; words.removeLast() }
        guard words.count == 3 else {
            throw .usage("--fail-if '\(text)': expected 'decision-change' or 'METRIC.drop > N' / 'METRIC.rise > N%' (METRIC: \(Self.metrics.joined(separator: ", ")))")
        }
        let lhs = words[0].split(separator: ".").map(String.init)
        guard lhs.count == 2, Self.metrics.contains(lhs[0]), lhs[1] == "drop" || lhs[1] == "rise" else {
            throw .usage("--fail-if '\(text)': '\(words[0])' is not METRIC.drop or METRIC.rise (METRIC: \(Self.metrics.joined(separator: ", ")))")
        }
        var n = words[2]
        let relative = n.hasSuffix("%")
        if relative { n.removeLast() }
        guard let x = Double(n), x.isFinite, x >= 0 else { throw .usage("--fail-if '\(text)': '\(words[2])' is not a number ≥ 0") }
        condition = .move(metric: lhs[0], drop: lhs[1] == "drop", threshold: relative ? x / 100 : x, relative: relative,
                          strict: words[1] == ">", significant: significant)
    }

    /// Whether the gate trips on `doc`, and why.
    public func evaluate(_ doc: DiffDocument) -> GateResult {
        switch condition {
        case .decisionChange:
            let what = doc.decision.changes.map(\.kind.rawValue).joined(separator: ", ")
            return GateResult(gate: description, tripped: doc.decision.changed,
                              detail: doc.decision.changed ? "the decision changed: \(what)" : "no decision change")
        case .move(let metric, let drop, let threshold, let relative, let strict, let needSignificant):
            var rows: [(String, DiffDocument.Delta)] = []
            if metric == "equity" {
                let b = doc.results.baseline
                rows = [(b.name, doc.basis == "terminal" ? b.customerEquityTerminal : b.customerEquity)]
            } else {
                for p in doc.results.plans where p.status == .both {
                    let d: DiffDocument.Delta
                    switch metric {
                    case "npv": d = p.npv
                    case "benefit": d = p.benefit
                    case "cost": d = p.cost
                    case "bcr": d = p.bcr
                    default: d = p.pNPVPositive
                    }
                    rows.append((p.name, d))
                }
            }
            var worst: (String, Double)? = nil
            for (name, d) in rows {
                guard let delta = d.delta, let before = d.before else { continue }
                let move = drop ? -delta : delta
                let size = relative ? (before != 0 ? move / abs(before) : (move > 0 ? .infinity : 0)) : move
                let over = strict ? size > threshold : size >= threshold
                if over && (!needSignificant || d.significant) {
                    let shown = relative ? String(format: "%.1f%%", size * 100) : String(format: "%.4g", size)
                    return GateResult(gate: description, tripped: true, detail: "\(name): \(metric) \(drop ? "drops" : "rises") by \(shown)")
                }
                if worst == nil || size > worst!.1 { worst = (name, size) }
            }
            guard let worst else { return GateResult(gate: description, tripped: false, detail: "no plan on both sides") }
            if worst.1 <= 0 {
                return GateResult(gate: description, tripped: false, detail: "no \(metric) \(drop ? "drops" : "rises")")
            }
            let shown = relative ? String(format: "%.1f%%", worst.1 * 100) : String(format: "%.4g", worst.1)
            return GateResult(gate: description, tripped: false,
                              detail: "largest \(drop ? "drop" : "rise"): \(worst.0), \(shown)")
        }
    }
}
