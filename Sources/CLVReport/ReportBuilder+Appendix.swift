import CLVAnalysis
import CLVEngine
import CLVModel

extension ReportBuilder {
    // MARK: Assumptions

    func assumptions() -> Section {
        let inputs = a.run.inputs, draws = a.run.draws
        // Which scenarios use each input: compile each alone and collect its (path, text) pairs.
        let usedBy: [Set<String>] = study.scenarios.enumerated().map { k, sc in
            var t = InputTable()
            _ = ScenarioModel(sc, isPlan: k > 0, inputs: &t)
            return Set(t.entries.map { "\($0.path)\u{1}\($0.text)" })
        }
        func users(_ e: InputTable.Entry) -> String {
            let key = "\(e.path)\u{1}\(e.text)"
            let k = usedBy.indices.filter { usedBy[$0].contains(key) }
            if k.count == usedBy.count { return s.allScenarios }
            return k.map { results.scenarios[$0].name }.joined(separator: ", ")
        }
        var rows: [[String]] = []
        for e in inputs.entries {
            if case .occurrence = e.kind { continue }
            var range: String
            if case .scalar(let d) = e.kind, d.isConstant {
                range = s.constant
            } else {
                range = (0..<e.width).map { j -> String in
                    let col = draws.column(e.slot + j).filter(\.isFinite).sorted()
                    guard !col.isEmpty else { return "–" }
                    return "\(Self.value(Statistics.quantile(sorted: col, 0.05))) – \(Self.value(Statistics.quantile(sorted: col, 0.95)))"
                }.joined(separator: "; ")
            }
            rows.append([e.path, e.text, range, users(e)])
        }
        var blocks: [Block] = [
            .heading(s.inputsHeading),
            .table(Table(header: [s.input, s.distribution, s.p5p95, s.usedBy], rows: rows, numeric: [2])),
            .note(s.inputsNote),
        ]
        if !plans.isEmpty {
            blocks.append(.heading(s.effectsHeading))
            var effects: [[String]] = []
            var ramps: [[Inline]] = []
            for p in plans {
                let sc = a.run.models[p.k].scenario
                for e in sc.effects {
                    effects.append([p.result.name, e.targetText, e.segments?.joined(separator: ", ") ?? s.allSegments,
                                    s.changeKind(e.change.rawValue), e.amount.text])
                }
                if let r = sc.ramp {
                    ramps.append([.text(s.ramp(plan: p.result.name, from: Self.value(r.from), to: Self.value(r.to),
                                               unit: chartContext.periodUnit))])
                } else {
                    ramps.append([.text(s.noRamp(plan: p.result.name))])
                }
            }
            blocks.append(.table(Table(header: [s.plan, s.target, s.segments, s.change, s.amount], rows: effects)))
            blocks.append(.list(ramps))
        }
        return Section(id: "assumptions", title: s.assumptions, blocks: blocks)
    }

    /// A model input for people: up to four significant decimals, thousands separators.
    static func value(_ x: Double) -> String {
        let a = abs(x)
        let d = a >= 1000 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a >= 0.01 ? 3 : 4
        var t = NumberFormat.grouped(x, decimals: d)
        if t.contains(".") {
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
        }
        return t
    }

    // MARK: Method

    func method() -> Section {
        let base = study.baseline
        var blocks: [Block] = [.paragraph([.text(s.methodText(
            periods: base.horizon, unit: chartContext.periodUnit, rate: NumberFormat.percent(base.discountRate),
            trials: NumberFormat.grouped(Double(results.trials))))])]
        blocks.append(.note(s.basis(terminal: base.terminalValue == .clv)))
        var se: [[String]] = []
        let n = Double(max(results.trials, 1))
        for p in plans {
            se.append([s.seNPV(p.result.name), fmt.money(p.vs.npv.mean), fmt.money(p.vs.npv.se)])
            let pr = p.vs.pNPVPositive
            se.append([s.seP(p.result.name), NumberFormat.percent(pr), NumberFormat.percent((pr * (1 - pr) / n).squareRoot(), decimals: 2)])
            if let r = p.vs.bcrOfMeans {
                // Delta method for a ratio of means: se(B̄/C̄) = sd(B − R·C) / (√n · C̄).
                let c = Statistics.mean(p.trials.cost)
                let resid = zip(p.trials.benefit, p.trials.cost).map { $0 - r * $1 }
                let sd = Summary(resid).sd ?? .nan
                se.append([s.seBCR(p.result.name), NumberFormat.bcr(r), NumberFormat.number(sd / (n.squareRoot() * c), decimals: 3)])
            }
        }
        for r in results.scenarios {
            se.append([s.seCE(r.name), fmt.money(r.customerEquity.mean), fmt.money(r.customerEquity.se)])
        }
        blocks.append(.heading(s.seHeading))
        blocks.append(.table(Table(header: [s.figure, s.estimate, s.standardError], rows: se, numeric: [1, 2])))
        blocks.append(.heading(s.analyticHeading))
        blocks.append(.paragraph([.text(s.analyticText)]))
        var rows: [[String]] = []
        for r in results.scenarios {
            for (basis, analytic, mc) in [(s.horizonBasis, r.analyticCustomerEquity, r.customerEquity),
                                          (s.terminalBasis, r.analyticCustomerEquityTerminal, r.customerEquityTerminal)] {
                let z = mc.mean.flatMap { m in mc.se.map { (m - analytic) / $0 } }
                rows.append([r.name, basis, fmt.money(analytic), fmt.money(mc.mean), fmt.money(mc.se),
                             NumberFormat.number(z, decimals: 1)])
            }
        }
        blocks.append(.table(Table(header: [s.scenario, s.basisColumn, s.analytic, s.monteCarlo, s.standardError, s.zScore],
                                   rows: rows, numeric: [2, 3, 4, 5])))
        return Section(id: "method", title: s.method, blocks: blocks)
    }
}
