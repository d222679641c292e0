/// The plan parts of a scenario (model.md 2.3): costs, effects, ramp, risks.
///
/// Input paths follow the NumPy peer: `costs.CATEGORY#k.amount|per_period` (k counts items of the same
/// category from 0); `effects.TARGET[SEG1,SEG2].KIND#k` (segments only when listed, `#k` for the k-th
/// repeat, k ≥ 1, of the same key); `risks.NAME.probability|delay|cost_overrun|effect_scale`, `risks.NAME.occurs`.
struct PlanDecoder {
    let read: TreeReader
    let states: [State]
    let segments: [String]
    let horizon: Int
    var sink: DiagnosticSink { read.sink }

    static let costKeys = ["category", "amount", "per_period", "at", "from", "to"] + TreeReader.labelKeys
    static let effectKeys = ["target", "segments", "ramp"] + EffectChange.allCases.map(\.rawValue) + TreeReader.labelKeys

    /// Schedules: `amount` with `at` (default 0) is one-off; `amount` with `from` (default 1) / `to`
    /// (default horizon) is spread evenly; `per_period` runs `from` (default 1) to `to` (default horizon).
    func costs(_ node: YNode) -> [CostItem] {
        var out: [CostItem] = []
        var seen: [String: Int] = [:]
        for (n, item) in (read.list(node, "costs") ?? []).enumerated() {
            let path = "costs[\(n)]"
            guard let fields = read.mapping(item, path) else { continue }
            read.checkKeys(fields, allowed: Self.costKeys, path)
            func field(_ k: String) -> YEntry? { fields.first { $0.key == k } }
            let category = field("category").flatMap { read.string($0.value, child(path, "category")) } ?? "other"
            if let f = field("category") {
                NameRules.check(category, "cost category", forbidden: NameRules.label, at: f.value.location, path: child(path, "category"), sink)
            }
            let k = seen[category, default: -1] + 1
            seen[category] = k
            let key = "costs.\(category)#\(k)"
            let amount = field("amount"), perPeriod = field("per_period")
            if amount != nil && perPeriod != nil {
                sink.error(at: perPeriod!.keyLocation, path: path, "a cost has either 'amount' or 'per_period', not both")
            }
            guard let value = amount ?? perPeriod else {
                sink.error(at: item.location, path: path, "a cost needs 'amount' or 'per_period'")
                continue
            }
            let kind = value.key
            guard let u = read.uncertain(value.value, child(path, kind), input: key + "." + kind) else { continue }
            Validator.nonNegative(u, child(path, kind), sink)
            let at = field("at"), from = field("from"), to = field("to")
            func period(_ e: YEntry?, _ fallback: Int) -> Int? {
                guard let e else { return fallback }
                guard let t = read.integer(e.value, child(path, e.key)) else { return nil }
                if t < 0 || t > horizon {
                    sink.error(at: e.value.location, path: child(path, e.key), "period \(t) is outside the horizon 0...\(horizon)")
                }
                return t
            }
            let schedule: CostSchedule
            if let at, perPeriod != nil || from != nil || to != nil {
                sink.error(at: at.keyLocation, path: path, "'at' is for a one-off 'amount'; use 'from'/'to' for a period range")
                continue
            } else if at != nil || (perPeriod == nil && from == nil && to == nil) {
                guard let t = period(at, 0) else { continue }
                schedule = .at(t)
            } else {
                guard let a = period(from, 1), let b = period(to, horizon) else { continue }
                if a > b { sink.error(at: (from ?? to)!.value.location, path: path, "from \(a) > to \(b)") }
                schedule = perPeriod != nil ? .perPeriod(from: a, to: b) : .spread(from: a, to: b)
            }
            var cost = CostItem(category: category, amount: u, schedule: schedule, location: item.location)
            cost.labelled = read.labelled(fields, path)
            out.append(cost)
        }
        return out
    }

