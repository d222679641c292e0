/// The decision page, the dashboard and the board-pack figures (downside, funding, bridge,
/// discount rates, IRR), in both languages.
extension Strings {
    var decision: String { t("Decision", "决策要点") }
    var dashboard: String { t("Dashboard", "关键指标") }
    var whichPlan: String { t("Which plan", "选哪个方案") }
    var howSure: String { t("How sure", "把握多大") }
    var whatCouldGoWrong: String { t("What could go wrong", "可能出什么问题") }

    func recommend(plan: String, npv: String, runnerUp: String?, pBeats: String?) -> String {
        guard let runnerUp, let pBeats else {
            return en ? "Recommendation: go ahead with \(plan). Its expected NPV is \(npv)."
                      : "建议：实施\(plan)。其预期净现值为 \(npv)。"
        }
        return en ? "Recommendation: go ahead with \(plan). It has the highest expected NPV, \(npv), and beats \(runnerUp) in \(pBeats) of the simulated worlds."
                  : "建议：实施\(plan)。其预期净现值最高，为 \(npv)；在 \(pBeats) 的模拟情形中优于\(runnerUp)。"
    }
    func recommendNone(best: String, npv: String) -> String {
        en ? "Recommendation: do not go ahead with any plan as it stands. Even the best, \(best), has an expected NPV of \(npv)."
           : "建议：暂不实施任何现有方案。即使最优的\(best)，预期净现值也仅为 \(npv)。"
    }
    /// How sure, by P(NPV > 0): likely (≥ 80%), more likely than not (60–80%), a coin flip (40–60%), unlikely.
    func confidence(plan: String, p: Double, pText: String, lo: String, hi: String) -> String {
        let verdict: String
        switch p {
        case 0.8...: verdict = en ? "\(plan) is likely to make money" : "\(plan)大概率盈利"
        case 0.6..<0.8: verdict = en ? "\(plan) is more likely than not to make money" : "\(plan)盈利的可能性大于亏损"
        case 0.4..<0.6: verdict = en ? "\(plan) is close to a coin flip" : "\(plan)盈亏接近五五开"
        default: verdict = en ? "\(plan) is more likely to lose money than to make it" : "\(plan)亏损的可能性更大"
        }
        return en ? "\(verdict): NPV is positive in \(pText) of trials, and 90% of trials fall between \(lo) and \(hi)."
                  : "\(verdict)：\(pText) 的模拟中净现值为正，90% 的模拟落在 \(lo) 至 \(hi) 之间。"
    }
    func biggestRisk(risk: String, probability: String, share: String, npvIf: String) -> String {
        en ? "The biggest risk is \(risk): a \(probability) chance; it explains \(share) of the spread of NPV, and in the trials where it happens NPV averages \(npvIf)."
           : "最大的风险是\(risk)：发生概率 \(probability)，可解释净现值波动的 \(share)；在其发生的模拟中，净现值平均为 \(npvIf)。"
    }
    func downsideSentence(plan: String, p10: String, cvar: String, loss: String?) -> String {
        let l = loss.map { en ? " When it loses money, it loses \($0) on average." : "亏损时平均亏损 \($0)。" } ?? ""
        return en ? "In the worst 10% of trials the NPV of \(plan) is below \(p10); the worst 5% average \(cvar) (CVaR 5%).\(l)"
                  : "最差的 10% 模拟中\(plan)的净现值低于 \(p10)；最差 5% 的平均值为 \(cvar)（CVaR 5%）。\(l)"
    }
    func breakEvenSentence(effect: String, needed: String, assumed: String) -> String {
        en ? "The most important effect, the \(effect.lowercasedFirst), must reach at least \(needed) for the plan to break even; the plan assumes \(assumed)."
           : "最关键的效果\(effect)至少需要达到 \(needed) 方案才能保本；方案假设为 \(assumed)。"
    }
    func noPaybackAny(periods: Int, unit: String) -> String {
        en ? "No plan pays back within the \(periods)-\(unit) horizon; the value depends on customers kept beyond it."
           : "在 \(periods) 个\(unit)的规划期内没有方案能收回投资；价值取决于规划期之后留住的客户。"
    }
    func paybackOf(plan: String, text: String) -> String { en ? "\(plan): \(text)." : "\(plan)：\(text)。" }

