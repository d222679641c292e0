import CLVModel

/// What differs between the assumptions of two studies (`clvsim diff`, section "Changed assumptions").
public struct AssumptionDiff: Sendable {
    /// Scenarios present on both sides: index in the before study → index in the after study
    /// (baseline to baseline; plans by file name, else by name).
    public var matched: [(before: Int, after: Int)]
    public var changes: [AssumptionChange]
    /// Paths of inputs whose distribution changed, in first-seen order: the attribution's factors.
    public var changedInputs: [String]
    /// Whether anything besides those inputs changes the numbers (structure, settings that the run
    /// uses, added or removed inputs): attributed as one more factor, "other changes".
    public var otherChanges: Bool

    public init(before: LoadedSide, after: LoadedSide) {
        let a = before.study, b = after.study
        var m: [(Int, Int)] = [(0, 0)]
        var usedB: Set<Int> = [0]
        // A portfolio's assumptions are its plans' (the same inputs, paths and files): it is compared
        // through them, not as a scenario of its own, so that a change is listed and attributed once.
        let plansB = (1..<b.scenarios.count).filter { b.scenarios[$0].portfolio == nil }
        for i in 1..<a.scenarios.count where a.scenarios[i].portfolio == nil {
            let j = plansB.first { !usedB.contains($0) && after.files[$0] == before.files[i] }
                ?? plansB.first { !usedB.contains($0) && b.scenarios[$0].name == a.scenarios[i].name }
            if let j { m.append((i, j)); usedB.insert(j) }
        }
        matched = m
        var raw: [(AssumptionChange, scenario: String)] = []
        var factors: [String] = [], other = false
        for (i, j) in m {
            let sa = Snapshot(a.scenarios[i]), sb = Snapshot(b.scenarios[j])
            let name = b.scenarios[j].name
            let ia = Dictionary(sa.inputs.map { ($0.path, $0) }, uniquingKeysWith: { x, _ in x })
            let ib = Dictionary(sb.inputs.map { ($0.path, $0) }, uniquingKeysWith: { x, _ in x })
            let ka = Dictionary(sa.structure.map { ($0.key, $0.text) }, uniquingKeysWith: { x, _ in x })
            let kb = Dictionary(sb.structure.map { ($0.key, $0.text) }, uniquingKeysWith: { x, _ in x })
            // Structure: changed, added, removed keys.
            for (k, t) in sa.structure {
                if let u = kb[k] {
                    if u != t {
                        let cosmetic = k == "name"
                        raw.append((AssumptionChange(kind: cosmetic ? .renamed : .changed, category: Self.category(k), path: k,
                                                     before: t, after: u), name))
                        if !cosmetic { other = true }
                    }
                } else {
                    raw.append((AssumptionChange(kind: .removed, category: Self.category(k), path: k, before: t, after: nil), name))
                    other = true
                }
            }
            for (k, u) in sb.structure where ka[k] == nil {
                raw.append((AssumptionChange(kind: .added, category: Self.category(k), path: k, before: nil, after: u), name))
                other = true
            }
            // Inputs: a changed distribution is a factor; inputs of an added or removed group are that group.
            for x in sa.inputs {
                if let y = ib[x.path] {
                    if x.identity != y.identity {
                        raw.append((AssumptionChange(kind: .changed, category: Self.category(x.path), path: x.path,
                                                     before: x.text, after: y.text), name))
                        if !factors.contains(x.path) { factors.append(x.path) }
                    }
                } else {
                    other = true
                    if let g = sa.group(of: x.path), kb[g] == nil { continue }
                    raw.append((AssumptionChange(kind: .removed, category: Self.category(x.path), path: x.path,
                                                 before: x.text, after: nil), name))
                }
            }
            for y in sb.inputs where ia[y.path] == nil {
                other = true
                if let g = sb.group(of: y.path), ka[g] == nil { continue }
                raw.append((AssumptionChange(kind: .added, category: Self.category(y.path), path: y.path, before: nil, after: y.text), name))
            }
        }
        // Plans added and removed.
        for i in a.scenarios.indices where a.scenarios[i].portfolio == nil && !m.contains(where: { $0.0 == i }) {
            raw.append((AssumptionChange(kind: .removed, category: .plans, path: before.files[i], before: a.scenarios[i].name, after: nil), ""))
        }
        for j in b.scenarios.indices where b.scenarios[j].portfolio == nil && !m.contains(where: { $0.1 == j }) {
            raw.append((AssumptionChange(kind: .added, category: .plans, path: after.files[j], before: nil, after: b.scenarios[j].name), ""))
        }
        // Study settings: trials, seed and CLV samples are set for both sides by the diff (not attributed).
        func setting(_ k: String, _ x: String, _ y: String) {
            if x != y { raw.append((AssumptionChange(kind: .changed, category: .settings, path: k, before: x, after: y), "")) }
        }
        setting("study", a.name, b.name)
        setting("simulation.trials", "\(a.simulation.trials)", "\(b.simulation.trials)")
        setting("simulation.seed", "\(a.simulation.seed)", "\(b.simulation.seed)")
        setting("simulation.clv_samples", "\(a.simulation.clvSamples)", "\(b.simulation.clvSamples)")
        setting("report.title", a.report.title ?? "", b.report.title ?? "")
        setting("report.locale", a.report.locale, b.report.locale)
        // One change seen in several scenarios (a baseline input the plans inherit) is listed once.
        var grouped: [AssumptionChange] = []
        for (c, sc) in raw {
            if let k = grouped.firstIndex(where: { $0.kind == c.kind && $0.path == c.path && $0.before == c.before && $0.after == c.after }) {
                if !sc.isEmpty { grouped[k].scenarios.append(sc) }
            } else {
                var c = c
                c.scenarios = sc.isEmpty ? [] : [sc]
                grouped.append(c)
            }
        }
        let allNames = m.map { b.scenarios[$0.1].name }
        for k in grouped.indices where grouped[k].scenarios == allNames && allNames.count > 1 { grouped[k].scenarios = [] }
        changes = grouped
        changedInputs = factors
        otherChanges = other
    }

