/// Segments (model.md 2.2). Input paths follow the NumPy peer: `segments.SEG.initial.STATE`,
/// `segments.SEG.arrivals.STATE`, `segments.SEG.acquisition_cost`, `segments.SEG.transitions.FROM.TO`,
/// a Dirichlet row `segments.SEG.transitions.FROM`, `segments.SEG.value.STATE.revenue|cost|revenue_cv`.
extension ScenarioDecoder {
    static let segmentKeys = ["initial", "arrivals", "acquisition_cost", "transitions", "value", "move_values"] + TreeReader.labelKeys

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
                let amounts = stateAmounts(f.value, path, arrivals: f.key == "arrivals")
                if f.key == "initial" { segment.initial = amounts } else { segment.arrivals = amounts }
            case "acquisition_cost":
                segment.acquisitionCost = read.uncertain(f.value, path, input: path)
                segment.acquisitionCost.map { Validator.nonNegative($0, path, sink) }
            case "transitions":
                segment.transitions = transitions(f.value, path)
            case "value":
                segment.value = values(f.value, path)
            case "move_values":
                segment.moveValues = moveValues(f.value, path)
            default: break
            }
        }
        return segment
    }

    private func stateAmounts(_ node: YNode, _ path: String, arrivals: Bool) -> [StateAmount] {
        var out: [StateAmount] = []
        for e in read.mapping(node, path) ?? [] {
            let p = child(path, e.key)
            guard let i = state(e.key, at: e.keyLocation, path) else { continue }
            if arrivals, states[i].isChurn {
                sink.error(at: e.keyLocation, path: path, "arrivals into churn state '\(e.key)'")
            }
            guard let u = read.uncertain(e.value, p, input: p) else { continue }
            Validator.nonNegative(u, p, sink)
            Validator.atMost(Limits.maxCount, u, p, sink)
            if !arrivals { Validator.wholeCount(u, p, sink) }     // arrivals are Poisson means: 0.4 a period is fine
            out.append(StateAmount(state: i, amount: u))
        }
        return out
    }

    private func transitions(_ node: YNode, _ path: String) -> [TransitionEntry] {
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
            var moves: [Move] = []
            for m in read.mapping(e.value, rowPath) ?? [] {
                let p = child(rowPath, m.key)
                guard let to = state(m.key, at: m.keyLocation, rowPath) else { continue }
                if to == from {
                    sink.error(at: m.keyLocation, path: rowPath,
                               "a move from '\(e.key)' to itself; staying is implicit (1 − the other moves)")
                    continue
                }
                guard let u = read.uncertain(m.value, p, input: p) else { continue }
                Validator.probability(u, p, sink)
                moves.append(Move(to: to, probability: u))
            }
            Validator.rowSum(moves.map(\.probability), at: e.keyLocation, rowPath, sink)
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
    private func moveValues(_ node: YNode, _ path: String) -> [MoveValue] {
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
                    guard let field = MoveValueField(rawValue: f.key), let u = read.uncertain(f.value, p, input: p) else { continue }
                    Validator.nonNegative(u, p, sink)
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

    private func values(_ node: YNode, _ path: String) -> [StateValue] {
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
                guard let field = ValueField(rawValue: f.key), let u = read.uncertain(f.value, p, input: p) else { continue }
                switch field {
                case .revenue: v.revenue = u
                case .cost: v.cost = u
                case .revenueCV: v.revenueCV = u; Validator.nonNegative(u, p, sink)
                }
            }
            out.append(v)
        }
        return out
    }
}
