/// Segments (model.md 2.2). Input paths follow the NumPy peer: `segments.SEG.initial.STATE`,
/// `segments.SEG.arrivals.STATE`, `segments.SEG.acquisition_cost`, `segments.SEG.transitions.FROM.TO`,
/// a Dirichlet row `segments.SEG.transitions.FROM`, `segments.SEG.value.STATE.revenue|cost|revenue_cv`.
extension ScenarioDecoder {
    static let segmentKeys = ["initial", "arrivals", "acquisition_cost", "transitions", "value", "move_values", "growth", "season"] + TreeReader.labelKeys

    func decodeSegment(_ name: String, _ node: YNode) -> Segment {
        let pre = child("segments", name)
        NameRules.check(name, "segment", forbidden: NameRules.identifier, at: node.location, path: pre, sink)
        var segment = Segment(name: name, initial: [], arrivals: [], acquisitionCost: nil, transitions: [], value: [])
        guard let fields = read.mapping(node, pre) else { return segment }
        read.checkKeys(fields, allowed: Self.segmentKeys, pre)
        segment.labelled = read.labelled(fields, pre)
        for f in fields {
            let path = child(pre, f.key)
            switch f.key {
            case "initial", "arrivals":
                let amounts = stateAmounts(f.value, path, arrivals: f.key == "arrivals", series: &segment.series)
                if f.key == "initial" { segment.initial = amounts } else { segment.arrivals = amounts }
            case "acquisition_cost":
                segment.acquisitionCost = perPeriod(f.value, path, .acquisitionCost, into: &segment.series) {
                    Validator.nonNegative($0, $1, sink)
                }
            case "transitions":
                segment.transitions = transitions(f.value, path, series: &segment.series)
            case "value":
                segment.value = values(f.value, path, series: &segment.series)
            case "move_values":
                segment.moveValues = moveValues(f.value, path, series: &segment.series)
            case "growth", "season":
                segment.trends += trends(f.value, path, season: f.key == "season")
            default: break
            }
        }
        return segment
    }

    private func stateAmounts(_ node: YNode, _ path: String, arrivals: Bool, series: inout [PeriodSeries]) -> [StateAmount] {
        var out: [StateAmount] = []
        for e in read.mapping(node, path) ?? [] {
            let p = child(path, e.key)
            guard let i = state(e.key, at: e.keyLocation, path) else { continue }
            if arrivals, states[i].isChurn {
                sink.error(at: e.keyLocation, path: path, "arrivals into churn state '\(e.key)'")
            }
            if !arrivals, e.value.entries?.contains(where: { $0.key == "by_period" }) == true {
                sink.error(at: e.value.location, path: p, "the customers at t = 0 are one number: 'by_period' is for numbers of periods 1, 2, …")
                continue
            }
            let u = arrivals
                ? perPeriod(e.value, p, .arrivals(i), into: &series) {
                    Validator.nonNegative($0, $1, sink)
                    Validator.atMost(Limits.maxCount, $0, $1, sink)     // Poisson means: 0.4 a period is fine
                }
                : read.uncertain(e.value, p, input: p)
            guard let u else { continue }
            if !arrivals {
                Validator.nonNegative(u, p, sink)
                Validator.atMost(Limits.maxCount, u, p, sink)
                Validator.wholeCount(u, p, sink)
            }
            out.append(StateAmount(state: i, amount: u))
        }
        return out
    }

