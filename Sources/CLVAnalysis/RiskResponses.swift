import CLVEngine
import CLVModel

/// The risk register by category and the value of each risk response (model.md 3.6).
enum RiskResponses {
    /// The source report's four categories first, then other words in first-seen order, then the
    /// risks without a category. Nil when no risk of the plan has a category or a response (the key
    /// is then absent).
    static func categories(_ run: StudyRun, plan k: Int, _ p: PlanTrials) -> [RiskCategoryResult]? {
        let model = run.models[k], risks = model.scenario.risks
        guard risks.contains(where: { $0.category != nil || !$0.responses.isEmpty }) else { return nil }
        var order: [String?] = RiskCategory.known.filter { c in risks.contains { $0.category == c } }
        for r in risks { if let c = r.category, !order.contains(c) { order.append(c) } }
        if risks.contains(where: { $0.category == nil }) { order.append(nil) }
        let values = model.responses.indices.map { value(run, plan: k, p, response: $0) }
        return order.map { c in
            RiskCategoryResult(
                category: c, risks: risks.filter { $0.category == c }.map(\.name),
                responses: model.responses.indices.filter { risks[model.responses[$0].risk].category == c }.map { values[$0] })
        }
    }

    /// Response j of plan k: per trial, NPV as written minus NPV without the response (the baseline
    /// cancels), their mean and its paired standard error.
    static func value(_ run: StudyRun, plan k: Int, _ p: PlanTrials, response j: Int) -> RiskResponseResult {
        let model = run.models[k], tr = run.trials[k], r = model.responses[j]
        let n = tr.trials
        var diffs: [Double] = [], with: [Double] = [], without: [Double] = [], costs: [Double] = []
        var changed = 0
        diffs.reserveCapacity(n)
        for i in 0..<n {
            let ce = p.terminalBasis ? tr.ceTerminal[i, 0] : tr.ce[i, 0]
            let ceW = tr.responses[i, 3 * j + (p.terminalBasis ? 1 : 0)], costW = tr.responses[i, 3 * j + 2]
            // NPV_with − NPV_without = (CE_with − CE_without) − (C_with − C_without).
            let d = (ce - ceW) - (p.cost[i] - costW)
            let own = run.draws.rowValues(i).withUnsafeBufferPointer { model.responseCostPV(j, draws: $0) }
            costs.append(own)
            // The cost difference is the response's own cost unless an overrun changed too (sums in
            // another order: equal to within rounding).
            let dc = p.cost[i] - costW
            if ce != ceW || abs(dc - own) > 1e-9 * max(1, abs(own), abs(p.cost[i])) { changed += 1 }
            guard d.isFinite, p.npv[i].isFinite else { continue }
            diffs.append(d)
            with.append(p.npv[i])
            without.append(p.npv[i] - d)
        }
        let s = Summary(diffs), cost = Statistics.mean(costs)
        let value = s.mean ?? .nan
        return RiskResponseResult(
            risk: model.scenario.risks[r.risk].name, response: r.kind.rawValue, cost: cost,
            npvWith: Statistics.mean(with), npvWithout: Statistics.mean(without), value: value, valueSE: s.se ?? .nan,
            benefit: value + cost, pChanged: Double(changed) / Double(max(n, 1)))
    }
}
