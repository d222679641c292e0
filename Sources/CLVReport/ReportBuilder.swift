public import CLVAnalysis
import CLVModel

/// What the report needs besides the results: the date and the language.
public struct ReportContext: Sendable {
    /// `YYYY-MM-DD` (from `SOURCE_DATE_EPOCH` when set).
    public var date: String
    public var locale: ReportLocale

    public init(date: String, locale: ReportLocale) {
        self.date = date
        self.locale = locale
    }
}

/// Turns a study's results into a report document (the same numbers for every renderer).
/// It reads nothing but `Results`: every figure it shows is one the results JSON carries.
public struct ReportBuilder {
    let results: Results
    let ctx: ReportContext
    let s: Strings
    let fmt: NumberFormat
    let chartContext: ChartContext

    public init(_ results: Results, context: ReportContext) {
        self.results = results
        ctx = context
        s = Strings.of(context.locale)
        fmt = NumberFormat(locale: context.locale, currency: results.settings.currency)
        var cc = ChartContext(fmt: fmt, s: s, periodUnit: s.period(results.settings.period))
        let names = Names(labels: results.labels, locale: context.locale.rawValue, s: s, period: cc.periodUnit)
        cc.category = { names.category($0) }
        chartContext = cc
    }

    /// Builds the whole document.
    public static func build(_ results: Results, context: ReportContext) -> Document {
        ReportBuilder(results, context: context).document()
    }

    var settings: StudySettings { results.settings }
    /// Plans in study order with their results (index k ≥ 1 in the scenarios).
    var plans: [(k: Int, result: ScenarioResult, vs: PlanComparison)] {
        results.plans.map { (k: $0.index, result: $0.result, vs: $0.vs) }
    }

    func document() -> Document {
        var meta: [(String, String)] = [
            (s.study, names.study ?? results.study), (s.date, ctx.date), (s.tool, "\(results.tool.name) \(results.tool.version)"),
            (s.seed, String(results.seed)), (s.trials, NumberFormat.grouped(Double(results.trials))),
        ]
        if let c = settings.gitCommit { meta.append((s.gitCommit, c)) }
        let provenance = Table(caption: s.inputFiles, header: [s.file, s.sha256],
                               rows: results.inputs.map { [$0.file, $0.sha256] })
        return Document(language: ctx.locale.rawValue, title: names.title ?? settings.title,
                        meta: meta.map { (label: $0.0, value: $0.1) }, provenance: provenance,
                        sections: (decision() + [summary(), money(), comparison(), charts(), drivers(), risks(), assumptions(),
                                                 method()]).compactMap { $0 },
                        footer: "\(names.study ?? results.study) · \(ctx.date) · \(results.tool.name) \(results.tool.version)")
    }

    // MARK: Executive summary

    func paybackText(_ vs: PlanComparison) -> String {
        if let p = vs.paybackP50, p.isFinite { return s.payback(Int(p), unit: chartContext.periodUnit) }
        return s.noPayback(share: NumberFormat.percent(vs.paybackWithinHorizon, decimals: 0))
    }

    func summary() -> Section {
        var blocks: [Block] = []
        for p in plans {
            let v = p.vs
            blocks.append(.paragraph([.strong(planName(p.result)), .text(String(s.planSentence(
                plan: "", npv: fmt.money(v.npv.mean), lo: fmt.money(v.npv.p5), hi: fmt.money(v.npv.p95),
                bcr: s.ratioPhrase(v.bcrOfMeans, currency: settings.currency), roi: NumberFormat.percent(v.roiOfMeans),
                p: NumberFormat.percent(v.pNPVPositive), payback: paybackText(v))))]))
            if v.basis == .terminal {
                blocks.append(.paragraph([.text(s.horizonSplit(
                    horizon: fmt.money(v.npvHorizon.mean), terminal: fmt.money(v.terminalPart),
                    total: fmt.money(v.npv.mean), periods: settings.horizon, unit: chartContext.periodUnit,
                    mostlyBeyond: Self.mostlyBeyondHorizon(v)))]))
            }
        }
        blocks.append(.note(s.basis(terminal: plans.first?.vs.basis == .terminal)))
        blocks.append(.note(s.paybackBasis))
        if !results.headToHead.isEmpty {
            let rows = results.headToHead.map { h in
                [names.scenario(h.plan), names.scenario(h.against), NumberFormat.percent(h.pBeats), fmt.money(h.meanDifference)]
            }
            blocks.append(.heading(s.pairwise))
            blocks.append(.table(Table(header: [s.plan, s.against, s.pBeats, s.meanDifference], rows: rows,
                                       numeric: [2, 3])))
            blocks.append(.note(s.pairNote))
        }
        return Section(id: "summary", title: s.summary, blocks: blocks)
    }

    /// Whether most of a plan's expected NPV comes from after the horizon: the horizon part is
    /// negative, or smaller than the terminal part.
    static func mostlyBeyondHorizon(_ v: PlanComparison) -> Bool {
        guard let h = v.npvHorizon.mean, v.terminalPart.isFinite else { return false }
        return v.terminalPart > 0 && (h < 0 || v.terminalPart > h)
    }

    // MARK: Comparison

    /// Each segment's CLV of a new customer: the mean over its entry points that pay acquisition
    /// (or its first entry point when none does), per scenario.
    func newCustomerCLV(_ r: ScenarioResult, segment g: Int) -> Double? {
        let entries = r.segments[g].clv
        let paying = entries.filter(\.paysAcquisition)
        let use = paying.isEmpty ? Array(entries.prefix(1)) : paying
        guard !use.isEmpty else { return nil }
        // Entry points are weighted equally; with one arrival state (the usual case) this is its mean.
        return use.map(\.mean).reduce(0, +) / Double(use.count)
    }

    func comparison() -> Section {
        let header = [s.scenario, s.ceHorizon, s.ceTerminal, s.customersAtHorizon, s.overflows]
        let ce = fmt.moneyColumn(results.scenarios.map(\.customerEquity.mean))
        let ceT = fmt.moneyColumn(results.scenarios.map(\.customerEquityTerminal.mean))
        let rows = results.scenarios.enumerated().map { k, r -> [String] in
            [planName(r), ce[k], ceT[k],
             NumberFormat.grouped(r.series.customers.mean.last ?? .nan), NumberFormat.grouped(Double(r.rowOverflows))]
        }
        // CLV in its own table: one column per segment keeps both tables narrow enough for a laptop.
        let segs = settings.segments
        let clvRows = results.scenarios.map { r -> [String] in
            [planName(r)] + segs.indices.map { g in g < r.segments.count ? fmt.moneyFull(newCustomerCLV(r, segment: g)) : "–" }
        }
        return Section(id: "comparison", title: s.comparison, blocks: [
            .table(Table(header: header, rows: rows, numeric: Set(1..<header.count))),
            .heading(s.clvHeading),
            .table(Table(header: [s.scenario] + segs.map(names.segment), rows: clvRows, numeric: Set(1...max(segs.count, 1)))),
            .note(s.comparisonNote),
        ])
    }
}
