import CLVAnalysis
import CLVModel

extension ReportBuilder {
    // MARK: Assumptions

    func assumptions() -> Section {
        let a = results.assumptions
        let rows = a.inputs.map { e -> [String] in
            let range = e.constant ? s.constant : zip(e.p5, e.p95).map { lo, hi in
                lo.isFinite && hi.isFinite ? "\(Self.value(lo)) – \(Self.value(hi))" : "–"
            }.joined(separator: "; ")
            return [e.path, e.distribution, range, e.usedBy.isEmpty ? s.allScenarios : e.usedBy.joined(separator: ", ")]
        }
        var blocks: [Block] = [
            .heading(s.inputsHeading),
            .table(Table(header: [s.input, s.distribution, s.p5p95, s.usedBy], rows: rows, numeric: [2])),
            .note(s.inputsNote),
        ]
        if !plans.isEmpty {
            blocks.append(.heading(s.effectsHeading))
            let effects = a.effects.map { e in
                [e.plan, e.target, e.segments?.joined(separator: ", ") ?? s.allSegments, s.changeKind(e.change), e.amount]
            }
            let ramps: [[Inline]] = a.ramps.map { r in
                if let from = r.from, let to = r.to {
                    return [.text(s.ramp(plan: r.plan, from: Self.value(from), to: Self.value(to), unit: chartContext.periodUnit))]
                }
                return [.text(s.noRamp(plan: r.plan))]
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
        var blocks: [Block] = [.paragraph([.text(s.methodText(
            periods: settings.horizon, unit: chartContext.periodUnit, rate: NumberFormat.percent(settings.discountRate),
            trials: NumberFormat.grouped(Double(results.trials))))])]
        blocks.append(.note(s.basis(terminal: settings.terminalValue == "clv")))
        blocks.append(.note(s.ratioDefinitions))
        blocks.append(.note(s.paybackBasis))
        blocks += runNotes()
        var se: [[String]] = []
        for p in plans {
            se.append([s.seNPV(p.result.name), fmt.money(p.vs.npv.mean), fmt.money(p.vs.npv.se)])
            se.append([s.seP(p.result.name), NumberFormat.percent(p.vs.pNPVPositive),
                       NumberFormat.percent(p.vs.pNPVPositiveSE, decimals: 2)])
            if let r = p.vs.bcrOfMeans {
                se.append([s.seBCR(p.result.name), NumberFormat.bcr(r), NumberFormat.number(p.vs.bcrOfMeansSE, decimals: 3)])
            }
        }
        for r in results.scenarios {
            se.append([s.seCE(r.name), fmt.money(r.customerEquity.mean), fmt.money(r.customerEquity.se)])
        }
        blocks.append(.heading(s.seHeading))
        blocks.append(.table(Table(header: [s.figure, s.estimate, s.standardError], rows: se, numeric: [1, 2])))
        let checked = results.scenarios.first?.check.trials ?? 0
        blocks.append(.heading(s.checkHeading))
        blocks.append(.paragraph([.text(s.checkText(trials: NumberFormat.grouped(Double(checked))))]))
        var rows: [[String]] = []
        for r in results.scenarios {
            for (basis, reference, c) in [(s.horizonBasis, r.analytic.customerEquity, r.check.horizon),
                                          (s.terminalBasis, r.analytic.customerEquityTerminal, r.check.terminal)] {
                rows.append([r.name, basis, fmt.money(reference), fmt.money(c.expected), fmt.money(c.monteCarlo),
                             fmt.money(c.se), NumberFormat.number(c.z, decimals: 1)])
            }
        }
        blocks.append(.table(Table(header: [s.scenario, s.basisColumn, s.atMeanInputs, s.exactExpectation,
                                            s.monteCarloSameTrials, s.seOfDifference, s.zScore],
                                   rows: rows, numeric: [2, 3, 4, 5, 6])))
        return Section(id: "method", title: s.method, blocks: blocks)
    }
}
