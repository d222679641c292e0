import CLVAnalysis

/// The risk register (by category when the plans' risks have one) and the value of each response.
extension ReportBuilder {
    func risks() -> Section {
        let grouped = plans.contains { $0.vs.riskCategories != nil }
        var rows: [[String]] = []
        for (category, members) in registerGroups() {
            for (p, r) in members {
                let shares = board(p.result.name)?.riskShares ?? []
                let amounts = fmt.moneyColumn(p.vs.risks.flatMap { [$0.npvIfOccurs, $0.npvIfNot, $0.impact] })
                guard let i = p.vs.risks.firstIndex(where: { $0.name == r.name }) else { continue }
                let share = shares.first { $0.name == r.name }.map { NumberFormat.percent($0.varianceShare, decimals: 0) } ?? "–"
                rows.append((grouped ? [s.riskCategory(category)] : [])
                            + [planName(p.result), names.risk(r.name), probabilityText(r.probability), NumberFormat.percent(r.occurred),
                               amounts[3 * i], amounts[3 * i + 1], amounts[3 * i + 2], share])
            }
        }
        if rows.isEmpty { return Section(id: "risks", title: s.risks, blocks: [.paragraph([.text(s.noRisks)])]) }
        let header = (grouped ? [s.riskCategoryHeader] : [])
            + [s.plan, s.risk, s.probabilityWritten, s.occurred, s.npvWith, s.npvWithout, s.impact, s.varianceShare2]
        let offset = grouped ? 1 : 0
        var blocks: [Block] = [
            .table(Table(header: header, rows: rows, numeric: Set([2, 3, 4, 5, 6, 7].map { $0 + offset }))),
            .note(s.risksNote),
        ]
        blocks += responses()
        return Section(id: "risks", title: s.risks, blocks: blocks)
    }

    /// Categories in the results' order (the source report's four first), across plans; each with its
    /// (plan, risk) pairs in plan order, then file order. One group of everything when no plan has categories.
    private func registerGroups() -> [(String?, [(p: (k: Int, result: ScenarioResult, vs: PlanComparison), r: RiskResult)])] {
        var order: [String?] = []
        for p in plans { for r in p.vs.risks where !order.contains(r.category) { order.append(r.category) } }
        // The four known ones first, then others as met, then risks without a category.
        let known = ["technical", "market", "operational", "compliance"]
        order = known.filter { order.contains($0) } + order.filter { c in c.map { !known.contains($0) } ?? false } + (order.contains(nil) ? [nil] : [])
        if order.isEmpty { order = [nil] }
        return order.map { c in
            (c, plans.flatMap { p in p.vs.risks.filter { $0.category == c }.map { (p, $0) } })
        }
    }

    /// The responses' table: what each mitigation or transfer costs and what it is worth, by category.
    private func responses() -> [Block] {
        var rows: [[String]] = []
        for (category, _) in registerGroups() {
            for p in plans {
                for r in p.vs.riskCategories?.first(where: { $0.category == category })?.responses ?? [] {
                    let m = fmt.moneyColumn([r.cost, r.npvWithout, r.npvWith, r.value, r.valueSE])
                    rows.append([s.riskCategory(category), planName(p.result), names.risk(r.risk), s.response(r.response),
                                 m[0], m[2], m[1], m[3], "± " + m[4], NumberFormat.percent(r.pChanged)])
                }
            }
        }
        guard !rows.isEmpty else { return [] }
        return [
            .heading(s.responsesHeading),
            .table(Table(header: [s.riskCategoryHeader, s.plan, s.risk, s.responseHeader, s.responseCost, s.npvWithResponse,
                                  s.npvWithoutResponse, s.responseValue, s.responseSE, s.responseChanged],
                         rows: rows, numeric: [4, 5, 6, 7, 8, 9])),
            .note(s.responsesNote),
        ]
    }
}

extension Strings {
    /// A risk category: the source report's four in words, any other as written.
    func riskCategory(_ c: String?) -> String {
        switch c {
        case "technical": t("Technical risk", "技术风险")
        case "market": t("Market risk", "市场风险")
        case "operational": t("Operational risk", "运营风险")
        case "compliance": t("Compliance risk", "合规风险")
        case nil: t("Not categorised", "未分类")
        case let c?: c
        }
    }
    var riskCategoryHeader: String { t("Category", "风险类别") }
    func response(_ r: String) -> String {
        switch r {
        case "mitigation": t("Mitigate", "风险缓解")
        case "transfer": t("Transfer", "风险转移")
        default: r
        }
    }
    var responsesHeading: String { t("Risk responses: what each is worth", "风险应对：各项措施的价值") }
    var responseHeader: String { t("Response", "应对") }
    var responseCost: String { t("Cost (PV)", "成本（现值）") }
    var npvWithResponse: String { t("Mean NPV with it", "采取时净现值均值") }
    var npvWithoutResponse: String { t("Mean NPV without it", "不采取时净现值均值") }
    var responseValue: String { t("Value (net of cost)", "价值（扣除成本）") }
    var responseSE: String { t("Standard error", "标准误") }
    var responseChanged: String { t("Trials it changes", "起作用的模拟比例") }
    var responsesNote: String {
        t("Each response is evaluated both ways in the same trials (common random numbers): the plan as written and the plan without that response. Its value is the mean NPV with it minus without it, after paying for it; the standard error is that of the paired difference. A positive value means the response pays for itself; risks without a response are accepted.",
          "每项应对措施在相同的模拟中分别按采取与不采取计算（共同随机数）。其价值为采取时净现值均值减去不采取时的均值，已扣除措施成本；标准误为配对差值的标准误。价值为正表示措施物有所值；未列应对措施的风险即为风险自留。")
    }
}
