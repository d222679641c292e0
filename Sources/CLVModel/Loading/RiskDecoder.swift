extension PlanDecoder {
    /// Risks (model.md 2.3). `name` defaults to the risk's index (as in the NumPy peer) and must be unique,
    /// since it keys the input paths; `probability` is required; at least one consequence is required.
    func risks(_ node: YNode, costs: [CostItem]) -> [Risk] {
        var out: [Risk] = []
        var names: [String: SourceLocation] = [:]
        let categories = Array(Set(costs.map(\.category))).sorted()
        for (n, item) in (read.list(node, "risks") ?? []).enumerated() {
            let path = "risks[\(n)]"
            guard let fields = read.mapping(item, path) else { continue }
            read.checkKeys(fields, allowed: Self.riskKeys, path)
            func field(_ k: String) -> YEntry? { fields.first { $0.key == k } }
            let name = field("name").flatMap { read.string($0.value, child(path, "name")) } ?? "\(n)"
            if let first = names[name] {
                sink.error(at: field("name")?.value.location ?? item.location, path: child(path, "name"),
                           "risk name '\(name)' is already used at line \(first.line)")
            }
            names[name] = field("name")?.value.location ?? item.location
            if let f = field("name") { NameRules.check(name, "risk", forbidden: NameRules.label, at: f.value.location, path: child(path, "name"), sink) }
            let key = "risks.\(name)"
            func value(_ k: String) -> Uncertain? {
                field(k).flatMap { read.uncertain($0.value, child(path, k), input: key + "." + k) }
            }
            let probability = read.required(fields, "probability", in: item, path).flatMap {
                read.uncertain($0.value, child(path, "probability"), input: key + ".probability")
            }
            probability.map { Validator.probability($0, child(path, "probability"), sink) }
            let delay = value("delay"), overrun = value("cost_overrun"), scale = value("effect_scale")
            delay.map { Validator.nonNegative($0, child(path, "delay"), sink) }
            scale.map { Validator.nonNegative($0, child(path, "effect_scale"), sink) }
            overrun.map { Validator.atLeast(-1, $0, child(path, "cost_overrun"), sink) }
            if field("delay") == nil && field("cost_overrun") == nil && field("effect_scale") == nil {
                sink.error(at: item.location, path: path, "a risk needs at least one of 'delay', 'cost_overrun' or 'effect_scale'")
            }
            var cats: [String]?
            if let c = field("categories") {
                if field("cost_overrun") == nil {
                    sink.error(at: c.keyLocation, path: path, "'categories' goes with 'cost_overrun'")
                }
                cats = []
                for (i, x) in (read.list(c.value, child(path, "categories")) ?? []).enumerated() {
                    guard let cat = read.string(x, child(path, "categories[\(i)]")) else { continue }
                    if !categories.contains(cat) {
                        sink.warning(at: x.location, path: child(path, "categories"),
                                     "no cost has category '\(cat)'" + Suggest.didYouMean(cat, among: categories))
                    }
                    cats!.append(cat)
                }
            }
            guard let probability else { continue }
            var risk = Risk(name: name, probability: probability, delay: delay, costOverrun: overrun, categories: cats,
                            effectScale: scale, location: item.location, occursPath: key + ".occurs")
            risk.labelled = read.labelled(fields, path)
            out.append(risk)
        }
        return out
    }
}
