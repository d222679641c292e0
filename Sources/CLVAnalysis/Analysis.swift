public import CLVEngine
import CLVNumerics
public import CLVModel

/// Turns a run into the one `Results` value every output renders: summaries over trials, plan
/// metrics, head-to-head, the risk register, the charts' quantiles, costs, the assumptions'
/// spread and the expectation checks. Nothing downstream sees the trials.
public struct Analysis: Sendable {
    public let run: StudyRun
    public var results: Results
    /// Per plan (index 0 is the first plan), trial by trial.
    public let plans: [PlanTrials]

    /// Quantile grid of distributions in results: p = 0, 1/1000, …, 1.
    public static let gridSteps = 1000
    /// Trials the expectation check evaluates the exact path for (the first ones of the run).
    public static let checkTrials = 2_000

    /// `depth: .summary` leaves out the value of information, the decision's acceptability and the
    /// expectation check (`AnalysisDepth`); every other figure is the full analysis's, value for value.
    public init(_ run: StudyRun, gitCommit: String? = nil, depth: AnalysisDepth = .full) {
        self.run = run
        let plans = Array(1..<run.models.count).parallelMap { PlanTrials(run: run, plan: $0) }
        self.plans = plans
        let full = depth == .full
        // Scenarios are summarised independently, one per core, and beside them the assumptions'
        // spread (a pass over every input's draws) and each plan's pass over its trials for the
        // board figures: one parallel step, the longest tasks first, not serial steps after it.
        let names = run.models.map(\.scenario.name)
        let S = run.models.count
        let tasks: [AnalysisTask] = [.assumptions] + plans.indices.map { .board($0) } + (0..<S).map { .scenario($0) }
        let parts: [AnalysisPart] = tasks.parallelMap { task in
            switch task {
            case .assumptions: .assumptions(Analysis.assumptions(run, names: names))
            case .board(let j): .board(Analysis.boardTrials(run, k: j + 1, plans[j]))
            case .scenario(let k): .scenario(Analysis.scenario(run, k, plan: k > 0 ? plans[k - 1] : nil, check: full))
            }
        }
        let scenarios: [ScenarioResult] = parts.compactMap { if case .scenario(let r) = $0 { r } else { nil } }
        let boardParts: [BoardTrials] = parts.compactMap { if case .board(let b) = $0 { b } else { nil } }
        let assumptions = parts.compactMap { if case .assumptions(let a) = $0 { a } else { nil } }[0]
        let study = run.study, base = study.baseline
        let decision = plans.isEmpty ? nil : Analysis.decision(run, plans, acceptability: full)
        // Value of information over the options the board may choose: doing nothing and the
        // plans and portfolios that fit the decision's limits (all of them without limits).
        let eligible = decision.map { d in d.candidates.dropFirst().indices.filter { d.candidates[$0].excluded.isEmpty }.map { $0 - 1 } }
        let settings = StudySettings(
            title: study.report.title ?? study.name, locale: study.report.locale, currency: base.currency,
            period: base.period.rawValue, horizon: base.horizon, discountRate: base.discountRate,
            terminalValue: base.terminalValue.rawValue, clvSamples: run.options.clvSamples,
            segments: base.segments.map(\.name), gitCommit: gitCommit)
        results = Results(
            tool: .current, study: study.name, seed: run.options.seed, trials: run.options.trials,
            inputs: study.inputs.map { InputFileResult(file: $0.path, sha256: $0.sha256) }, scenarios: scenarios,
            settings: settings, headToHead: Analysis.headToHead(scenarios, plans),
            assumptions: assumptions,
            valueOfInformation: plans.isEmpty || !full ? nil : ValueOfInformation(run: run, plans: plans, only: eligible))
        results.analysis = full ? nil : depth.rawValue
        results.board = Analysis.board(run, boardParts, scenarios, results.headToHead)
        results.labels = Labels(run.study)
        results.decision = decision
    }

    /// Adds the what-if objects (the `sensitivity`, `stress` and `precision` keys).
    public mutating func attach(whatIf: WhatIf?, stress: [Stress.Applied] = [], precision: PrecisionRun? = nil) {
        results.sensitivity = whatIf.map(SensitivityResult.init)
        results.stress = stress.isEmpty ? nil : stress.map(StressResult.init)
        results.precision = precision.map(PrecisionResult.init)
    }

