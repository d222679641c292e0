/// A portfolio as one scenario (docs/model.md, "Portfolios"): the members' costs, effects and
/// risks in listed order, each tagged with its member's index (`owner`), and each member's own
/// ramp. Inputs keep their paths, so a portfolio draws what its plans draw (common random numbers).
public enum Portfolio {
    public static func compose(_ spec: PortfolioSpec, plans: [Scenario]) -> Scenario {
        let members = spec.members.map { plans[$0] }
        var s = members[0]
        s.name = spec.name
        s.costs = []
        s.effects = []
        s.risks = []
        s.correlations = []
        s.inputLabels = [:]
        for (k, m) in members.enumerated() {
            s.costs += m.costs.map { var c = $0; c.owner = k; return c }
            s.effects += m.effects.map { var e = $0; e.owner = k; return e }
            // Two members' risks of one name (each plan's "Budget overrun") stay two risks: the later
            // one is named after its plan too, so the register and the analysis keep them apart. Its
            // occurrence draw keeps its path (the plan's own: common random numbers).
            s.risks += m.risks.map { r0 in
                var r = r0
                r.owner = k
                if s.risks.contains(where: { $0.name == r.name }) {
                    r.name = "\(r0.name) (\(m.name))"
                    if let l = r0.labelled.label {
                        var out = LocalizedText()
                        for loc in LocalizedText.locales {
                            out.byLocale[loc] = "\(l.text(for: loc) ?? r0.name) (\(m.labelled.label?.text(for: loc) ?? m.name))"
                        }
                        r.labelled.label = out
                    }
                }
                return r
            }
            for c in m.correlations where !s.correlations.contains(c) { s.correlations.append(c) }
            s.inputLabels.merge(m.inputLabels) { a, _ in a }
        }
        s.ownerRamps = members.map(\.ramp)
        s.portfolio = members.map(\.name)
        s.labelled = Labelled(label: spec.label ?? joinedLabel(members), description: nil)
        return s
    }

    /// "A + B" per locale, from the members' labels (their names where they have none).
    static func joinedLabel(_ members: [Scenario]) -> LocalizedText? {
        guard members.contains(where: { $0.labelled.label != nil }) else { return nil }
        var out = LocalizedText()
        for l in LocalizedText.locales {
            out.byLocale[l] = members.map { $0.labelled.label?.text(for: l) ?? $0.name }.joined(separator: " + ")
        }
        return out
    }
}
