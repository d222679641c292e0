import Testing
@testable import CLVModel

/// `label:`, `description:` and `labels:` in scenario files.
@Suite("Labels")
struct LabelTests {
    @Test("Bad labels are reported at their line and column")
    func diagnostics() {
        #expect(Fixtures.lines(["rules/labels.yaml"]) == [
            "$F/rules/labels.yaml:3:19: error: label: unknown key 'fr'",
            "$F/rules/labels.yaml:4:14: error: description: is empty",
            "$F/rules/labels.yaml:7:19: error: labels.category.other: expected text, found a list",
            "$F/rules/labels.yaml:9:36: error: states.new.label: expected text or {en: …, zh-Hans: …}, found an empty mapping",
        ])
        // Control characters in a label are refused before any of this, as in every text
        // (TextSafety; the hardening tests' rules/text.yaml).
    }

    @Test("Labels are read per locale and fall back to the locale-free text")
    func perLocale() throws {
        let t = LocalizedText(text: nil, byLocale: ["en": "Adoption shortfall", "zh-Hans": "推广不及预期"])
        #expect(t.text(for: "zh-Hans") == "推广不及预期")
        #expect(t.text(for: "en") == "Adoption shortfall")
        let plain = LocalizedText(text: "Plan A")
        #expect(plain.text(for: "zh-Hans") == "Plan A")
    }
}
