import CLVAnalysis
import CLVModel

extension ReportBuilder {
    /// Bars per plan in the tornado chart and rows in the global-sensitivity table.
    static let driversShown = 10

    /// "What drives the result": tornado chart, break-even of each effect, and the inputs that
    /// move NPV across the simulated worlds (model-free, from the run itself).
    func drivers() -> Section? {
        guard let w = results.sensitivity, !plans.isEmpty else { return nil }
        var blocks: [Block] = []
        let panels = w.tornado.plans.map { p in
            Charts.TornadoPanel(name: p.plan, centre: p.npvAtMeanInputs,
                                bars: p.bars.prefix(Self.driversShown).map { ($0.input, $0.low.npv, $0.high.npv) })
        }
        if panels.contains(where: { !$0.bars.isEmpty }) {
            let names = w.tornado.plans.map(\.plan).joined(separator: ", ")
            blocks.append(chart("chart-8-tornado", s.tornadoTitle, s.tornadoDesc(names),
                                Charts.tornado(panels, ctx: chartContext, lowLabel: s.tornadoLow, highLabel: s.tornadoHigh)))
        }
        if w.breakEven.contains(where: { !$0.effects.isEmpty }) {
            blocks.append(.heading(s.breakEvenHeading))
            blocks.append(.paragraph([.text(s.breakEvenText)]))
            for p in w.breakEven where !p.effects.isEmpty {
                blocks.append(.paragraph([.strong(p.plan)]))
                blocks.append(.list(p.effects.map { [.text(s.breakEven($0))] }))
            }
        }
        if let g = w.global {
            blocks.append(.heading(s.globalHeading))
            blocks.append(.paragraph([.text(s.globalText)]))
            var rows: [[String]] = []
            for p in g.plans {
                let top = p.inputs.sorted { abs($0.spearman) > abs($1.spearman) }.prefix(Self.driversShown)
                for item in top {
                    rows.append([p.plan, item.input, NumberFormat.number(item.spearman, decimals: 2),
                                 NumberFormat.percent(item.firstOrder, decimals: 1)])
                }
            }
            blocks.append(.table(Table(header: [s.plan, s.input, s.spearman, s.varianceShare], rows: rows, numeric: [2, 3])))
        }
        if let sobol = w.sobol {
            blocks.append(.heading(s.sobolHeading(NumberFormat.grouped(Double(sobol.n)))))
            blocks.append(.paragraph([.text(s.sobolText)]))
            let rows = sobol.plans.flatMap { p in
                p.inputs.prefix(Self.driversShown).map {
                    [p.plan, $0.input, NumberFormat.number($0.firstOrder, decimals: 3), NumberFormat.number($0.total, decimals: 3)]
                }
            }
            blocks.append(.table(Table(header: [s.plan, s.input, s.firstOrder, s.totalIndex], rows: rows, numeric: [2, 3])))
        }
        blocks += valueOfInformation()
        return Section(id: "drivers", title: s.drivers, blocks: blocks)
    }

    /// What knowing an input before deciding would be worth: EVPI, and the inputs ranked by EVPPI.
    func valueOfInformation() -> [Block] {
        guard let v = results.valueOfInformation, v.evpi.isFinite else { return [] }
        var blocks: [Block] = [.heading(s.voiHeading)]
        let top = v.inputs.first { $0.evppi > 0 }
        blocks.append(.paragraph([.text(s.voiText(evpi: fmt.money(v.evpi), best: v.best == ValueOfInformation.doNothing ? s.doNothing : v.best,
                                                  top: top.map { ($0.input, fmt.money($0.evppi)) }))]))
        let rows = v.inputs.prefix(Self.driversShown).filter { $0.evppi > 0 }.map {
            [$0.input, fmt.money($0.evppi), NumberFormat.percent($0.shareOfEVPI, decimals: 0)]
        }
        if !rows.isEmpty {
            blocks.append(.table(Table(header: [s.input, s.evppi, s.shareOfEVPI], rows: rows, numeric: [1, 2])))
        }
        blocks.append(.note(s.voiNote(se: fmt.money(v.evpiSE))))
        return blocks
    }

    /// Notes on how the run was made: stopping at a precision, stressed inputs.
    func runNotes() -> [Block] {
        var out: [Block] = []
        if let p = results.precision {
            out.append(.note(s.precisionNote(target: NumberFormat.percent(p.target, decimals: 2), met: p.met,
                                             trials: NumberFormat.grouped(Double(results.trials)), passes: p.passes.count)))
        }
        for a in results.stress ?? [] {
            let level: String
            switch a.percentile {
            case .percentile(let q): level = "P" + NumberFormat.number(q * 100, decimals: 0)
            case .mean: level = s.t("mean", "均值")
            case .value: level = s.t("value", "取值")
            }
            out.append(.note(s.stressNote(path: a.input, level: level, value: NumberFormat.number(a.value, decimals: 4),
                                          text: a.text)))
        }
        return out
    }
}
