/// Walking the uncertain numbers of a scenario (for correlations and stress tests).
extension Scenario {
    /// Every uncertain number of the scenario, in file order (Dirichlet rows and risk occurrences
    /// are not `Uncertain`: see `dirichletPaths` and `Risk.occursPath`).
    public var uncertainInputs: [Uncertain] {
        var out: [Uncertain] = []
        var copy = self
        copy.mapUncertain { out.append($0) }
        return out
    }

    /// Paths of the scenario's Dirichlet rows.
    public var dirichletPaths: [String] {
        segments.flatMap { $0.transitions.compactMap { if case .dirichlet(let d) = $0.row { d.path } else { nil } } }
    }

    /// Calls `f` on every uncertain number, letting it change them.
    public mutating func mapUncertain(_ f: (inout Uncertain) -> Void) {
        func opt(_ u: inout Uncertain?) { if var x = u { f(&x); u = x } }
        for k in parameters.indices { f(&parameters[k].value) }
        for g in segments.indices {
            for k in segments[g].initial.indices { f(&segments[g].initial[k].amount) }
            for k in segments[g].arrivals.indices { f(&segments[g].arrivals[k].amount) }
            opt(&segments[g].acquisitionCost)
            for k in segments[g].transitions.indices {
                if case .moves(var ms) = segments[g].transitions[k].row {
                    for m in ms.indices { f(&ms[m].probability) }
                    segments[g].transitions[k].row = .moves(ms)
                }
            }
            for k in segments[g].value.indices {
                opt(&segments[g].value[k].revenue)
                opt(&segments[g].value[k].cost)
                opt(&segments[g].value[k].revenueCV)
            }
            for k in segments[g].moveValues.indices {
                opt(&segments[g].moveValues[k].revenue)
                opt(&segments[g].moveValues[k].cost)
            }
            for k in segments[g].series.indices {
                for j in segments[g].series[k].later.indices { f(&segments[g].series[k].later[j]) }
            }
        }
        for k in costs.indices { f(&costs[k].amount) }
        for k in effects.indices { f(&effects[k].amount) }
        for k in risks.indices { risks[k].mapUncertain(f) }
    }
}

extension Study {
    /// The study with every input at `path` replaced by `f(its distribution)` in every scenario;
    /// nil when no scenario has an uncertain number at `path`.
    public func replacingInput(_ path: String, _ f: (Distribution) -> Distribution) -> Study? {
        var s = self, found = false
        func apply(_ sc: inout Scenario) {
            sc.mapUncertain { u in
                guard u.path == path else { return }
                found = true
                let d = f(u.distribution)
                u.distribution = d
                u.formula = nil        // the replacement is a distribution with numbers
                if case .constant(let x) = d { u.text = "\(x)" }
            }
        }
        apply(&s.baseline)
        for k in s.plans.indices { apply(&s.plans[k]) }
        return found ? s : nil
    }

    /// Every input path of the study (uncertain numbers, Dirichlet rows, risk occurrences), each once.
    public var inputPaths: [String] {
        var seen = Set<String>(), out: [String] = []
        for sc in scenarios {
            for p in sc.uncertainInputs.map(\.path) + sc.dirichletPaths + sc.risks.map(\.occursPath)
            where seen.insert(p).inserted { out.append(p) }
        }
        return out
    }
}
