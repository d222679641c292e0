/// `label:` and `description:` of a study, scenario, segment, state, cost, effect or risk, and a
/// scenario's `labels:` map from input path (or `category.NAME`) to a label (docs/scenario-format.md).
extension TreeReader {
    static let labelKeys = ["label", "description"]
    /// Longest label and description accepted, in characters.
    static let maxLabel = 120, maxDescription = 600

    /// The `label` and `description` entries of a mapping.
    func labelled(_ fields: [YEntry], _ path: String) -> Labelled {
        var out = Labelled()
        for f in fields {
            if f.key == "label" { out.label = localized(f.value, child(path, "label"), limit: Self.maxLabel, lines: false) }
            if f.key == "description" {
                out.description = localized(f.value, child(path, "description"), limit: Self.maxDescription, lines: true)
            }
        }
        return out
    }

    /// Text, or a mapping from locale (`en`, `zh-Hans`) to text.
    func localized(_ node: YNode, _ path: String, limit: Int, lines: Bool) -> LocalizedText? {
        if node.entries != nil {
            guard let entries = mapping(node, path) else { return nil }
            checkKeys(entries, allowed: LocalizedText.locales, path)
            var out = LocalizedText()
            for e in entries where LocalizedText.locales.contains(e.key) {
                if let t = labelText(e.value, child(path, e.key), limit: limit, lines: lines) { out.byLocale[e.key] = t }
            }
            if entries.isEmpty { sink.error(at: node.location, path: path, "expected text or {en: …, zh-Hans: …}, found an empty mapping") }
            return out.byLocale.isEmpty ? nil : out
        }
        return labelText(node, path, limit: limit, lines: lines).map { LocalizedText(text: $0) }
    }

    private func labelText(_ node: YNode, _ path: String, limit: Int, lines: Bool) -> String? {
        guard case .scalar(let s, _) = node.kind, !node.isNull else {
            sink.error(at: node.location, path: path, "expected text, found \(node.kindName)")
            return nil
        }
        let t = s.trimmingSpaces
        if t.isEmpty {
            sink.error(at: node.location, path: path, "is empty")
            return nil
        }
        if t.count > limit {
            sink.error(at: node.location, path: path, "is \(t.count) characters long (at most \(limit))")
            return nil
        }
        if t.unicodeScalars.contains(where: { ($0.value < 0x20 && !(lines && $0 == "\n")) || $0.value == 0x7F }) {
            sink.error(at: node.location, path: path, lines ? "contains a control character" : "contains a line break or control character")
            return nil
        }
        return t
    }

    /// A scenario's `labels:` map: input path (as in the report's appendix) or `category.NAME` to a label.
    func labelMap(_ node: YNode, _ path: String) -> [String: LocalizedText] {
        var out: [String: LocalizedText] = [:]
        for e in mapping(node, path) ?? [] {
            if let t = localized(e.value, child(path, e.key), limit: Self.maxLabel, lines: false) { out[e.key] = t }
        }
        return out
    }
}