    /// One task of the analysis's parallel step, and its result.
    enum AnalysisTask: Sendable {
        case assumptions, board(Int), scenario(Int)
    }
    enum AnalysisPart: Sendable {
        case scenario(ScenarioResult)
        case assumptions(Assumptions)
        case board(BoardTrials)
    }

    static func scenario(_ run: StudyRun, _ k: Int, plan p: PlanTrials?, check: Bool = true) -> ScenarioResult {
        let model = run.models[k]
        let tr = run.trials[k], ex = run.expected[k]
        let segments = model.segments.enumerated().map { g, m in
            SegmentResult(
                name: m.name, customerEquity: Summary(tr.segmentCE.column(g)),
                clv: run.clv[k][g].enumerated().map { e, sample in
                    Analysis.clvResult(sample.values, entry: model.scenario.states[sample.entry.state].name,
                                       analytic: ex.clv[g][e], paysAcquisition: sample.entry.paysAcquisition)
                })
        }
        let stages = tr.meanByStage()
        let q = columnQuantiles(tr.customers, [0.05, 0.25, 0.5, 0.75, 0.95])
        let paths = Paths(customers: Quantiles5(p5: q[0], p25: q[1], p50: q[2], p75: q[3], p95: q[4]),
                          byStage: StageMeans(Stage.allCases.map { ($0, stages[$0] ?? []) }))
        return ScenarioResult(
            name: model.scenario.name, role: k == 0 ? .baseline : .plan,
            customerEquity: Summary(tr.ce.column(0)), customerEquityTerminal: Summary(tr.ceTerminal.column(0)),
            analytic: AnalyticValues(customerEquity: ex.customerEquity, customerEquityTerminal: ex.customerEquityTerminal),
            rowOverflows: tr.rowOverflows, segments: segments, series: series(tr),
            vsBaseline: p.map { comparison(run, k, $0) }, paths: paths,
            check: check ? ExpectationCheck(run, scenario: k) : nil,
            portfolio: model.scenario.portfolio)
    }

    static func comparison(_ run: StudyRun, _ k: Int, _ p: PlanTrials) -> PlanComparison {
        let model = run.models[k], tr = run.trials[k], n = Double(max(p.npv.count, 1))
        let pr = p.pNPVPositive
        var bcrSE: Double? = nil
        if let r = p.bcrOfMeans {
            // Delta method for a ratio of means: se(B̄/C̄) = sd(B − R·C) / (√n · C̄).
            let resid = zip(p.benefit, p.cost).map { $0 - r * $1 }
            bcrSE = (Summary(resid).sd ?? .nan) / (n.squareRoot() * Statistics.mean(p.cost))
        }
        let npvSummary = Summary(p.npv), horizon = Summary(p.npvHorizon)
        let categories = model.categories.enumerated().map { c, name in
            CategoryCost(category: name, pvMean: Statistics.mean(tr.costPVByCategory.column(c)))
        }
        let risks = model.scenario.risks.enumerated().map { r, risk -> RiskResult in
            let occ = tr.occurred.column(r)
            var with: [Double] = [], without: [Double] = []
            for (i, o) in occ.enumerated() { if o > 0.5 { with.append(p.npv[i]) } else { without.append(p.npv[i]) } }
            let mw = with.isEmpty ? nil : Statistics.mean(with), mo = without.isEmpty ? nil : Statistics.mean(without)
            return RiskResult(name: risk.name, probability: risk.probability.text,
                              occurred: Double(with.count) / Double(max(occ.count, 1)), npvIfOccurs: mw, npvIfNot: mo,
                              impact: mw.flatMap { a in mo.map { a - $0 } }, category: risk.category)
        }
        var result = PlanComparison(
            basis: p.terminalBasis ? .terminal : .horizon, benefit: Summary(p.benefit), cost: Summary(p.cost),
            npv: npvSummary, roi: Summary(p.roi), bcr: Summary(p.bcr), bcrOfMeans: p.bcrOfMeans,
            pNPVPositive: pr, paybackPeriod: .init(p50: p.medianPayback, pWithinHorizon: p.pPaybackWithinHorizon),
            npvHorizon: horizon, terminalPart: (npvSummary.mean ?? .nan) - (horizon.mean ?? .nan),
            roiOfMeans: p.bcrOfMeans.map { $0 - 1 }, bcrOfMeansSE: bcrSE, pNPVPositiveSE: (pr * (1 - pr) / n).squareRoot(),
            npvQuantiles: grid(Sorting.ascending(p.npv.filter(\.isFinite))), cumulativeMean: p.meanCumulative,
            costByPeriod: columnMeans(tr.cost), costByCategory: categories,
            risks: risks, nonFiniteTrials: p.npv.filter { !$0.isFinite }.count)
        result.riskCategories = RiskResponses.categories(run, plan: k, p)
        return result
    }

