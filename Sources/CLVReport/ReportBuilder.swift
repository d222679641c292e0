public import CLVAnalysis
import CLVEngine
import CLVModel

/// What the report needs besides the results: the date, the scenario folder's commit, the language.
public struct ReportContext: Sendable {
    /// `YYYY-MM-DD` (from `SOURCE_DATE_EPOCH` when set).
    public var date: String
    /// `git rev-parse HEAD` of the scenario folder; nil when it is not in a repository.
    public var gitCommit: String?
    public var locale: ReportLocale

    public init(date: String, gitCommit: String?, locale: ReportLocale) {
        self.date = date
        self.gitCommit = gitCommit
        self.locale = locale
    }
}

/// Turns an analysis into a report document (the same numbers for every renderer).
public struct ReportBuilder {
    let a: Analysis
    let ctx: ReportContext
    let s: Strings
    let fmt: NumberFormat
    let chartContext: ChartContext

    public init(_ analysis: Analysis, context: ReportContext) {
        a = analysis
        ctx = context
        s = Strings.of(context.locale)
        fmt = NumberFormat(locale: context.locale, currency: analysis.run.study.baseline.currency)
        chartContext = ChartContext(fmt: fmt, s: s, periodUnit: s.period(analysis.run.study.baseline.period.rawValue))
    }

    /// Builds the whole document.
    public static func build(_ analysis: Analysis, context: ReportContext) -> Document {
        ReportBuilder(analysis, context: context).document()
    }

    var study: Study { a.run.study }
    var results: Results { a.results }
    /// Plans in study order with their results (index k ≥ 1 in the run).
    var plans: [(k: Int, result: ScenarioResult, trials: PlanTrials, vs: PlanComparison)] {
        results.scenarios.indices.dropFirst().compactMap { k in
            results.scenarios[k].vsBaseline.map { (k, results.scenarios[k], a.plans[k - 1], $0) }
        }
    }

    func document() -> Document {
        var meta: [(String, String)] = [
            (s.study, study.name), (s.date, ctx.date), (s.tool, "\(Tool.name) \(Tool.version)"),
            (s.seed, String(results.seed)), (s.trials, NumberFormat.grouped(Double(results.trials))),
        ]
        if let c = ctx.gitCommit { meta.append((s.gitCommit, c)) }
        let provenance = Table(caption: s.inputFiles, header: [s.file, s.sha256],
                               rows: results.inputs.map { [$0.path, $0.sha256] })
        return Document(language: ctx.locale.rawValue, title: study.report.title ?? study.name,
                        meta: meta.map { (label: $0.0, value: $0.1) }, provenance: provenance,
                        sections: [summary(), comparison(), charts(), risks(), assumptions(), method()])
    }

    // MARK: Executive summary

    func paybackText(_ vs: PlanComparison) -> String {
        if let p = vs.paybackP50, p.isFinite { return s.payback(Int(p), unit: chartContext.periodUnit) }
        return s.noPayback(share: NumberFormat.percent(vs.paybackWithinHorizon, decimals: 0))
    }

    func summary() -> Section {
        var blocks: [Block] = []
        blocks.append(.keyFigures(plans.map { p in
            KeyFigure(label: p.result.name, value: fmt.money(p.vs.npv.mean),
                      detail: s.keyDetail(p: NumberFormat.percent(p.vs.pNPVPositive, decimals: 0),
                                          bcr: NumberFormat.bcr(p.vs.bcrOfMeans)))
        }))
        for p in plans {
            let v = p.vs
            blocks.append(.paragraph([.strong(p.result.name), .text(String(s.planSentence(
                plan: "", npv: fmt.money(v.npv.mean), lo: fmt.money(v.npv.p5), hi: fmt.money(v.npv.p95),
                bcr: NumberFormat.bcr(v.bcrOfMeans), roi: NumberFormat.percent(v.bcrOfMeans.map { $0 - 1 }),
                p: NumberFormat.percent(v.pNPVPositive), payback: paybackText(v))))]))
        }
        blocks.append(.note(s.basis(terminal: plans.first?.vs.basis == .terminal)))
        let ranked = plans.sorted { ($0.vs.npv.mean ?? -.infinity) > ($1.vs.npv.mean ?? -.infinity) }
        if ranked.count > 0 {
            blocks.append(.heading(s.ranking))
            blocks.append(.list(ranked.enumerated().map { i, p in
                [.text(s.rankItem(i + 1, plan: p.result.name, npv: fmt.money(p.vs.npv.mean),
                                  p: NumberFormat.percent(p.vs.pNPVPositive)))]
            }))
        }
        if ranked.count > 1 {
            var rows: [[String]] = []
            for i in ranked.indices {
                for j in ranked.indices where j > i {
                    let x = ranked[i].trials.npv, y = ranked[j].trials.npv
                    let wins = zip(x, y).filter { $0 > $1 }.count
                    let diff = Statistics.mean(zip(x, y).map { $0 - $1 })
                    rows.append([ranked[i].result.name, ranked[j].result.name,
                                 NumberFormat.percent(Double(wins) / Double(max(x.count, 1))), fmt.money(diff)])
                }
            }
            blocks.append(.heading(s.pairwise))
            blocks.append(.table(Table(header: [s.plan, s.against, s.pBeats, s.meanDifference], rows: rows,
                                       numeric: [2, 3])))
            blocks.append(.note(s.pairNote))
        }
        return Section(id: "summary", title: s.summary, blocks: blocks)
    }