    private func transitions(_ node: YNode, _ path: String, series: inout [PeriodSeries]) -> [TransitionEntry] {
        var out: [TransitionEntry] = []
        for e in read.mapping(node, path) ?? [] {
            let rowPath = child(path, e.key)
            guard let from = state(e.key, at: e.keyLocation, path) else { continue }
            if states[from].isChurn {
                sink.error(at: e.keyLocation, path: path, "churn state '\(e.key)' is absorbing and has no transitions")
                continue
            }
            if case .scalar(let text, _) = e.value.kind, !e.value.isNull {
                if let row = dirichletRow(text, e.value.location, rowPath) { out.append(TransitionEntry(from: from, row: .dirichlet(row))) }
                continue
            }
            if e.value.entries?.contains(where: { $0.key == "by_period" }) == true {
                sink.error(at: e.value.location, path: rowPath,
                           "a row does not vary by period as a whole: write by_period on each move ('\(e.key)': {TO: {by_period: [...]}})")
                continue
            }
            var moves: [Move] = []
            let before = series.count
            for m in read.mapping(e.value, rowPath) ?? [] {
                let p = child(rowPath, m.key)
                guard let to = state(m.key, at: m.keyLocation, rowPath) else { continue }
                if to == from {
                    sink.error(at: m.keyLocation, path: rowPath,
                               "a move from '\(e.key)' to itself; staying is implicit (1 − the other moves)")
                    continue
                }
                guard let u = perPeriod(m.value, p, .move(from: from, to: to), into: &series, check: {
                    Validator.probability($0, $1, sink)
                }) else { continue }
                moves.append(Move(to: to, probability: u))
            }
            Validator.rowSum(moves.map(\.probability), at: e.keyLocation, rowPath, sink)
            // Each later period's row, where some move varies by period (a move holds its last value).
            let varying = series[before...]
            if let longest = varying.map(\.later.count).max() {
                for k in 0..<longest {
                    let row = moves.map { m -> Uncertain in
                        guard let s = varying.first(where: { $0.target == .move(from: from, to: m.to) }), !s.later.isEmpty else {
                            return m.probability
                        }
                        return s.later[min(k, s.later.count - 1)]
                    }
                    Validator.rowSum(row, at: e.keyLocation, rowPath + " (period \(k + 2))", sink)
                }
            }
            out.append(TransitionEntry(from: from, row: .moves(moves)))
        }
        return out
    }

    private func dirichletRow(_ text: String, _ location: SourceLocation, _ path: String) -> DirichletRow? {
        switch DistributionParser.parse(text) {
        case .success(.dirichlet(let pairs)):
            var destinations: [Int] = []
            for (name, _) in pairs {
                if let i = state(name, at: location, path) { destinations.append(i) }
            }
            guard destinations.count == pairs.count else { return nil }
            return DirichletRow(path: path, destinations: destinations, weights: pairs.map(\.weight),
                                text: text.trimmingSpaces, location: location)
        case .success(.distribution), .success(.formula):
            sink.error(at: location, path: path,
                       "a transition row is a mapping of moves or dirichlet(state: weight, ...), found '\(text.trimmingSpaces)'")
        case .failure(let f):
            sink.error(at: location, path: path, f.message)
        }
        return nil
    }

    /// `move_values: {FROM: {TO: {revenue, cost}}}`: one-off amounts per customer moving FROM → TO,
    /// at `segments.SEG.move_values.FROM.TO.revenue|cost`.
    private func moveValues(_ node: YNode, _ path: String, series: inout [PeriodSeries]) -> [MoveValue] {
        var out: [MoveValue] = []
        for e in read.mapping(node, path) ?? [] {
            let fromPath = child(path, e.key)
            guard let from = state(e.key, at: e.keyLocation, path) else { continue }
            if states[from].isChurn {
                sink.error(at: e.keyLocation, path: path, "churn state '\(e.key)' is absorbing and has no moves")
                continue
            }
            for m in read.mapping(e.value, fromPath) ?? [] {
                let movePath = child(fromPath, m.key)
                guard let to = state(m.key, at: m.keyLocation, fromPath) else { continue }
                if to == from {
                    sink.error(at: m.keyLocation, path: fromPath, "a move from '\(e.key)' to itself; staying is not a move")
                    continue
                }
                guard let fields = read.mapping(m.value, movePath) else { continue }
                read.checkKeys(fields, allowed: MoveValueField.allCases.map(\.rawValue), movePath)
                var v = MoveValue(from: from, to: to)
                for f in fields {
                    let p = child(movePath, f.key)
                    guard let field = MoveValueField(rawValue: f.key),
                          let u = perPeriod(f.value, p, .moveValue(from: from, to: to, field), into: &series, check: {
                              Validator.nonNegative($0, $1, sink)
                          }) else { continue }
                    switch field {
                    case .revenue: v.revenue = u
                    case .cost: v.cost = u
                    }
                }
                out.append(v)
            }
        }
        return out
    }

