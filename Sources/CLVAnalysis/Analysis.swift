public import CLVEngine
import CLVNumerics
import CLVModel

/// Turns a run into results: summaries over trials, plan metrics, CLV statistics, series.
public struct Analysis: Sendable {
    public let run: StudyRun
    public let results: Results
    /// Per plan (index 0 is the first plan), trial by trial.
    public let plans: [PlanTrials]

    public init(_ run: StudyRun) {
        self.run = run
        let plans = Array(1..<run.models.count).parallelMap { PlanTrials(run: run, plan: $0) }
        self.plans = plans
        // Scenarios are summarised independently, one per core.
        let scenarios: [ScenarioResult] = Array(run.models.indices).parallelMap { k in
            let model = run.models[k]
            let tr = run.trials[k], ex = run.expected[k]
            let segments = model.segments.enumerated().map { g, m in
                SegmentResult(
                    name: m.name, customerEquity: Summary(tr.segmentCE.column(g)),
                    clv: run.clv[k][g].enumerated().map { e, sample in
                        Analysis.clvResult(sample.values, entry: model.scenario.states[sample.entry.state].name,
                                           analytic: ex.clv[g][e])
                    })
            }
            var comparison: PlanComparison? = nil
            if k > 0 {
                let p = plans[k - 1]
                comparison = PlanComparison(
                    basis: p.terminalBasis ? .terminal : .horizon, benefit: Summary(p.benefit), cost: Summary(p.cost),
                    npv: Summary(p.npv), roi: Summary(p.roi), bcr: Summary(p.bcr), bcrOfMeans: p.bcrOfMeans,
                    pNPVPositive: p.pNPVPositive, paybackP50: p.medianPayback,
                    paybackWithinHorizon: p.pPaybackWithinHorizon)
            }
            return ScenarioResult(
                name: model.scenario.name, role: k == 0 ? .baseline : .plan,
                customerEquity: Summary(tr.ce.column(0)), customerEquityTerminal: Summary(tr.ceTerminal.column(0)),
                analyticCustomerEquity: ex.customerEquity, analyticCustomerEquityTerminal: ex.customerEquityTerminal,
                rowOverflows: tr.rowOverflows, segments: segments, series: Analysis.series(tr), vsBaseline: comparison)
        }
        results = Results(study: run.study.name, seed: run.options.seed, trials: run.options.trials,
                          inputs: run.study.inputs, scenarios: scenarios)
    }

    static func clvResult(_ x: [Double], entry: String, analytic: Double) -> CLVResult {
        // One sort serves the summary and the top shares (the descending order is its reverse).
        let ascending = Sorting.ascending(x.filter(\.isFinite))
        let s = Summary(sortedFinite: ascending)
        let desc = Array(ascending.reversed())
        let total = Statistics.sum(x)
        func top(_ f: Double) -> Double? {
            guard total > 0, !desc.isEmpty else { return nil }
            let k = max(1, Int((f * Double(desc.count)).rounded()))
            return Statistics.sum(Array(desc.prefix(k))) / total
        }
        return CLVResult(entryState: entry, mean: s.mean ?? .nan, se: s.se ?? .nan, p5: s.p5 ?? .nan,
                         p50: s.p50 ?? .nan, p95: s.p95 ?? .nan, top10Share: top(0.1), top20Share: top(0.2),
                         pNegative: x.isEmpty ? .nan : Double(x.filter { $0 < 0 }.count) / Double(x.count),
                         analytic: analytic)
    }

    static func series(_ tr: ScenarioTrials) -> Series {
        let T = tr.horizon
        func band(_ m: Matrix) -> Series.Band {
            var b = Series.Band(mean: [], p5: [], p50: [], p95: [])
            for t in 1...max(T, 1) where t <= T {
                let s = Summary(m.column(t))
                b.mean.append(s.mean ?? .nan)
                b.p5.append(s.p5 ?? .nan)
                b.p50.append(s.p50 ?? .nan)
                b.p95.append(s.p95 ?? .nan)
            }
            return b
        }
        let stages = tr.meanByStage()
        return Series(period: Array(1...max(T, 1)).filter { $0 <= T }, customers: band(tr.customers),
                      cashFlow: band(tr.cashFlow),
                      byStage: Stage.allCases.map { ($0, Array(stages[$0]![1...])) })
    }
}
