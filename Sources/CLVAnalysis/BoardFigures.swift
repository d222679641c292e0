import CLVEngine
import CLVNumerics
import CLVModel
#if canImport(Glibc)
import Glibc
#endif

extension Analysis {
    /// The board figures of every plan and the recommendation, from each plan's pass over its
    /// trials (`boardTrials`, computed beside the scenarios' summaries) and the scenarios' results.
    static func board(_ run: StudyRun, _ parts: [BoardTrials], _ scenarios: [ScenarioResult],
                      _ headToHead: [HeadToHead]) -> BoardResults {
        let boards = parts.indices.map { boardPlan(run, parts[$0], scenarios[$0 + 1]) }
        return BoardResults(plans: boards, recommendation: recommendation(scenarios, boards, headToHead))
    }

    /// What a plan's board figures take from its trials alone (an IRR per trial, the cost schedule,
    /// the NPV at the other rates): independent of the scenarios' summaries, so the analysis
    /// computes it in the same parallel step as those.
    struct BoardTrials: Sendable {
        let downside: Downside, irr: IRRResult, funding: Funding
        let rates: [Double], npvAltMean: [Double], npvHorizonAltMean: [Double]
        let costMean: Double, npvHorizonMean: Double, npvMean: Double, npvVariance: Double
    }

    static func boardPlan(_ run: StudyRun, _ t: BoardTrials, _ r: ScenarioResult) -> BoardPlan {
        let vs = r.vsBaseline
        let points = [
            RatePoint(rate: t.rates[0], npvMean: t.npvAltMean[0], npvHorizonMean: t.npvHorizonAltMean[0]),
            RatePoint(rate: run.study.baseline.discountRate, npvMean: vs?.npv.mean ?? .nan,
                      npvHorizonMean: vs?.npvHorizon.mean ?? .nan),
            RatePoint(rate: t.rates[1], npvMean: t.npvAltMean[1], npvHorizonMean: t.npvHorizonAltMean[1]),
        ]
        let costMean = t.costMean, npvH = t.npvHorizonMean
        let bridge = Bridge(benefitHorizon: npvH + costMean, cost: costMean, npvHorizon: npvH,
                            terminal: vs?.terminalPart ?? 0, npv: t.npvMean)

        // R² of NPV on each risk's 0/1 indicator: p(1 − p)(μ1 − μ0)² / Var(NPV).
        let variance = t.npvVariance
        let shares = (vs?.risks ?? []).map { risk -> RiskShare in
            guard let d = risk.impact, variance > 0 else {
                return RiskShare(name: risk.name, varianceShare: 0, expectedImpact: nil)
            }
            let q = risk.occurred
            return RiskShare(name: risk.name, varianceShare: min(1, q * (1 - q) * d * d / variance),
                             expectedImpact: q * d)
        }
        return BoardPlan(plan: r.name, downside: t.downside, irr: t.irr, funding: t.funding, discountRates: points,
                         bridge: bridge, riskShares: shares)
    }

