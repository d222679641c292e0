public import CLVModel

/// Human names from the scenario files (`label:`, `description:`, `labels:`), key `labels` of the
/// results JSON. Keys: `study`, `title`, `scenario.NAME`, `segment.NAME`, `state.NAME`,
/// `category.NAME`, `risk.NAME`, `effect.PLAN#i` (the plan's i-th effect) and `input.PATH`.
/// The report falls back to words generated from the path for anything without a label.
public struct Labels: Sendable, Codable {
    public var entries: [LabelEntry]

    /// The label of `key` in `locale`, if the files give one.
    public func label(_ key: String, _ locale: String) -> String? {
        entries.first { $0.key == key }?.label?.text(for: locale)
    }
    public func description(_ key: String, _ locale: String) -> String? {
        entries.first { $0.key == key }?.description?.text(for: locale)
    }
}

public struct LabelEntry: Sendable, Codable {
    public var key: String
    public var label: LabelText?
    public var description: LabelText?
}

/// `{"text": …}` for a label written once, `{"en": …, "zh-Hans": …}` for one per locale.
public struct LabelText: Sendable, Codable {
    public var text: String?
    public var en: String?
    public var zhHans: String?
    enum CodingKeys: String, CodingKey, NilOmittingKeys {
        case text, en, zhHans = "zh-Hans"
        static let omittedWhenNil: Set<String> = ["text", "en", "zh-Hans"]
    }
    public func text(for locale: String) -> String? { (locale == "zh-Hans" ? zhHans : en) ?? text ?? en }

    init(_ t: LocalizedText) {
        text = t.text
        en = t.byLocale["en"]
        zhHans = t.byLocale["zh-Hans"]
    }
}

extension Labels {
    /// Every label the study's files give, in file order; the first scenario naming a key wins.
    public init(_ study: Study) {
        var out: [LabelEntry] = [], seen = Set<String>()
        func add(_ key: String, _ l: Labelled) {
            guard !l.isEmpty, !seen.contains(key) else { return }
            seen.insert(key)
            out.append(LabelEntry(key: key, label: l.label.map(LabelText.init), description: l.description.map(LabelText.init)))
        }
        add("study", study.labelled)
        if let t = study.report.titleText { add("title", Labelled(label: t)) }
        for (k, sc) in study.scenarios.enumerated() {
            // A plan extends the baseline's file: its own label only, never the baseline's inherited one.
            if k == 0 || sc.labelled != study.baseline.labelled { add("scenario." + sc.name, sc.labelled) }
            for st in sc.states { add("state." + st.name, st.labelled) }
            for sg in sc.segments { add("segment." + sg.name, sg.labelled) }
            for (i, e) in sc.effects.enumerated() {
                add("effect.\(sc.name)#\(i)", e.labelled)
                if let l = e.labelled.label { add("input." + e.amount.path, Labelled(label: l)) }
            }
            for c in sc.costs { if let l = c.labelled.label { add("input." + c.amount.path, Labelled(label: l)) } }
            for r in sc.risks { add("risk." + r.name, r.labelled) }
            for (k, v) in sc.inputLabels.sorted(by: { $0.key < $1.key }) {
                add(k.hasPrefix("category.") ? k : "input." + k, Labelled(label: v))
            }
        }
        entries = out
    }
}