    func effects(_ node: YNode) -> [Effect] {
        var out: [Effect] = []
        var seen: [String: Int] = [:]
        for (n, item) in (read.list(node, "effects") ?? []).enumerated() {
            let path = "effects[\(n)]"
            guard let fields = read.mapping(item, path) else { continue }
            read.checkKeys(fields, allowed: Self.effectKeys, path)
            let changes = fields.filter { EffectChange(rawValue: $0.key) != nil }
            guard let t = read.required(fields, "target", in: item, path),
                  let text = read.string(t.value, child(path, "target")) else { continue }
            let target = EffectTargets(states: states, sink: sink).parse(text, at: t.value.location, child(path, "target"))
            var names: [String]?
            if let s = fields.first(where: { $0.key == "segments" }), let list = read.list(s.value, child(path, "segments")) {
                names = []
                for (i, x) in list.enumerated() {
                    guard let name = read.string(x, child(path, "segments[\(i)]")) else { continue }
                    if !segments.contains(name) {
                        sink.error(at: x.location, path: child(path, "segments"),
                                   "unknown segment '\(name)'" + Suggest.didYouMean(name, among: segments))
                    }
                    names!.append(name)
                }
            }
            guard let change = changes.first else {
                sink.error(at: item.location, path: path, "an effect needs one of 'relative', 'absolute', 'set' or 'multiply'")
                continue
            }
            if changes.count > 1 {
                sink.error(at: changes[1].keyLocation, path: path,
                           "an effect takes one of 'relative', 'absolute', 'set' or 'multiply', found '\(changes[0].key)' and '\(changes[1].key)'")
                continue
            }
            let key = "effects.\(text)" + (names.map { "[\($0.joined(separator: ","))]" } ?? "") + ".\(change.key)"
            let k = seen[key, default: -1] + 1
            seen[key] = k
            guard let u = read.uncertain(change.value, child(path, change.key), input: k == 0 ? key : key + "#\(k)"),
                  let target else { continue }
            if change.key == "set", case .transition = target { Validator.probability(u, child(path, "set"), sink) }
            if change.key == "multiply" {
                // A factor: x → x·m. 1 changes nothing; a negative factor flips a probability's or an amount's sign.
                if u.formula == nil, case .constant(1) = u.distribution {
                    sink.error(at: u.location, path: child(path, change.key), "the effect changes nothing (multiply by 1)")
                }
                Validator.nonNegative(u, child(path, change.key), sink)
            } else if change.key != "set", u.formula == nil, case .constant(0) = u.distribution {
                sink.error(at: u.location, path: child(path, change.key), "the effect changes nothing (\(change.key) change of 0)")
            }
            let window = fields.first { $0.key == "ramp" }.flatMap { ramp($0.value, child(path, "ramp")) }
            var effect = Effect(target: target, targetText: text, segments: names, change: EffectChange(rawValue: change.key)!,
                                amount: u, location: item.location, ramp: window)
            effect.labelled = read.labelled(fields, path)
            out.append(effect)
        }
        return out
    }

    /// `ramp: {from, to, until, fade}`; `from` defaults to 0 and `to` to `from`, as in the NumPy peer;
    /// `until` (the last period at full effect) defaults to never, `fade` to 0. `path` is `ramp`, or
    /// `effects[k].ramp` for an effect's own window.
    func ramp(_ node: YNode, _ path: String = "ramp") -> Ramp? {
        if node.isNull { return nil }
        guard let fields = read.mapping(node, path) else { return nil }
        read.checkKeys(fields, allowed: ["from", "to", "until", "fade"], path)
        func entry(_ k: String) -> YEntry? { fields.first { $0.key == k } }
        let from = entry("from").map { read.number($0.value, child(path, "from")) } ?? 0
        let to = entry("to").map { read.number($0.value, child(path, "to")) } ?? from
        let until = entry("until").map { read.number($0.value, child(path, "until")) }
        let fade = entry("fade").map { read.number($0.value, child(path, "fade")) } ?? 0
        guard let from, let to, let fade, until.map({ $0 != nil }) ?? true else { return nil }
        if from > to { sink.error(at: node.location, path: path, "from \(fmt(from)) > to \(fmt(to))") }
        if from < 0 { sink.error(at: node.location, path: child(path, "from"), "must be ≥ 0, found \(fmt(from))") }
        if let u = until ?? nil, let e = entry("until"), u < to {
            sink.error(at: e.value.location, path: child(path, "until"),
                       "the last period at full effect (\(fmt(u))) is before the ramp reaches full effect (to \(fmt(to)))")
        }
        if let e = entry("fade") {
            if fade < 0 {
                sink.error(at: e.value.location, path: child(path, "fade"), "must be ≥ 0, found \(fmt(fade))")
            } else if until == nil {
                sink.error(at: e.value.location, path: child(path, "fade"), "'fade' needs 'until', the last period at full effect")
            }
        }
        return Ramp(from: from, to: to, until: until ?? nil, fade: fade)
    }
}
