/// The decision page's sentences when the study has a `decision:` block or portfolios.
extension Strings {
    func measureName(_ rankBy: String) -> String {
        switch rankBy {
        case "p10": t("the NPV's 10th percentile", "净现值的第 10 百分位数")
        case "p5": t("the NPV's 5th percentile", "净现值的第 5 百分位数")
        case "cvar5": t("CVaR 5% (the mean NPV of the worst 5% of trials)", "CVaR 5%（最差 5% 模拟的平均净现值）")
        case "certainty_equivalent": t("certainty equivalent", "确定性等价")
        default: t("expected NPV", "预期净现值")
        }
    }
    /// "within the budget of X and a chance of loss of at most Y" (nil without either limit).
    func fitClause(budget: String?, maxLoss: String?) -> String? {
        switch (budget, maxLoss) {
        case let (b?, m?): t("within the budget of \(b) and a chance of loss of at most \(m)", "预算 \(b) 以内且亏损概率不超过 \(m)")
        case let (b?, nil): t("within the budget of \(b)", "预算 \(b) 以内")
        case let (nil, m?): t("with a chance of loss of at most \(m)", "亏损概率不超过 \(m)")
        default: nil
        }
    }
    func choose(plan: String, measure: String, value: String, fit: String?) -> String {
        let among = fit.map { t("Of the options \($0), it", "在\($0)的选项中，它") } ?? t("It", "它")
        return t("Recommendation: fund \(plan). \(among) ranks first by \(measure), at \(value).",
                 "建议：实施\(plan)。\(among)按\(measure)排名第一，为 \(value)。")
    }
    func chooseNothing(measure: String, fit: String?) -> String {
        let none = fit.map { t("no option \($0)", "\($0)的选项中没有一个") } ?? t("no option", "没有选项")
        return t("Recommendation: fund none of the options as they stand: \(none) beats doing nothing by \(measure).",
                 "建议：暂不实施任何选项：\(none)按\(measure)优于维持现状。")
    }
    func runnerUp(plan: String, runner: String, p: String) -> String {
        t("The runner-up is \(runner); \(plan) beats it in \(p) of the simulated worlds.", "次优为\(runner)；在 \(p) 的模拟情形中\(plan)优于它。")
    }
    func overBudget(name: String, cost: String, budget: String) -> String {
        t("\(name) is not eligible: its expected cost of \(cost) is over the budget of \(budget).", "\(name)不符合条件：预期成本 \(cost) 超出预算 \(budget)。")
    }
    func lossAboveLimit(name: String, p: String, limit: String) -> String {
        t("\(name) is not eligible: its \(p) chance of a loss is above the limit of \(limit).", "\(name)不符合条件：亏损概率 \(p) 高于上限 \(limit)。")
    }
    func certaintySentence(plan: String, ce: String, npv: String) -> String {
        t("At the stated risk aversion \(plan) is worth \(ce) for certain (its certainty equivalent), against an expected NPV of \(npv).",
          "按设定的风险厌恶程度，\(plan)相当于确定获得 \(ce)（确定性等价），预期净现值为 \(npv)。")
    }
    func pilotSentence(input: String, value: String) -> String {
        t("A pilot is worth at most \(value) before committing: that is what knowing \(input) for certain would be worth; a pilot that costs more cannot pay.",
          "决策前的试点最多值 \(value)：这是确知\(input)的价值；成本更高的试点不值得。")
    }
    func acceptAll(plan: String, lo: String, hi: String, pMin: String, pMax: String) -> String {
        t("At every hurdle rate from \(lo) to \(hi), \(plan) is the option most likely to be best (in \(pMin)–\(pMax) of the simulated worlds).",
          "在 \(lo) 至 \(hi) 的各个门槛利率下，\(plan)都是最可能最优的选项（\(pMin)–\(pMax) 的模拟情形）。")
    }
    func acceptRuns(_ runs: [(name: String, from: String, to: String)], lo: String, hi: String) -> String {
        let parts = runs.map { r in r.from == r.to ? t("\(r.name) at \(r.from)", "\(r.from) 时为\(r.name)") : t("\(r.name) from \(r.from) to \(r.to)", "\(r.from) 至 \(r.to) 为\(r.name)") }
        return t("The option most likely to be best changes with the hurdle rate between \(lo) and \(hi): \(parts.joined(separator: "; ")).",
                 "最可能最优的选项随门槛利率（\(lo) 至 \(hi)）变化：\(parts.joined(separator: "；"))。")
    }
    var acceptTitle: String { t("Which option is best, by hurdle rate", "各门槛利率下的最优选项") }
    var acceptDesc: String { t("Share of simulated worlds in which each option has the highest NPV, as the annual discount rate varies.", "年折现率变化时，各选项净现值最高的模拟情形占比。") }
    var acceptX: String { t("Annual hurdle rate", "年门槛利率") }
    var acceptY: String { t("Chance of being the best option", "成为最优选项的概率") }
}