    /// `growth: {FIELD: rate | {STATE: rate}}` and `season: {FIELD: [m1, …, mp] | {STATE: [...]}}`,
    /// FIELD one of arrivals, revenue, cost. Rates are annual, > −1; multipliers ≥ 0. The length of
    /// a season is checked against the period in `decode`.
    private func trends(_ node: YNode, _ path: String, season: Bool) -> [Trend] {
        var out: [Trend] = []
        for e in read.mapping(node, path) ?? [] {
            let fieldPath = child(path, e.key)
            guard let field = TrendField(rawValue: e.key) else {
                sink.error(at: e.keyLocation, path: path, "unknown key '\(e.key)'"
                    + Suggest.didYouMean(e.key, among: TrendField.allCases.map(\.rawValue)) + " (allowed: arrivals, revenue, cost)")
                continue
            }
            func one(_ value: YNode, state: Int?, _ p: String) {
                if season {
                    guard let items = read.list(value, p) else { return }
                    var ms: [Double] = []
                    for (k, x) in items.enumerated() {
                        guard let m = read.number(x, p + "[\(k)]") else { return }
                        if m < 0 { sink.error(at: x.location, path: p + "[\(k)]", "must be ≥ 0, found \(fmt(m))"); return }
                        ms.append(m)
                    }
                    out.append(Trend(field: field, state: state, season: ms, location: value.location))
                } else {
                    guard let g = read.number(value, p) else { return }
                    if g <= -1 { sink.error(at: value.location, path: p, "an annual growth rate must be > −1, found \(fmt(g))"); return }
                    out.append(Trend(field: field, state: state, growth: g, location: value.location))
                }
            }
            if e.value.items == nil, let entries = e.value.entries {
                for s in entries {
                    guard let i = state(s.key, at: s.keyLocation, fieldPath) else { continue }
                    if states[i].isChurn {
                        sink.error(at: s.keyLocation, path: fieldPath, "churn state '\(s.key)' carries no value")
                        continue
                    }
                    one(s.value, state: i, child(fieldPath, s.key))
                }
            } else {
                one(e.value, state: nil, fieldPath)
            }
        }
        return out
    }

    private func values(_ node: YNode, _ path: String, series: inout [PeriodSeries]) -> [StateValue] {
        var out: [StateValue] = []
        for e in read.mapping(node, path) ?? [] {
            let statePath = child(path, e.key)
            guard let i = state(e.key, at: e.keyLocation, path) else { continue }
            if states[i].isChurn {
                sink.error(at: e.keyLocation, path: path, "churn state '\(e.key)' carries no value")
                continue
            }
            var v = StateValue(state: i)
            guard let fields = read.mapping(e.value, statePath) else { continue }
            read.checkKeys(fields, allowed: ValueField.allCases.map(\.rawValue), statePath)
            for f in fields {
                let p = child(statePath, f.key)
                guard let field = ValueField(rawValue: f.key),
                      let u = perPeriod(f.value, p, .value(i, field), into: &series, check: {
                          if field == .revenueCV { Validator.nonNegative($0, $1, sink) }
                      }) else { continue }
                switch field {
                case .revenue: v.revenue = u
                case .cost: v.cost = u
                case .revenueCV: v.revenueCV = u
                }
            }
            out.append(v)
        }
        return out
    }
}