    // MARK: Comparison

    /// Each segment's CLV of a new customer: the mean over its entry points that pay acquisition
    /// (or its first entry point when none does), per scenario.
    func newCustomerCLV(_ r: ScenarioResult, scenario k: Int, segment g: Int) -> Double? {
        let entries = a.run.clv[k][g]
        let paying = entries.indices.filter { entries[$0].entry.paysAcquisition }
        let use = paying.isEmpty ? Array(entries.indices.prefix(1)) : paying
        guard !use.isEmpty else { return nil }
        // Entry points are weighted equally; with one arrival state (the usual case) this is its mean.
        return use.map { r.segments[g].clv[$0].mean }.reduce(0, +) / Double(use.count)
    }

    func comparison() -> Section {
        let header = [s.scenario, s.ceHorizon, s.ceTerminal, s.customersAtHorizon, s.overflows]
        let rows = results.scenarios.map { r -> [String] in
            [r.name, fmt.money(r.customerEquity.mean), fmt.money(r.customerEquityTerminal.mean),
             NumberFormat.grouped(r.series.customers.mean.last ?? .nan), NumberFormat.grouped(Double(r.rowOverflows))]
        }
        // CLV in its own table: one column per segment keeps both tables narrow enough for a laptop.
        let segs = study.baseline.segments.map(\.name)
        let clvRows = results.scenarios.enumerated().map { k, r -> [String] in
            [r.name] + segs.indices.map { g in g < r.segments.count ? fmt.moneyFull(newCustomerCLV(r, scenario: k, segment: g)) : "–" }
        }
        return Section(id: "comparison", title: s.comparison, blocks: [
            .table(Table(header: header, rows: rows, numeric: Set(1..<header.count))),
            .heading(s.clvHeading),
            .table(Table(header: [s.scenario] + segs, rows: clvRows, numeric: Set(1...max(segs.count, 1)))),
            .note(s.comparisonNote),
        ])
    }

    // MARK: Risks

    func risks() -> Section {
        var rows: [[String]] = []
        for p in plans {
            let sc = a.run.models[p.k].scenario, tr = a.run.trials[p.k]
            for (r, risk) in sc.risks.enumerated() {
                let occ = tr.occurred.column(r)
                var with: [Double] = [], without: [Double] = []
                for (i, o) in occ.enumerated() { if o > 0.5 { with.append(p.trials.npv[i]) } else { without.append(p.trials.npv[i]) } }
                let mw = with.isEmpty ? Double.nan : Statistics.mean(with)
                let mo = without.isEmpty ? Double.nan : Statistics.mean(without)
                rows.append([p.result.name, risk.name, risk.probability.text,
                             NumberFormat.percent(Double(with.count) / Double(max(occ.count, 1))),
                             fmt.money(mw), fmt.money(mo), fmt.money(mw - mo)])
            }
        }
        if rows.isEmpty { return Section(id: "risks", title: s.risks, blocks: [.paragraph([.text(s.noRisks)])]) }
        return Section(id: "risks", title: s.risks, blocks: [
            .table(Table(header: [s.plan, s.risk, s.probabilityWritten, s.occurred, s.npvWith, s.npvWithout, s.impact],
                         rows: rows, numeric: [3, 4, 5, 6])),
            .note(s.risksNote),
        ])
    }
}
