extension PlanDecoder {
    static let riskKeys = ["name", "category", "probability", "categories", "mitigation", "transfer"]
        + RiskConsequence.Kind.allCases.map(\.key) + TreeReader.labelKeys
    static let mitigationKeys = ["cost", "at", "probability", "scale"]
    static let transferKeys = ["premium", "at", "cap"]

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
            let probability = read.required(fields, "probability", in: item, path).flatMap {
                read.uncertain($0.value, child(path, "probability"), input: key + ".probability")
            }
            probability.map { Validator.probability($0, child(path, "probability"), sink) }
            var consequences: [RiskConsequence] = []
            for kind in RiskConsequence.Kind.allCases {
                guard let f = field(kind.key),
                      let u = read.uncertain(f.value, child(path, kind.key), input: key + "." + kind.key) else { continue }
                Validator.atLeast(kind.lowerBound, u, child(path, kind.key), sink)
                switch kind {
                case .delay: consequences.append(.delay(u))
                case .costOverrun: consequences.append(.costOverrun(u, categories: overrunCategories(field("categories"), path, costs: categories)))
                case .effectScale: consequences.append(.effectScale(u))
                }
            }
            if RiskConsequence.Kind.allCases.allSatisfy({ field($0.key) == nil }) {
                let keys = RiskConsequence.Kind.allCases.map { "'\($0.key)'" }
                sink.error(at: item.location, path: path,
                           "a risk needs at least one of \(keys.dropLast().joined(separator: ", ")) or \(keys.last!)")
            }
            if let c = field("categories"), field(RiskConsequence.Kind.costOverrun.key) == nil {
                sink.error(at: c.keyLocation, path: path, "'categories' goes with 'cost_overrun'")
            }
            let category = field("category").flatMap { riskCategory($0, path) }
            let mitigation = field("mitigation").flatMap { riskMitigation($0, path, key: key, risk: probability) }
            let transfer = field("transfer").flatMap { riskTransfer($0, path, key: key, overrun: field("cost_overrun") != nil) }
            guard let probability else { continue }
            var risk = Risk(name: name, category: category, probability: probability, consequences: consequences,
                            mitigation: mitigation, transfer: transfer, location: item.location, occursPath: key + ".occurs")
            risk.labelled = read.labelled(fields, path)
            out.append(risk)
        }
        return out
    }

    /// `categories:` of an overrun: cost categories (a warning for one no cost item has).
    private func overrunCategories(_ c: YEntry?, _ path: String, costs categories: [String]) -> [String]? {
        guard let c else { return nil }
        var cats: [String] = []
        for (i, x) in (read.list(c.value, child(path, "categories")) ?? []).enumerated() {
            guard let cat = read.string(x, child(path, "categories[\(i)]")) else { continue }
            if !categories.contains(cat) {
                sink.warning(at: x.location, path: child(path, "categories"),
                             "no cost has category '\(cat)'" + Suggest.didYouMean(cat, among: categories))
            }
            cats.append(cat)
        }
        return cats
    }

    /// `category:` of a risk: one of the source report's four or any other word (a warning when it is
    /// one letter or two away from one of the four).
    private func riskCategory(_ f: YEntry, _ path: String) -> String? {
        guard let word = read.string(f.value, child(path, "category")) else { return nil }
        NameRules.check(word, "risk category", forbidden: NameRules.label, at: f.value.location, path: child(path, "category"), sink)
        if !RiskCategory.known.contains(word) {
            let hint = Suggest.didYouMean(word, among: RiskCategory.known)
            if !hint.isEmpty {
                sink.warning(at: f.value.location, path: child(path, "category"), "'\(word)' is not one of technical, market, operational, compliance" + hint)
            }
        }
        return word
    }

    /// A one-off period `at` (default 0) within the horizon.
    private func period(_ e: YEntry?, _ path: String) -> Int? {
        guard let e else { return 0 }
        guard let t = read.integer(e.value, child(path, "at")) else { return nil }
        if t < 0 || t > horizon {
            sink.error(at: e.value.location, path: child(path, "at"), "period \(t) is outside the horizon 0...\(horizon)")
            return nil
        }
        return t
    }

    /// `mitigation: {cost, at, probability | scale}`.
    private func riskMitigation(_ f: YEntry, _ riskPath: String, key: String, risk probability: Uncertain?) -> RiskMitigation? {
        let path = child(riskPath, "mitigation"), input = key + ".mitigation."
        guard let fields = read.mapping(f.value, path) else { return nil }
        read.checkKeys(fields, allowed: Self.mitigationKeys, path)
        func field(_ k: String) -> YEntry? { fields.first { $0.key == k } }
        func value(_ k: String) -> Uncertain? { field(k).flatMap { read.uncertain($0.value, child(path, k), input: input + k) } }
        let cost = read.required(fields, "cost", in: f.value, path).flatMap {
            read.uncertain($0.value, child(path, "cost"), input: input + "cost")
        }
        cost.map { Validator.nonNegative($0, child(path, "cost"), sink) }
        let p = value("probability"), s = value("scale")
        p.map { Validator.probability($0, child(path, "probability"), sink) }
        s.map { Validator.within(0, 1, $0, child(path, "scale"), sink) }
        if field("probability") == nil && field("scale") == nil {
            sink.error(at: f.value.location, path: path, "a mitigation needs 'probability' (the risk's probability with it) or 'scale' (the share of the impact left)")
        }
        if let probability, case .constant(0) = probability.distribution {
            sink.error(at: f.keyLocation, path: path, "the risk's probability is 0: there is nothing to mitigate")
        } else if let probability, let p, case .constant(let a) = probability.distribution, case .constant(let b) = p.distribution, b >= a, b <= 1 {
            sink.warning(at: p.location, path: child(path, "probability"), "\(fmt(b)) does not lower the risk's probability \(fmt(a))")
        }
        guard let cost, let at = period(field("at"), path) else { return nil }
        return RiskMitigation(cost: cost, at: at, probability: p, scale: s, location: f.value.location)
    }

    /// `transfer: {premium, at, cap}`: only for a risk with a cost overrun.
    private func riskTransfer(_ f: YEntry, _ riskPath: String, key: String, overrun: Bool) -> RiskTransfer? {
        let path = child(riskPath, "transfer"), input = key + ".transfer."
        guard let fields = read.mapping(f.value, path) else { return nil }
        read.checkKeys(fields, allowed: Self.transferKeys, path)
        func field(_ k: String) -> YEntry? { fields.first { $0.key == k } }
        func required(_ k: String) -> Uncertain? {
            read.required(fields, k, in: f.value, path).flatMap { read.uncertain($0.value, child(path, k), input: input + k) }
        }
        let premium = required("premium"), cap = required("cap")
        premium.map { Validator.nonNegative($0, child(path, "premium"), sink) }
        cap.map { Validator.nonNegative($0, child(path, "cap"), sink) }
        if !overrun {
            sink.error(at: f.keyLocation, path: path, "a transfer caps the cost of an overrun, and this risk has no 'cost_overrun': there is nothing to transfer")
        }
        guard let premium, let cap, let at = period(field("at"), path) else { return nil }
        return RiskTransfer(premium: premium, at: at, cap: cap, location: f.value.location)
    }
}
