/// Effect targets (model.md 2.3): `transitions.FROM.TO`, `value.STATE.revenue|cost|revenue_cv`,
/// `arrivals.STATE`, `initial.STATE`, `acquisition_cost`; `*` may stand for a state.
struct EffectTargets {
    let states: [State]
    let sink: DiagnosticSink

    static let grammar = "transitions.FROM.TO, value.STATE.revenue|cost|revenue_cv, arrivals.STATE, initial.STATE, acquisition_cost or move_values.FROM.TO.revenue|cost"

    func parse(_ text: String, at location: SourceLocation, _ path: String) -> EffectTarget? {
        let p = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func pattern(_ s: String) -> StatePattern? {
            if s == "*" { return .any }
            if let i = states.firstIndex(where: { $0.name == s }) { return .state(i) }
            sink.error(at: location, path: path, "unknown state '\(s)'" + Suggest.didYouMean(s, among: states.map(\.name)))
            return nil
        }
        func isChurn(_ pat: StatePattern) -> Bool {
            if case .state(let i) = pat { return states[i].isChurn }
            return false
        }
        switch (p.first ?? "", p.count) {
        case ("transitions", 3):
            guard let from = pattern(p[1]), let to = pattern(p[2]) else { return nil }
            if isChurn(from) {
                sink.error(at: location, path: path, "churn state '\(p[1])' is absorbing and has no transitions")
                return nil
            }
            if case .state(let a) = from, case .state(let b) = to, a == b {
                sink.error(at: location, path: path, "a move from '\(p[1])' to itself; staying is implicit (1 − the other moves)")
                return nil
            }
            return .transition(from: from, to: to)
        case ("value", 3):
            guard let field = ValueField(rawValue: p[2]) else {
                sink.error(at: location, path: path, "unknown value field '\(p[2])'"
                    + Suggest.didYouMean(p[2], among: ValueField.allCases.map(\.rawValue)) + " (allowed: revenue, cost, revenue_cv)")
                return nil
            }
            guard let s = pattern(p[1]) else { return nil }
            if isChurn(s) {
                sink.error(at: location, path: path, "churn state '\(p[1])' carries no value")
                return nil
            }
            return .value(state: s, field: field)
        case ("arrivals", 2):
            guard let s = pattern(p[1]) else { return nil }
            if isChurn(s) {
                sink.error(at: location, path: path, "arrivals into churn state '\(p[1])'")
                return nil
            }
            return .arrivals(s)
        case ("initial", 2):
            return pattern(p[1]).map { .initial($0) }
        case ("acquisition_cost", 1):
            return .acquisitionCost
        case ("move_values", 4):
            guard let field = MoveValueField(rawValue: p[3]) else {
                sink.error(at: location, path: path, "unknown move value field '\(p[3])'"
                    + Suggest.didYouMean(p[3], among: MoveValueField.allCases.map(\.rawValue)) + " (allowed: revenue, cost)")
                return nil
            }
            guard let from = pattern(p[1]), let to = pattern(p[2]) else { return nil }
            if isChurn(from) {
                sink.error(at: location, path: path, "churn state '\(p[1])' is absorbing and has no moves")
                return nil
            }
            return .moveValue(from: from, to: to, field: field)
        default:
            let heads = ["transitions", "value", "arrivals", "initial", "acquisition_cost", "move_values"]
            sink.error(at: location, path: path, "unknown effect target '\(text)'"
                + Suggest.didYouMean(p.first ?? "", among: heads) + "; targets are \(Self.grammar)")
            return nil
        }
    }
}
