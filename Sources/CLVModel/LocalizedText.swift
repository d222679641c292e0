/// A human label or description from a scenario file (`label:`, `description:`): one text for
/// every language, or one per locale (`{en: "Adoption shortfall", zh-Hans: "推广不及预期"}`).
public struct LocalizedText: Sendable, Hashable {
    /// The text written without a locale: shown in every language that has none of its own.
    public var text: String?
    /// Per locale tag (`en`, `zh-Hans`).
    public var byLocale: [String: String]

    public static let locales = ["en", "zh-Hans"]

    public init(text: String? = nil, byLocale: [String: String] = [:]) {
        self.text = text
        self.byLocale = byLocale
    }

    /// The text for `locale`: its own, else the locale-free text, else the English one.
    public func text(for locale: String) -> String? { byLocale[locale] ?? text ?? byLocale["en"] }
}

/// The labels of a scenario's parts that are not themselves one value.
public struct Labelled: Sendable, Hashable {
    public var label: LocalizedText?
    public var description: LocalizedText?
    public init(label: LocalizedText? = nil, description: LocalizedText? = nil) {
        self.label = label
        self.description = description
    }
    public var isEmpty: Bool { label == nil && description == nil }
}