    /// Plan k's pass over its trials for the board figures (`BoardTrials`).
    static func boardTrials(_ run: StudyRun, k: Int, _ p: PlanTrials) -> BoardTrials {
        let model = run.models[k], base = run.trials[0], tr = run.trials[k]
        let n = p.npv.count, T = model.horizon, perYear = Double(run.study.baseline.period.periodsPerYear)
        let sorted = Sorting.ascending(p.npv.filter(\.isFinite))

        // Downside.
        let losses = sorted.filter { $0 < 0 }
        let downside = Downside(
            p10: sorted.isEmpty ? nil : Statistics.quantile(sorted: sorted, 0.10),
            pLoss: Double(losses.count) / Double(max(n, 1)),
            meanLossGivenLoss: losses.isEmpty ? nil : Statistics.mean(losses),
            cvar5: sorted.isEmpty ? nil : RiskMeasures.cvar(sorted: sorted, alpha: 0.05))

        // Per-trial flows: ΔCF_t − cost_t (undiscounted), and the terminal value's difference.
        var irrs: [Double] = [], peaks = [Double](repeating: 0, count: n)
        var cumMean = [Double](repeating: 0, count: T + 1)
        let rates = ScenarioModel.alternateRates(run.study.baseline.discountRate)
        let altD = rates.map { pow(1 + $0, -1 / perYear) }
        var npvAlt = [[Double]](repeating: [], count: 2), npvHAlt = npvAlt
        var flow = [Double](repeating: 0, count: T + 1)
        // Each trial's flows with its terminal lump, row by row: their IRRs are found eight at a time.
        var lumps = [Double](repeating: 0, count: n * (T + 1))
        for i in 0..<n {
            var cum = 0.0, low = 0.0
            for t in 0...T {
                flow[t] = tr.cashFlow[i, t] - base.cashFlow[i, t] - tr.cost[i, t]
                cum += flow[t]
                cumMean[t] += cum
                low = min(low, cum)
            }
            peaks[i] = -low
            let tvNow = p.terminalBasis ? (tr.ceTerminal[i, 0] - tr.ce[i, 0]) - (base.ceTerminal[i, 0] - base.ce[i, 0]) : 0
            for t in 0...T { lumps[i * (T + 1) + t] = flow[t] }
            lumps[i * (T + 1) + T] += tvNow / model.discountFactors[T]
            for a in 0..<2 {
                var h = 0.0, f = 1.0
                for t in 0...T { h += f * flow[t]; f *= altD[a] }
                let tv = p.terminalBasis ? tr.terminalAtRates[i, a] - base.terminalAtRates[i, a] : 0
                npvHAlt[a].append(h)
                npvAlt[a].append(h + tv)
            }
        }
        for rho in IRR.rates(lumps, width: T + 1) {
            if let rho { irrs.append(pow(1 + rho, perYear) - 1) }
        }
        cumMean = cumMean.map { $0 / Double(max(n, 1)) }
        let irrSorted = Sorting.ascending(irrs.filter(\.isFinite))
        let share = Double(irrSorted.count) / Double(max(n, 1))
        let irr = IRRResult(
            median: share >= 0.5 ? Statistics.quantile(sorted: irrSorted, 0.5) : nil,
            p10: irrSorted.isEmpty ? nil : Statistics.quantile(sorted: irrSorted, 0.1),
            p90: irrSorted.isEmpty ? nil : Statistics.quantile(sorted: irrSorted, 0.9), shareExists: share)

        // Cost schedule and funding.
        let C = model.categories.count
        // Each category's mean cost per period, the columns read eight at a time and not kept.
        var schedule = [[Double]](repeating: [Double](repeating: 0, count: T + 1), count: C)
        if tr.costByCategoryPeriod.rows > 0 {
            tr.costByCategoryPeriod.forEachColumn(Array(0..<(C * (T + 1)))) { j, column in
                schedule[j / (T + 1)][j % (T + 1)] = Statistics.mean(column)
            }
        }
        let sortedPeaks = Sorting.ascending(peaks)
        let peakPeriod = cumMean.indices.min { cumMean[$0] < cumMean[$1] } ?? 0
        let funding = Funding(
            categories: model.categories, costByPeriod: schedule,
            totalCost: Statistics.mean((0..<n).map { i in (0...T).reduce(0.0) { $0 + tr.cost[i, $1] } }),
            peakFundingMean: Statistics.mean(peaks),
            peakFundingP90: sortedPeaks.isEmpty ? .nan : Statistics.quantile(sorted: sortedPeaks, 0.9),
            peakPeriod: peakPeriod)

        return BoardTrials(downside: downside, irr: irr, funding: funding, rates: rates,
                           npvAltMean: npvAlt.map { Statistics.mean($0) }, npvHorizonAltMean: npvHAlt.map { Statistics.mean($0) },
                           costMean: Statistics.mean(p.cost), npvHorizonMean: Statistics.mean(p.npvHorizon),
                           npvMean: Statistics.mean(p.npv), npvVariance: Statistics.variance(p.npv))
    }

    /// The plan with the highest expected NPV when that is positive; its runner-up and risk.
    static func recommendation(_ scenarios: [ScenarioResult], _ boards: [BoardPlan],
                               _ headToHead: [HeadToHead]) -> Recommendation {
        let ranked = scenarios.filter { $0.vsBaseline != nil }
            .sorted { ($0.vsBaseline?.npv.mean ?? -.infinity) > ($1.vsBaseline?.npv.mean ?? -.infinity) }
        guard let best = ranked.first else {
            return Recommendation(rule: "no_plan_positive", plan: nil, runnerUp: nil, pBeatsRunnerUp: nil, biggestRisk: nil)
        }
        let positive = (best.vsBaseline?.npv.mean ?? -.infinity) > 0
        let runner = ranked.count > 1 ? ranked[1].name : nil
        let p = runner.flatMap { r in headToHead.first { $0.plan == best.name && $0.against == r }?.pBeats }
        let risk = boards.first { $0.plan == best.name }?.riskShares.max { $0.varianceShare < $1.varianceShare }
        return Recommendation(rule: positive ? "best_expected_npv" : "no_plan_positive", plan: positive ? best.name : nil,
                              runnerUp: runner, pBeatsRunnerUp: p, biggestRisk: risk?.name)
    }
}
