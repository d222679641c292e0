import CLVAnalysis

extension ReportBuilder {
    /// Whether the page follows the study's `decision:` block: a limit, a ranking other than
    /// expected NPV, a risk aversion, hurdle rates or a portfolio.
    var decides: Bool {
        guard let d = results.decision else { return false }
        return d.budget != nil || d.maxPLoss != nil || d.rankBy != "expected_npv" || d.riskAversion != nil
            || d.acceptability != nil || d.candidates.contains { $0.kind == "portfolio" }
    }

    func candidateName(_ name: String) -> String {
        name == ValueOfInformation.doNothing ? s.doNothing : names.scenario(name)
    }

    /// The recommendation under the decision block: the choice and why, who is not eligible,
    /// the certainty equivalent, the value of a pilot and the hurdle rates.
    func choiceBlocks() -> [Block] {
        guard let d = results.decision, let chosen = d.candidates.first(where: { $0.name == d.choice }) else { return [] }
        var blocks: [Block] = []
        let fit = s.fitClause(budget: d.budget.map { fmt.money($0) }, maxLoss: d.maxPLoss.map { NumberFormat.percent($0, decimals: 0) })
        let measure = s.measureName(d.rankBy)
        var lead: String
        if chosen.kind == "none" {
            lead = s.chooseNothing(measure: measure, fit: fit)
        } else {
            let name = candidateName(chosen.name)
            lead = s.choose(plan: name, measure: measure, value: fmt.money(chosen.risk.value(d.rankBy)), fit: fit)
            if let r = d.runnerUp {
                let p: Double? = r == ValueOfInformation.doNothing
                    ? results.scenarios.first { $0.name == chosen.name }?.vsBaseline?.pNPVPositive
                    : results.headToHead.first { $0.plan == chosen.name && $0.against == r }?.pBeats
                        ?? results.headToHead.first { $0.plan == r && $0.against == chosen.name }.map { 1 - $0.pBeats }
                if let p { lead += (s.en ? " " : "") + s.runnerUp(plan: name, runner: candidateName(r), p: NumberFormat.percent(p)) }
            }
        }
        blocks.append(.paragraph([.strong(lead)]))
        var notes: [[Inline]] = []
        for c in d.candidates where !c.excluded.isEmpty {
            if c.excluded.contains("over_budget"), let b = d.budget {
                notes.append([.text(s.overBudget(name: candidateName(c.name), cost: fmt.money(c.costPV), budget: fmt.money(b)))])
            } else if c.excluded.contains("p_loss_above_limit"), let m = d.maxPLoss {
                notes.append([.text(s.lossAboveLimit(name: candidateName(c.name), p: NumberFormat.percent(c.risk.pLoss),
                                                     limit: NumberFormat.percent(m, decimals: 0)))])
            }
        }
        if chosen.kind != "none", let ce = chosen.risk.certaintyEquivalent {
            notes.append([.text(s.certaintySentence(plan: candidateName(chosen.name), ce: fmt.money(ce), npv: fmt.money(chosen.risk.expectedNPV)))])
        }
        if let v = results.valueOfInformation, let top = v.inputs.first(where: { $0.evppi > 0 }) {
            notes.append([.text(s.pilotSentence(input: names.input(top.input), value: fmt.money(top.evppi)))])
        }
        if let a = d.acceptability, let sentence = acceptabilitySentence(a, chosen: chosen.name) { notes.append([.text(sentence)]) }
        if !notes.isEmpty { blocks.append(.list(notes)) }
        return blocks
    }

    /// Which option is most likely best at each hurdle rate, as runs of consecutive rates.
    func acceptabilitySentence(_ a: DecisionResults.Acceptability, chosen: String) -> String? {
        guard !a.rates.isEmpty else { return nil }
        let best = a.rates.indices.map { r in a.options.indices.max { a.pBest[$0][r] < a.pBest[$1][r] || (a.pBest[$0][r] == a.pBest[$1][r] && $0 > $1) }! }
        func rate(_ r: Int) -> String { NumberFormat.percent(a.rates[r], decimals: 0) }
        let lo = rate(0), hi = rate(a.rates.count - 1)
        if Set(best).count == 1 {
            let ps = a.rates.indices.map { a.pBest[best[0]][$0] }
            return s.acceptAll(plan: candidateName(a.options[best[0]]), lo: lo, hi: hi,
                               pMin: NumberFormat.percent(ps.min()!, decimals: 0), pMax: NumberFormat.percent(ps.max()!, decimals: 0))
        }
        var runs: [(name: String, from: String, to: String)] = []
        var start = 0
        for r in 1...best.count where r == best.count || best[r] != best[start] {
            runs.append((candidateName(a.options[best[start]]), rate(start), rate(r - 1)))
            start = r
        }
        return s.acceptRuns(runs, lo: lo, hi: hi)
    }

    /// The acceptability chart (with `decision.hurdle_rates`).
    func acceptabilityChart() -> Block? {
        guard let a = results.decision?.acceptability else { return nil }
        let lines = a.options.enumerated().map { o, name -> Charts.AcceptabilityLine in
            let k = results.scenarios.firstIndex { $0.name == name } ?? 0
            return Charts.AcceptabilityLine(name: candidateName(name), color: o == 0 ? Palette.black : Palette.scenario(k), pBest: a.pBest[o])
        }
        return chart("chart-11-acceptability", s.acceptTitle, s.acceptDesc) {
            Charts.acceptability(lines, rates: a.rates, ctx: chartContext, title: s.acceptTitle, xTitle: s.acceptX, yTitle: s.acceptY)
        }
    }
}