    // Dashboard cards
    var cardNPV: String { t("Expected NPV", "预期净现值") }
    var cardCost: String { t("Cost (present value)", "成本现值") }
    var cardBCR: String { t("Benefit–cost ratio", "成本收益比") }
    var cardLoss: String { t("Chance of a loss", "亏损概率") }
    var cardPayback: String { t("Payback", "投资回收期") }
    func cardPaybackValue(_ p: Int, unit: String) -> String { en ? "\(unit.capitalizedFirst) \(p)" : "第 \(p) \(unit)" }
    var cardNoPayback: String { t("Beyond horizon", "期内未收回") }
    func cardPaybackDetail(_ share: String) -> String { en ? "\(share) of trials pay back" : "\(share) 的模拟可收回" }
    func cardNPVDetail(_ lo: String, _ hi: String) -> String { en ? "90%: \(lo) to \(hi)" : "90% 区间：\(lo) 至 \(hi)" }
    func cardBCRDetail(_ phrase: String) -> String { phrase }
    var rangeTitle: String { t("NPV range by plan (P5–P95, P10, median and mean)", "各方案净现值区间（P5–P95、P10、中位数与均值）") }
    var rangeDesc: String {
        t("For each plan the bar spans the 5th to 95th percentile of NPV over trials; the tick marks the 10th percentile, the white line the median and the dot the expected NPV (mean). The red line is NPV = 0.",
          "每个方案的横条为各次模拟净现值的第 5 至第 95 百分位；短竖线为第 10 百分位，白线为中位数，圆点为预期净现值（均值）。红线为净现值 = 0。")
    }

    // Ratio wording
    /// English: "1.82 (CNY 1.82 of benefit for every CNY 1 of cost)"; Chinese: "1 : 1.82".
    func ratioPhrase(_ x: Double?, currency: String) -> String {
        guard let x, x.isFinite else { return "–" }
        let v = NumberFormat.grouped(x, decimals: 2)
        return en ? "\(v) (\(currency) \(v) of benefit for every \(currency) 1 of cost)" : "1 : \(v)"
    }
    /// In a table cell or card: "1.82" / "1 : 1.82".
    func ratioShort(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        let v = NumberFormat.grouped(x, decimals: 2)
        return en ? v : "1 : \(v)"
    }

    // Money section
    var money: String { t("Cost, funding and value", "成本、资金与价值") }
    var downsideHeading: String { t("Downside", "下行风险") }
    var downsideNote: String {
        t("P10: 10% of trials have a lower NPV. Expected loss given a loss: the mean NPV over the trials with NPV < 0. CVaR 5%: the mean NPV of the worst 5% of trials.",
          "P10：10% 的模拟净现值低于此值。亏损时的平均亏损：净现值 < 0 的模拟中净现值的均值。CVaR 5%：最差 5% 模拟的净现值均值。")
    }
    var p10: String { t("NPV P10", "净现值 P10") }
    var pLoss: String { t("P(NPV < 0)", "亏损概率") }
    var lossGivenLoss: String { t("Mean NPV given a loss", "亏损时净现值均值") }
    var cvar5: String { t("CVaR 5%", "CVaR 5%") }
    var scheduleHeading: String { t("Cost schedule and funding need", "成本安排与资金需求") }
    func scheduleNote(unit: String) -> String {
        en ? "Mean cost per \(unit) by category (undiscounted, overruns included), summed by year; period 0 is the go-ahead. Peak funding need: the largest cumulative shortfall of the plan's extra cash flow against its costs, undiscounted, before the plan funds itself."
           : "按类别的每\(unit)平均成本（未折现，含超支），按年汇总；第 0 期为立项。峰值资金需求：方案新增现金流扣除成本后的最大累计缺口（未折现），即方案自我造血之前需要投入的资金。"
    }
    var categoryColumn: String { t("Category", "类别") }
    var total: String { t("Total", "合计") }
    func yearColumn(_ y: Int) -> String { en ? "Year \(y)" : "第 \(y) 年" }
    var atGoAhead: String { t("Go-ahead", "立项") }
    func peakFunding(plan: String, mean: String, p90: String, period: Int, unit: String) -> String {
        en ? "\(plan): peak funding need \(mean) on average (\(p90) in the worst 10% of trials), reached around \(unit) \(period)."
           : "\(plan)：峰值资金需求平均 \(mean)（最差 10% 的模拟为 \(p90)），约在第 \(period) \(unit)达到。"
    }
    var bridgeTitle: String { t("From the horizon to the headline: expected NPV bridge", "从规划期到总值：预期净现值桥") }
    var bridgeDesc: String {
        t("Means over trials: benefit within the horizon, minus the present value of cost, gives the NPV within the horizon; the terminal value of customers kept beyond the horizon takes it to the expected NPV.",
          "各次模拟均值：规划期内收益减去成本现值，得到规划期内净现值；再加上规划期后留存客户的终值，即为预期净现值。")
    }
    var benefitHorizon: String { t("Benefit within horizon", "规划期内收益") }
    var minusCost: String { t("Cost (PV)", "成本现值") }
    var npvHorizonBar: String { t("NPV within horizon", "规划期内净现值") }
    var terminalBar: String { t("Terminal value", "终值") }
    var npvBar: String { t("Expected NPV", "预期净现值") }
    var ratesHeading: String { t("Discount rate and IRR", "折现率与内部收益率") }
    func rateColumn(_ r: String) -> String { en ? "NPV at \(r)" : "折现率 \(r) 时净现值" }
    var irrMedian: String { t("IRR (median)", "内部收益率（中位数）") }
    var irrExists: String { t("Trials with an IRR", "存在内部收益率的模拟") }
    var ratesNote: String {
        t("Expected NPV recomputed from the stored cash flows of every trial at the study's discount rate ± 2 points (terminal value revalued at each rate), with no new simulation. IRR: the annual rate at which a trial's flows (extra cash flow minus cost per period, plus the terminal value at the horizon when it counts) have NPV 0; it does not exist when the flows never change sign.",
          "以每次模拟保存的现金流，在研究折现率 ± 2 个百分点下重新计算预期净现值（终值按各折现率重估），无需重新模拟。内部收益率：使一次模拟的现金流（每期新增现金流减成本，计终值时加上期末终值）净现值为 0 的年化利率；现金流始终不变号时不存在。")
    }
    var notExist: String { t("none", "不存在") }
    var varianceShare2: String { t("Share of NPV variance", "占净现值方差比例") }
}