    /// The category a key or input path belongs to.
    static func category(_ path: String) -> AssumptionChange.Category {
        if path.hasPrefix("effects.") { return .effects }
        if path.hasPrefix("costs.") { return .costs }
        if path.hasPrefix("risks.") { return .risks }
        if path.hasPrefix("states.") { return .states }
        if path.hasPrefix("correlations.") { return .correlations }
        if path == "ramp" || path.hasPrefix("ramp.") { return .ramp }
        if path.hasPrefix("segments.") { return path.split(separator: ".").count == 2 ? .segments : .inputs }
        return .settings
    }

    /// Whether nothing at all differs.
    public var isEmpty: Bool { changes.isEmpty }
}

/// One difference between the two sides' assumptions.
public struct AssumptionChange: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable { case changed, added, removed, renamed }
    public enum Category: String, Sendable, Codable {
        case inputs, effects, costs, risks, plans, segments, states, settings, ramp, correlations
    }
    public var kind: Kind
    public var category: Category
    /// Input path or key (`effects.value.*.revenue.relative`, `horizon`, `states.dormant`; a plan's file).
    public var path: String
    /// A short human name of the path.
    public var label: String
    /// Scenario names where the change is; empty when it is in every scenario, or study-wide.
    public var scenarios: [String]
    /// As written (distribution text, setting value); nil for an addition / removal.
    public var before: String?
    public var after: String?

    init(kind: Kind, category: Category, path: String, before: String?, after: String?) {
        self.kind = kind
        self.category = category
        self.path = path
        label = category == .plans ? (after ?? before ?? path) : PathLabel.of(path)
        scenarios = []
        self.before = before
        self.after = after
    }
}
