import CLVAnalysis
import CLVModel

extension ReportBuilder {
    var names: Names {
        Names(labels: results.labels, locale: ctx.locale.rawValue, s: s, period: chartContext.periodUnit)
    }
    func planName(_ r: ScenarioResult) -> String { names.scenario(r.name) }
    func board(_ plan: String) -> BoardPlan? { results.board?.plans.first { $0.plan == plan } }

    /// Page 1: which plan, how sure, what could go wrong; then the dashboard cards and one chart.
    func decision() -> [Section] {
        guard !plans.isEmpty else { return [] }
        var blocks: [Block] = []
        let ranked = plans.sorted { ($0.vs.npv.mean ?? -.infinity) > ($1.vs.npv.mean ?? -.infinity) }
        let rec = results.board?.recommendation
        var chosen = ranked.first { $0.result.name == rec?.plan }
        // Under a decision block the choice is the decision's (a plan or a portfolio, or nothing).
        if decides { chosen = ranked.first { $0.result.name == results.decision?.choice } }
        let focus = chosen ?? ranked[0]
        let name = planName(focus.result)

        // Which plan.
        blocks.append(.heading(s.whichPlan))
        if decides {
            blocks += choiceBlocks()
        } else if let chosen {
            let runner = rec?.runnerUp.flatMap { r in results.scenarios.first { $0.name == r } }.map(planName)
            blocks.append(.paragraph([.strong(s.recommend(
                plan: name, npv: fmt.money(chosen.vs.npv.mean), runnerUp: runner,
                pBeats: rec?.pBeatsRunnerUp.map { NumberFormat.percent($0) }))]))
        } else {
            blocks.append(.paragraph([.strong(s.recommendNone(best: name, npv: fmt.money(focus.vs.npv.mean)))]))
        }
        if let d = names.scenarioDescription(focus.result.name) { blocks.append(.paragraph([.text(d)])) }

        // How sure: every plan, the chosen one first.
        blocks.append(.heading(s.howSure))
        let order = [focus] + ranked.filter { $0.k != focus.k }
        blocks.append(.list(order.map { p in
            [.text(s.confidence(plan: planName(p.result), p: p.vs.pNPVPositive, pText: NumberFormat.percent(p.vs.pNPVPositive),
                                lo: fmt.money(p.vs.npv.p5), hi: fmt.money(p.vs.npv.p95)))]
        }))

        // What could go wrong.
        blocks.append(.heading(s.whatCouldGoWrong))
        var wrong: [[Inline]] = []
        if let b = board(focus.result.name) {
            if let top = b.riskShares.max(by: { $0.varianceShare < $1.varianceShare }), top.varianceShare > 0,
               let r = focus.vs.risks.first(where: { $0.name == top.name }) {
                wrong.append([.text(s.biggestRisk(risk: names.risk(r.name), probability: probabilityText(r.probability),
                                                  share: NumberFormat.percent(top.varianceShare, decimals: 0),
                                                  npvIf: fmt.money(r.npvIfOccurs)))])
            }
            wrong.append([.text(s.downsideSentence(plan: name, p10: fmt.money(b.downside.p10), cvar: fmt.money(b.downside.cvar5),
                                                   loss: b.downside.meanLossGivenLoss.map { fmt.money(-$0) }))])
        }
        if let be = keyBreakEven(focus.result.name) { wrong.append([.text(be)]) }
        if plans.allSatisfy({ $0.vs.paybackWithinHorizon < 0.5 }) {
            wrong.append([.text(s.noPaybackAny(periods: settings.horizon, unit: chartContext.periodUnit))])
        } else {
            for p in order { wrong.append([.text(s.paybackOf(plan: planName(p.result), text: paybackText(p.vs)))]) }
        }
        blocks.append(.list(wrong))

        let page1 = Section(id: "decision", title: s.decision, blocks: blocks)
        blocks = []
        // Dashboard: one row of cards per plan, then the NPV range chart.
        for p in order {
            let v = p.vs
            let payback: (String, String)
            if let t = v.paybackP50, t.isFinite {
                payback = (s.cardPaybackValue(Int(t), unit: chartContext.periodUnit), s.cardPaybackDetail(NumberFormat.percent(v.paybackWithinHorizon, decimals: 0)))
            } else {
                payback = (s.cardNoPayback, s.cardPaybackDetail(NumberFormat.percent(v.paybackWithinHorizon, decimals: 0)))
            }
            blocks.append(.paragraph([.strong(planName(p.result))]))
            blocks.append(.keyFigures([
                KeyFigure(label: s.cardNPV, value: fmt.money(v.npv.mean), detail: s.cardNPVDetail(fmt.money(v.npv.p5), fmt.money(v.npv.p95))),
                KeyFigure(label: s.cardCost, value: fmt.money(v.cost.mean), detail: s.basisShort(terminal: v.basis == .terminal)),
                KeyFigure(label: s.cardBCR, value: s.ratioShort(v.bcrOfMeans),
                          detail: s.en ? s.ratioPhrase(v.bcrOfMeans, currency: settings.currency).dropFirstNumber : s.bcrDetailZh),
                KeyFigure(label: s.cardLoss, value: NumberFormat.percent(1 - v.pNPVPositive), detail: s.lossDetail),
                KeyFigure(label: s.cardPayback, value: payback.0, detail: payback.1),
            ]))
        }
        let dists = order.map { p in
            Charts.RangeRow(name: planName(p.result), color: Palette.scenario(p.k), quantiles: p.vs.npvQuantiles,
                            mean: p.vs.npv.mean ?? .nan)
        }
        blocks.append(chart("chart-0-npv-range", s.rangeTitle, s.rangeDesc) {
            Charts.range(dists, ctx: chartContext, title: s.rangeTitle)
        })
        if let c = acceptabilityChart() { blocks.append(c) }
        return [page1, Section(id: "dashboard", title: s.dashboard, blocks: blocks)]
    }

    /// The break-even sentence of the effect that carries most of the plan's value.
    func keyBreakEven(_ plan: String) -> String? {
        guard let items = results.sensitivity?.breakEven.first(where: { $0.plan == plan })?.effects,
              let top = items.max(by: { abs($0.npvAssumed - $0.npvWithout) < abs($1.npvAssumed - $1.npvWithout) })
        else { return nil }
        let effect = names.effect(target: Names.split(top.target), change: top.change.rawValue)
        if top.status == .reached, let v = top.breakEven {
            return s.breakEvenSentence(effect: effect, needed: BreakEven.format(v, top.change),
                                       assumed: BreakEven.format(top.assumed, top.change))
        }
        return s.keyEffectSentence(effect: effect, with: fmt.money(top.npvAssumed), without: fmt.money(top.npvWithout))
    }
}

extension Strings {
    func basisShort(terminal: Bool) -> String { t("present value, overruns included", "现值，含超支") }
    var lossDetail: String { t("share of trials with NPV < 0", "净现值 < 0 的模拟占比") }
    var bcrDetailZh: String { "成本 : 收益（均值之比）" }
}

extension String {
    /// "1.82 (CNY 1.82 of benefit …)" → "CNY 1.82 of benefit …" (the card shows the number above it).
    var dropFirstNumber: String {
        guard let open = firstIndex(of: "("), last == ")" else { return self }
        return String(self[index(after: open)..<index(before: endIndex)])
    }
}