extension Strings {
    var scheduleAxis: String { t("Cost per year", "每年成本") }
    var customersAtHorizonAxis: String { t("Customers at the horizon (mean)", "期末客户数（均值）") }
    func paybackMark(_ t: Int, unit: String) -> String { en ? "Median payback: \(unit) \(t)" : "回收期中位数：第 \(t) \(unit)" }
    func histogramCut(lo: String, hi: String) -> String {
        en ? "All panels share one scale. The axis spans the 0.5th to 99.5th percentiles; over all trials NPV ranges from \(lo) to \(hi)."
           : "各图使用同一刻度。横轴覆盖第 0.5 至第 99.5 百分位；全部模拟中净现值从 \(lo) 到 \(hi)。"
    }
    var ownScales: String { t("Each panel has its own scales.", "各图刻度各不相同。") }
    var scheduleTitle: String { t("Cost schedule by year and category (mean, undiscounted)", "按年度与类别的成本安排（均值，未折现）") }
    var scheduleDesc: String {
        t("Mean cost per year of each plan, stacked by category; the first bar is the go-ahead period 0. All panels share one scale.",
          "各方案每年平均成本，按类别堆叠；第一根柱为立项期（第 0 期）。各图使用同一刻度。")
    }
}

extension Strings {
    func segmentGroup(_ seg: String) -> String { en ? "Segment: \(seg)" : "客群：\(seg)" }
    var costsGroup: String { t("Costs", "成本") }
    var effectsGroup: String { t("Effects", "效果") }
    var risksGroup: String { t("Risks", "风险") }
    var otherGroup: String { t("Other", "其他") }
    var groupColumn: String { t("Group", "分组") }
    var pathColumn: String { t("Path in the files", "文件中的路径") }
    var parameterNote: String {
        t("Parameters: PERT and triangular give minimum, most likely and maximum; normal, lognormal, gamma and beta give the mean and standard deviation (sd) of the quantity itself, not the distribution's own parameters; beta_ab gives α and β. Transition rates and probabilities are per period; amounts are in the study's currency.",
          "参数说明：PERT 与三角分布给出最小值、最可能值与最大值；正态、对数正态、伽马与贝塔分布给出变量本身的均值与标准差，而非分布自身的参数；beta_ab 给出 α 与 β。转移比例与概率均为每期数值；金额以研究币种计。")
    }
}

extension Strings {
    func keyEffectSentence(effect: String, with: String, without: String) -> String {
        en ? "The plan's most important effect is the \(effect.lowercasedFirst): without it, NPV at mean inputs falls from \(with) to \(without)."
           : "方案最关键的效果是\(effect)：若没有该效果，参数均值下的净现值将从 \(with) 降至 \(without)。"
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

extension Strings {
    func amountsIn(_ unit: String) -> String { en ? "Amounts in \(unit)" : "单位：\(unit)" }
}
