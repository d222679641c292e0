import CLVModel

/// A scenario flattened for comparison: its inputs (uncertain numbers and Dirichlet rows) by
/// path, and its structure (settings, states, segments, cost schedules, ramp, risk categories,
/// correlations) as key → text. Source positions are left out, so moving a line changes nothing.
struct Snapshot {
    struct Input {
        var path: String
        var text: String
        /// What the engine draws: equal identities draw equal numbers.
        var identity: String
    }
    var inputs: [Input] = []
    var structure: [(key: String, text: String)] = []
    /// Keys that group several input paths (`segments.mass`, `risks.Budget overrun`, `costs.people#0`).
    var groups: [String] = []

    init(_ s: Scenario) {
        for u in s.uncertainInputs { inputs.append(Input(path: u.path, text: u.text, identity: "\(u.distribution)")) }
        for g in s.segments {
            for t in g.transitions {
                if case .dirichlet(let d) = t.row {
                    let dest = d.destinations.map { s.states[$0].name }
                    inputs.append(Input(path: d.path, text: d.text, identity: "\(dest) \(d.weights)"))
                }
            }
        }
        func put(_ k: String, _ v: String) { structure.append((k, v)) }
        put("name", s.name)
        put("currency", s.currency)
        put("period", s.period.rawValue)
        put("horizon", "\(s.horizon)")
        put("discount_rate", Self.number(s.discountRate))
        put("terminal_value", s.terminalValue.rawValue)
        for st in s.states { put("states.\(st.name)", st.stage.rawValue) }
        for g in s.segments {
            put("segments.\(g.name)", "segment")
            groups.append("segments.\(g.name)")
        }
        var seen: [String: Int] = [:]
        for c in s.costs {
            let k = seen[c.category, default: -1] + 1
            seen[c.category] = k
            let key = "costs.\(c.category)#\(k)"
            groups.append(key)
            switch c.schedule {
            case .at(let t): put(key, "at \(t)")
            case .spread(let a, let b): put(key, "from \(a) to \(b)")
            case .perPeriod(let a, let b): put(key, "per period from \(a) to \(b)")
            }
        }
        put("ramp", s.ramp.map(Self.window) ?? "none")
        // An effect's own window, keyed by the effect's input path (`ramp.effects.value.a.revenue.relative`).
        for e in s.effects { if let r = e.ramp { put("ramp.\(e.amount.path)", Self.window(r)) } }
        for r in s.risks {
            var text = r.categories.map { "categories: " + $0.joined(separator: ", ") } ?? "all categories"
            // Category and responses only when given, so that older snapshots read the same.
            if let c = r.category { text += "; category: \(c)" }
            if let m = r.mitigation { text += "; mitigation at \(m.at)" }
            if let t = r.transfer { text += "; transfer at \(t.at)" }
            put("risks.\(r.name)", text)
            groups.append("risks.\(r.name)")
        }
        for c in s.correlations { put("correlations.\(c.first) ~ \(c.second)", "spearman \(Self.number(c.spearman))") }
    }

    /// A ramp as a setting: `from 2 to 6`, with `until 8` and `fade 2` when written.
    static func window(_ r: Ramp) -> String {
        "from \(number(r.from)) to \(number(r.to))" + (r.until.map { " until \(number($0))" } ?? "")
            + (r.fade > 0 ? " fade \(number(r.fade))" : "")
    }

    /// Shortest text of a number (`0.08`, `20`).
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }

    /// The group a path belongs to, if any (`segments.mass.value.active.cost` → `segments.mass`).
    func group(of path: String) -> String? { groups.first { path.hasPrefix($0 + ".") } }
}

/// A short human name of an input path: `effect on value.*.revenue (relative)`,
/// `mass: active → churned`; in Chinese `效果：value.*.revenue（relative）`.
enum PathLabel {
    static func of(_ path: String, chinese zh: Bool = false) -> String {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if path.hasPrefix("effects."), parts.count >= 3 {
            let target = parts[1..<(parts.count - 1)].joined(separator: ".")
            return zh ? "效果：\(target)（\(parts.last!)）" : "effect on \(target) (\(parts.last!))"
        }
        if path.hasPrefix("costs."), parts.count >= 2 {
            let category = parts[1].split(separator: "#").first.map(String.init) ?? parts[1]
            let field = parts.count > 2 ? parts[2] : nil
            return zh ? "成本：\(category)" + (field.map { "（\($0)）" } ?? "") : "cost: \(category)" + (field.map { " (\($0))" } ?? "")
        }
        if path.hasPrefix("risks."), parts.count >= 3 {
            let name = parts[1..<(parts.count - 1)].joined(separator: ".")
            return zh ? "风险 \(name)：\(parts.last!)" : "risk \(name): \(parts.last!)"
        }
        if path.hasPrefix("segments."), parts.count >= 4 {
            let seg = parts[1]
            switch parts[2] {
            case "transitions" where parts.count >= 5: return zh ? "\(seg)：\(parts[3]) → \(parts[4])" : "\(seg): \(parts[3]) → \(parts[4])"
            case "transitions": return zh ? "\(seg)：\(parts[3]) 的转移" : "\(seg): transitions from \(parts[3])"
            case "value" where parts.count >= 5: return zh ? "\(seg)：\(parts[3]) 的 \(parts[4])" : "\(seg): \(parts[4]) in \(parts[3])"
            case "initial": return zh ? "\(seg)：\(parts[3]) 的期初客户" : "\(seg): initial customers in \(parts[3])"
            case "arrivals": return zh ? "\(seg)：进入 \(parts[3]) 的新客户" : "\(seg): arrivals into \(parts[3])"
            default: break
            }
        }
        if path.hasPrefix("segments."), parts.count == 3, parts[2] == "acquisition_cost" {
            return zh ? "\(parts[1])：获客成本" : "\(parts[1]): acquisition cost"
        }
        return path
    }
}