    /// Every pair of plans, the one with the higher expected NPV first (ties: study order).
    static func headToHead(_ scenarios: [ScenarioResult], _ plans: [PlanTrials]) -> [HeadToHead] {
        let ranked = plans.indices.sorted {
            let a = scenarios[$0 + 1].vsBaseline?.npv.mean ?? -.infinity, b = scenarios[$1 + 1].vsBaseline?.npv.mean ?? -.infinity
            return a != b ? a > b : $0 < $1
        }
        var out: [HeadToHead] = []
        for i in ranked.indices {
            for j in ranked.indices where j > i {
                let x = plans[ranked[i]].npv, y = plans[ranked[j]].npv
                let d = zip(x, y).map { $0 - $1 }
                let s = Summary(d)
                out.append(HeadToHead(plan: scenarios[ranked[i] + 1].name, against: scenarios[ranked[j] + 1].name,
                                      pBeats: Double(zip(x, y).filter { $0 > $1 }.count) / Double(max(x.count, 1)),
                                      meanDifference: s.mean ?? .nan, se: s.se ?? .nan))
            }
        }
        return out
    }

    /// The inputs as written with the P5–P95 of their draws, and the plans' effects and ramps.
    static func assumptions(_ run: StudyRun, names: [String]) -> Assumptions {
        let study = run.study
        // Which scenarios use each input: compile each alone and collect its (path, text) pairs.
        let usedBy: [Set<String>] = study.scenarios.enumerated().map { k, sc in
            var t = InputTable()
            _ = ScenarioModel(sc, isPlan: k > 0, inputs: &t)
            return Set(t.entries.map { "\($0.path)\u{1}\($0.text)" })
        }
        var inputs: [Assumptions.Input] = []
        let shown = run.inputs.entries.filter { e in
            if case .occurrence = e.kind { return false }
            if case .derived = e.kind { return false }     // computed from parameters: not an input of its own
            return true
        }
        // P5 and P95 of every column the inputs shown use, eight columns per pass over the draws.
        var p5 = [Double](repeating: .nan, count: run.draws.columns), p95 = p5
        run.draws.forEachColumn(shown.flatMap { e in (0..<e.width).map { e.slot + $0 } }) { c, column in
            let col = Sorting.ascending(column.filter(\.isFinite))
            if !col.isEmpty {
                p5[c] = Statistics.quantile(sorted: col, 0.05)
                p95[c] = Statistics.quantile(sorted: col, 0.95)
            }
        }
        for e in shown {
            var constant = false
            if case .scalar(let d) = e.kind, d.isConstant { constant = true }
            let lo = (0..<e.width).map { p5[e.slot + $0] }, hi = (0..<e.width).map { p95[e.slot + $0] }
            let key = "\(e.path)\u{1}\(e.text)"
            let users = usedBy.indices.filter { usedBy[$0].contains(key) }
            inputs.append(Assumptions.Input(path: e.path, distribution: e.text, constant: constant, p5: lo, p95: hi,
                                            usedBy: users.count == usedBy.count ? [] : users.map { names[$0] }))
        }
        var effects: [Assumptions.Effect] = [], ramps: [Assumptions.Ramp] = []
        for (k, sc) in study.scenarios.enumerated().dropFirst() {
            for e in sc.effects {
                effects.append(Assumptions.Effect(plan: names[k], target: e.targetText, segments: e.segments,
                                                  change: e.change.rawValue, amount: e.amount.text))
            }
            var ramp = Assumptions.Ramp(plan: names[k], from: sc.ramp?.from, to: sc.ramp?.to)
            if let u = sc.ramp?.until {
                ramp.until = u
                ramp.fade = sc.ramp?.fade ?? 0
            }
            let own = sc.effects.enumerated().compactMap { i, e in
                e.ramp.map { r in
                    Assumptions.EffectRamp(effect: i, target: e.targetText, segments: e.segments, from: r.from, to: r.to,
                                           until: r.until, fade: r.until == nil ? nil : r.fade)
                }
            }
            if !own.isEmpty { ramp.effects = own }
            ramps.append(ramp)
        }
        return Assumptions(inputs: inputs, effects: effects, ramps: ramps)
    }

