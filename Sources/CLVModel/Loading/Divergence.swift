/// With `terminal_value: clv` and `discount_rate: 0`, the value after the horizon of a customer
/// who can never churn is an undiscounted sum over an endless future: infinite, not a number the
/// report can show. Such a scenario is refused, naming the state (issue 11, item 9).
enum Divergence {
    /// Reports every segment state (not churn) from which no churn state can be reached through
    /// moves that can be positive, while some state it reaches carries a value.
    static func check(_ s: Scenario, at location: SourceLocation, _ sink: DiagnosticSink) {
        guard s.terminalValue == .clv, s.discountRate == 0 else { return }
        let k = s.states.count
        for seg in s.segments {
            var next = [[Int]](repeating: [], count: k)
            for e in seg.transitions {
                switch e.row {
                case .moves(let moves):
                    next[e.from] = moves.filter { Validator.range($0.probability.distribution).high > 0 }.map(\.to)
                case .dirichlet(let row):
                    next[e.from] = row.destinations
                }
            }
            var valued = [Bool](repeating: false, count: k)
            for v in seg.value {
                let r = v.revenue.map { Validator.range($0.distribution) }, c = v.cost.map { Validator.range($0.distribution) }
                valued[v.state] = (r.map { $0.low != 0 || $0.high != 0 } ?? false) || (c.map { $0.low != 0 || $0.high != 0 } ?? false)
            }
            for start in 0..<k where !s.states[start].isChurn {
                // Every state reachable from `start` (staying is always possible).
                var seen = [Bool](repeating: false, count: k)
                var stack = [start]
                seen[start] = true
                while let i = stack.popLast() {
                    for j in next[i] where !seen[j] { seen[j] = true; stack.append(j) }
                }
                let churns = (0..<k).contains { seen[$0] && s.states[$0].isChurn }
                let worth = (0..<k).contains { seen[$0] && valued[$0] }
                if !churns && worth {
                    sink.error(at: location, path: "terminal_value",
                               "clv with discount_rate 0 has no finite value: customers of segment '\(seg.name)' in state "
                               + "'\(s.states[start].name)' can never churn, so their value after the horizon is infinite; "
                               + "give a discount_rate above 0, a move towards churn, or terminal_value: none")
                    break
                }
            }
        }
    }
}
