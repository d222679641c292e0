import CLVAnalysis

/// Human names for everything the report names: the scenario files' labels (`Results.labels`),
/// else words generated from the name or input path. Raw paths appear only in the appendix.
struct Names {
    let labels: Labels?
    let locale: String
    let s: Strings
    let period: String

    private var en: Bool { locale == "en" }
    func label(_ key: String) -> String? { labels?.label(key, locale) }

    func scenario(_ name: String) -> String { label("scenario." + name) ?? name }
    func scenarioDescription(_ name: String) -> String? { labels?.description("scenario." + name, locale) }
    func segment(_ name: String) -> String { label("segment." + name) ?? Names.words(name) }
    func state(_ name: String) -> String { label("state." + name) ?? Names.words(name) }
    func category(_ name: String) -> String {
        if let l = label("category." + name) { return l }
        let known = s.category(name)
        return known == name ? Names.words(name) : known
    }
    func risk(_ name: String) -> String { label("risk." + name) ?? name }
    var study: String? { label("study") }
    var title: String? { label("title") }

    /// "adoption_shortfall" → "Adoption shortfall"; names with capitals or spaces are kept.
    static func words(_ name: String) -> String {
        guard name.contains("_") || name.allSatisfy({ !$0.isUppercase }) else { return name }
        let spaced = name.replacingUnderscores
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }

    /// A readable name for an input path (docs/report.md: how paths are named).
    func input(_ path: String) -> String {
        if let l = label("input." + path) { return l }
        let parts = Names.split(path)
        guard let head = parts.first else { return path }
        switch head {
        case "segments" where parts.count >= 3:
            let seg = segment(parts[1])
            return seg + (en ? ": " : "：") + segmentInput(Array(parts.dropFirst(2)))
        case "costs" where parts.count >= 3:
            let cat = parts[1].split(separator: "#").first.map(String.init) ?? parts[1]
            let item = Int(parts[1].split(separator: "#").last ?? "0") ?? 0
            let base = category(cat)
            let per = parts[2] == "per_period"
            let suffix = item > 0 ? (en ? " (item \(item + 1))" : "（第 \(item + 1) 项）") : ""
            return en ? "\(base) cost\(per ? " per \(period)" : "")\(suffix)" : "\(base)成本\(per ? "（每\(period)）" : "")\(suffix)"
        case "effects" where parts.count >= 3:
            return effect(target: Array(parts.dropFirst().dropLast()), change: parts.last ?? "")
        case "risks" where parts.count >= 3:
            let r = risk(parts[1])
            let field: String
            switch parts[2] {
            case "probability": field = s.t("probability", "发生概率")
            case "delay": field = s.t("delay (\(period)s)", "延误（\(period)）")
            case "cost_overrun": field = s.t("cost overrun", "成本超支")
            case "effect_scale": field = s.t("share of effects reached", "效果实现比例")
            case "occurs": return en ? "\(r) (occurs or not)" : "\(r)（是否发生）"
            default: field = Names.words(parts[2])
            }
            return en ? "\(r): \(field)" : "\(r)：\(field)"
        default:
            return Names.words(path)
        }
    }

    private func segmentInput(_ p: [String]) -> String {
        switch p[0] {
        case "initial" where p.count > 1: return en ? "\(state(p[1])) customers at start" : "期初\(state(p[1]))客户数"
        case "arrivals" where p.count > 1: return en ? "new customers per \(period)" : "每\(period)新客户数"
        case "acquisition_cost": return s.t("acquisition cost per customer", "单客获客成本")
        case "transitions" where p.count > 2:
            return en ? "\(state(p[1])) → \(state(p[2])) per \(period)" : "每\(period)\(state(p[1])) → \(state(p[2]))比例"
        case "transitions" where p.count > 1: return en ? "moves from \(state(p[1]))" : "\(state(p[1]))转移比例"
        case "value" where p.count > 2: return valueField(p[2], state: p[1])
        default: return Names.words(p.joined(separator: " "))
        }
    }

    private func valueField(_ f: String, state st: String) -> String {
        let who = st == "*" ? s.t("all states", "全部状态") : state(st)
        switch f {
        case "revenue": return en ? "revenue per customer (\(who))" : "单客收入（\(who)）"
        case "cost": return en ? "cost to serve per customer (\(who))" : "单客服务成本（\(who)）"
        case "revenue_cv": return en ? "revenue spread between customers (\(who))" : "客户间收入离散度（\(who)）"
        default: return Names.words(f)
        }
    }

    /// "Revenue effect (all states)", "Effect on Active → Churned".
    func effect(target t: [String], change: String) -> String {
        var target = t
        var segs = ""
        if let last = target.last, let open = last.firstIndex(of: "[") {
            let names = last[last.index(after: open)...].dropLast().split(separator: ",").map { segment(String($0)) }
            segs = en ? " — \(names.joined(separator: ", "))" : "（\(names.joined(separator: "、"))）"
            target[target.count - 1] = String(last[..<open])
        }
        let body: String
        switch target.first {
        case "transitions" where target.count >= 3:
            let from = target[1] == "*" ? s.t("every state", "各状态") : state(target[1])
            body = en ? "Effect on \(from) → \(state(target[2]))" : "\(from) → \(state(target[2]))的效果"
        case "value" where target.count >= 3:
            let who = target[1] == "*" ? s.t("all states", "全部状态") : state(target[1])
            switch target[2] {
            case "revenue": body = en ? "Revenue effect (\(who))" : "收入效果（\(who)）"
            case "cost": body = en ? "Cost-to-serve effect (\(who))" : "服务成本效果（\(who)）"
            default: body = en ? "Revenue-spread effect (\(who))" : "收入离散度效果（\(who)）"
            }
        case "arrivals" where target.count >= 2: body = s.t("Effect on new customers", "新客户数效果")
        case "acquisition_cost": body = s.t("Effect on acquisition cost", "获客成本效果")
        case "initial" where target.count >= 2:
            body = en ? "Effect on \(state(target[1])) customers at start" : "期初\(state(target[1]))客户数效果"
        default: body = Names.words(target.joined(separator: " "))
        }
        return body + segs
    }

    /// Splits a path at dots outside brackets (`effects.value.*.revenue[mass,sme].relative`).
    static func split(_ path: String) -> [String] {
        var out: [String] = [], cur = "", depth = 0
        for ch in path {
            if ch == "[" { depth += 1 }
            if ch == "]" { depth -= 1 }
            if ch == ".", depth == 0 { out.append(cur); cur = "" } else { cur.append(ch) }
        }
        out.append(cur)
        return out
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
