import CLVEngine
import CLVModel
import CLVNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Analysis {
    /// The decision (docs/model.md, "Deciding"): every plan and portfolio's risk figures, which
    /// fit the budget and the P(loss) limit, the ranking by `rank_by`, and the choice.
    ///
    /// A candidate fits when its mean cost PV ≤ `budget` and its P(NPV < 0) ≤ `max_p_loss`.
    /// Doing nothing always fits and scores 0 on every figure. The choice is the candidate that
    /// fits with the highest figure, provided it is above 0 (else doing nothing); ties keep
    /// study order, doing nothing first.
    /// `acceptability: false` leaves the hurdle grid's P(best) out (a summary analysis).
    static func decision(_ run: StudyRun, _ plans: [PlanTrials], acceptability withGrid: Bool = true) -> DecisionResults {
        let d = run.study.decision
        let rankBy = d?.rankBy.rawValue ?? DecisionSettings.RankBy.expectedNPV.rawValue
        let a = d?.riskAversion
        var candidates = [DecisionResults.Candidate(
            name: ValueOfInformation.doNothing, kind: "none", members: nil, costPV: 0,
            risk: RiskMeasures(npv: [0], riskAversion: a), rank: nil, excluded: [])]
        for (j, p) in plans.enumerated() {
            let sc = run.study.scenarios[j + 1]
            let cost = Statistics.mean(p.cost)
            let risk = RiskMeasures(npv: p.npv, riskAversion: a)
            var excluded: [String] = []
            if let b = d?.budget, !(cost <= b) { excluded.append("over_budget") }
            if let m = d?.maxPLoss, !(risk.pLoss <= m) { excluded.append("p_loss_above_limit") }
            candidates.append(.init(name: sc.name, kind: sc.portfolio == nil ? "plan" : "portfolio", members: sc.portfolio,
                                    costPV: cost, risk: risk, rank: nil, excluded: excluded))
        }
        let fit = candidates.indices.filter { candidates[$0].excluded.isEmpty }
        let ranked = fit.sorted { i, j in
            let x = candidates[i].risk.value(rankBy) ?? -.infinity, y = candidates[j].risk.value(rankBy) ?? -.infinity
            return x != y ? x > y : i < j
        }
        for (r, i) in ranked.enumerated() { candidates[i].rank = r + 1 }
        return DecisionResults(
            rankBy: rankBy, budget: d?.budget, maxPLoss: d?.maxPLoss, riskAversion: a, candidates: candidates,
            choice: candidates[ranked[0]].name, runnerUp: ranked.count > 1 ? candidates[ranked[1]].name : nil,
            acceptability: d?.hurdleRates == nil || !withGrid ? nil : acceptability(run, plans, options: fit))
    }

    /// P(best) over the hurdle grid, from each trial's stored cash flows and costs and the terminal
    /// values the engine stored at every grid rate (`ScenarioTrials.terminalAtRates`, columns 2...):
    /// NPV_r = Σ_t d_r^t (ΔCF_t − cost_t) + ΔTV_r (the terminal part on the terminal basis only),
    /// d_r = (1 + r)^(−1/p). Per trial the option with the highest NPV_r is best (ties: the first
    /// listed, doing nothing first); non-finite NPVs count for no option.
    static func acceptability(_ run: StudyRun, _ plans: [PlanTrials], options fit: [Int]) -> DecisionResults.Acceptability {
        let rates = run.study.decision?.hurdleGrid ?? []
        let base = run.trials[0], n = run.options.trials, T = run.models[0].horizon
        let perYear = Double(run.study.baseline.period.periodsPerYear)
        let planIdx = fit.filter { $0 > 0 }.map { $0 - 1 }
        var pBest = [[Double]](repeating: [Double](repeating: 0, count: rates.count), count: planIdx.count + 1)
        var means = pBest
        for (ri, r) in rates.enumerated() {
            let dr = pow(1 + r, -1 / perYear)
            let npv: [[Double]] = planIdx.map { k in
                let tr = run.trials[k + 1], terminal = plans[k].terminalBasis
                return (0..<n).map { i in
                    var h = 0.0, f = 1.0
                    for t in 0...T { h += f * (tr.cashFlow[i, t] - base.cashFlow[i, t] - tr.cost[i, t]); f *= dr }
                    return h + (terminal ? tr.terminalAtRates[i, 2 + ri] - base.terminalAtRates[i, 2 + ri] : 0)
                }
            }
            var wins = [Int](repeating: 0, count: planIdx.count + 1)
            for i in 0..<n {
                var best = 0, value = 0.0, ok = true
                for (o, x) in npv.enumerated() {
                    guard x[i].isFinite else { ok = false; break }
                    if x[i] > value { best = o + 1; value = x[i] }
                }
                if ok { wins[best] += 1 }
            }
            for o in wins.indices { pBest[o][ri] = Double(wins[o]) / Double(max(n, 1)) }
            for (o, x) in npv.enumerated() { means[o + 1][ri] = Statistics.mean(x.filter(\.isFinite)) }
        }
        let names = [ValueOfInformation.doNothing] + planIdx.map { run.study.scenarios[$0 + 1].name }
        return .init(rates: rates, options: names, pBest: pBest, npvMean: means)
    }
}
