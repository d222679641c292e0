/// A target Spearman rank correlation between two inputs (`correlations:` in a scenario).
///
/// The engine imposes it across trials with Iman–Conover: each input keeps its own draws (its
/// marginal distribution is unchanged), only their pairing across trials is rearranged.
public struct CorrelationSpec: Sendable, Hashable {
    /// Input paths, as in `docs/scenario-format.md` "Input paths".
    public var first: String
    public var second: String
    /// Target Spearman rank correlation, in [−1, 1].
    public var spearman: Double
    public var location: SourceLocation

    public init(first: String, second: String, spearman: Double, location: SourceLocation) {
        self.first = first
        self.second = second
        self.spearman = spearman
        self.location = location
    }

    /// The pair, order-free.
    public var pair: Set<String> { [first, second] }
}

extension Study {
    /// Every pair listed by the baseline or a plan, each once (first listing wins; the loader
    /// rejects a pair given two different values).
    public var correlations: [CorrelationSpec] {
        var seen = Set<Set<String>>()
        var out: [CorrelationSpec] = []
        for s in scenarios { for c in s.correlations where seen.insert(c.pair).inserted { out.append(c) } }
        return out
    }
}