    /// Type-7 quantiles of sorted finite values on the results' grid (empty when there are none).
    static func grid(_ sorted: [Double]) -> [Double] {
        guard !sorted.isEmpty else { return [] }
        return (0...gridSteps).map { Statistics.quantile(sorted: sorted, Double($0) / Double(gridSteps)) }
    }

    /// Type-7 quantiles of every column t = 0...T of `m`.
    static func columnQuantiles(_ m: Matrix, _ ps: [Double]) -> [[Double]] {
        var out = ps.map { _ in [Double]() }
        m.forEachColumn(Array(0..<m.columns)) { _, column in
            let col = Sorting.ascending(column.filter(\.isFinite))
            for (i, p) in ps.enumerated() { out[i].append(col.isEmpty ? 0 : Statistics.quantile(sorted: col, p)) }
        }
        return out
    }

    /// The mean of every column of `m`.
    static func columnMeans(_ m: Matrix) -> [Double] {
        var out: [Double] = []
        m.forEachColumn(Array(0..<m.columns)) { _, column in out.append(Statistics.mean(column)) }
        return out
    }

    static func clvResult(_ x: [Double], entry: String, analytic: Double, paysAcquisition: Bool) -> CLVResult {
        // One sort serves the summary, the grid and the top shares (the descending order is its reverse).
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
                         analytic: analytic, paysAcquisition: paysAcquisition, quantiles: grid(ascending))
    }

    static func series(_ tr: ScenarioTrials) -> Series {
        let T = tr.horizon
        func band(_ m: Matrix) -> Series.Band {
            var b = Series.Band(mean: [], p5: [], p50: [], p95: [])
            m.forEachColumn(T >= 1 ? Array(1...T) : []) { _, column in
                let s = Summary(column)
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
                      byStage: StageMeans(Stage.allCases.map { ($0, Array(stages[$0]![1...])) }))
    }
}

extension ExpectationCheck {
    /// The first `Analysis.checkTrials` trials of scenario `k`: each trial's simulated customer
    /// equity against the exact expected-value path at that trial's own draws.
    init(_ run: StudyRun, scenario k: Int) {
        let n = min(run.options.trials, Analysis.checkTrials)
        let model = run.models[k], tr = run.trials[k]
        let entries = model.segments.map(CLVEntryPoint.of)
        var dh = [Double](repeating: 0, count: n), dt = dh, eh = dh, et = dh
        for i in 0..<n {
            let p = ExpectedPath(model, means: run.draws.rowValues(i), entries: entries, closedFormCLV: false)
            eh[i] = p.customerEquity
            et[i] = p.customerEquityTerminal
            dh[i] = tr.ce[i, 0] - p.customerEquity
            dt[i] = tr.ceTerminal[i, 0] - p.customerEquityTerminal
        }
        func row(_ e: [Double], _ d: [Double], _ mc: [Double]) -> Row {
            let s = Summary(d)
            let z: Double? = s.mean.flatMap { m in s.se.flatMap { se in se > 0 ? m / se : (m == 0 ? 0 : nil) } }
            return Row(expected: Statistics.mean(e), monteCarlo: Statistics.mean(mc), se: s.se ?? .nan, z: z)
        }
        trials = n
        horizon = row(eh, dh, Array(tr.ce.column(0).prefix(n)))
        terminal = row(et, dt, Array(tr.ceTerminal.column(0).prefix(n)))
    }
}
