/// The figures of a calibration backtest (`clvsim calibrate … --holdout N`), as plain numbers:
/// the report module does not depend on the calibration module.
public struct BacktestFigures: Sendable {
    public struct Series: Sendable {
        public var actual: [Double]
        public var mean: [Double]
        public var p5: [Double]
        public var p95: [Double]
        /// The actual's percentile in the forecast distribution (0…1), per period.
        public var percentile: [Double]
        public init(actual: [Double], mean: [Double], p5: [Double], p95: [Double], percentile: [Double]) {
            self.actual = actual; self.mean = mean; self.p5 = p5; self.p95 = p95; self.percentile = percentile
        }
    }

    public var title: String
    public var source: String
    public var sha256: String
    public var calibration: String
    public var periods: [String]
    /// `month`, `quarter`, `year`.
    public var period: String
    public var currency: String
    public var trials: Int
    public var seed: UInt64
    public var revenue: Series
    public var active: Series
    public var revenueTotal: (actual: Double, mean: Double, p5: Double, p95: Double)
    public var revenueMAPE: Double
    public var activeMAPE: Double

    public init(title: String, source: String, sha256: String, calibration: String, periods: [String], period: String,
                currency: String, trials: Int, seed: UInt64, revenue: Series, active: Series,
                revenueTotal: (actual: Double, mean: Double, p5: Double, p95: Double), revenueMAPE: Double, activeMAPE: Double) {
        self.title = title; self.source = source; self.sha256 = sha256; self.calibration = calibration
        self.periods = periods; self.period = period; self.currency = currency; self.trials = trials; self.seed = seed
        self.revenue = revenue; self.active = active; self.revenueTotal = revenueTotal
        self.revenueMAPE = revenueMAPE; self.activeMAPE = activeMAPE
    }
}

/// Builds the backtest report (`backtest.md`, `backtest.html`) with the board report's renderers and charts.
public enum BacktestReport {
    public static func document(_ f: BacktestFigures, locale: ReportLocale, date: String) -> Document {
        let s = Strings.of(locale)
        let t = s.t
        let fmt = NumberFormat(locale: locale, currency: f.currency)
        let ctx = ChartContext(fmt: fmt, s: s, periodUnit: s.period(f.period))
        let rel = (f.revenueTotal.mean - f.revenueTotal.actual) / f.revenueTotal.actual
        let figures = [
            KeyFigure(label: t("Revenue, held-out periods", "保留期收入"), value: fmt.money(f.revenueTotal.mean),
                      detail: t("forecast mean; actual ", "预测均值；实际 ") + fmt.money(f.revenueTotal.actual)),
            KeyFigure(label: t("Error of the total", "总额误差"), value: signedPercent(rel),
                      detail: t("P5–P95 of the forecast total: ", "预测总额 P5–P95：") + "\(fmt.money(f.revenueTotal.p5)) – \(fmt.money(f.revenueTotal.p95))"),
            KeyFigure(label: t("MAPE per period", "逐期平均绝对百分比误差"), value: NumberFormat.percent(f.revenueMAPE),
                      detail: t("revenue; active customers ", "收入；活跃客户 ") + NumberFormat.percent(f.activeMAPE)),
        ]
        func table(_ x: BacktestFigures.Series, money: Bool) -> Table {
            let v: (Double) -> String = { money ? fmt.moneyFull($0) : NumberFormat.grouped($0) }
            return Table(header: [t("Period", "期间"), t("Actual", "实际"), t("Forecast mean", "预测均值"), "P5", "P95",
                                  t("Actual's percentile", "实际值分位")],
                         rows: f.periods.indices.map { k in
                             [f.periods[k], v(x.actual[k]), v(x.mean[k]), v(x.p5[k]), v(x.p95[k]),
                              NumberFormat.percent(x.percentile[k], decimals: 0)]
                         }, numeric: [1, 2, 3, 4, 5])
        }
        let chartTitle = t("Forecast against actual, held-out periods", "保留期预测与实际对比")
        let chartDesc = t("For each held-out period: the P5–P95 band and mean of the forecast (clvsim's Monte Carlo from the state observed at the cut) and the actual, for revenue and for active customers.",
                          "各保留期：预测（从截断点观测状态出发的 clvsim 蒙特卡洛模拟）的 P5–P95 区间与均值，以及实际值；分别为收入和活跃客户。")
        let svg = fanChart(f, ctx: ctx).render(id: "backtest-fan", title: chartTitle, desc: chartDesc)
        return Document(
            language: locale.rawValue,
            title: f.title,
            meta: [(s.study, t("Backtest", "回测")), (s.date, date), (t("Calibration periods", "校准期"), f.calibration),
                   (t("Held-out periods", "保留期"), "\(f.periods.first ?? "") … \(f.periods.last ?? "")"),
                   (s.trials, NumberFormat.grouped(Double(f.trials))), (s.seed, "\(f.seed)")],
            provenance: Table(header: [s.file, s.sha256], rows: [[f.source, f.sha256]]),
            sections: [
                Section(id: "summary", title: s.summary, blocks: [
                    .keyFigures(figures),
                    .paragraph([.text(t("The baseline was calibrated on the calibration periods only and simulated with clvsim's engine from the customers' observed states at the end of them; the held-out periods were not used.",
                                        "基准情景仅用校准期数据估计，并以 clvsim 引擎从校准期末客户的观测状态出发进行模拟；保留期数据未参与估计。"))]),
                ]),
                Section(id: "charts", title: s.charts, blocks: [.chart(Chart(name: "backtest-fan", title: chartTitle, description: chartDesc, svg: svg))]),
                Section(id: "revenue", title: t("Revenue per period", "逐期收入"), blocks: [.table(table(f.revenue, money: true))]),
                Section(id: "active", title: t("Active customers per period", "逐期活跃客户"), blocks: [
                    .table(table(f.active, money: false)),
                    .note(t("Active: customers with a purchase in the period (transaction logs) or in a non-churn state (panels).",
                            "活跃：当期有购买的客户（交易记录）或处于非流失状态的客户（面板数据）。")),
                ]),
            ])
    }

    static func signedPercent(_ x: Double) -> String { (x > 0 ? "+" : "") + NumberFormat.percent(x) }

    /// Two panels (revenue, active customers): forecast P5–P95 band and mean, actual as dots on a line.
    static func fanChart(_ f: BacktestFigures, ctx: ChartContext) -> SVGCanvas {
        let t = ctx.s.t
        var c = SVGCanvas(width: Charts.width, height: 420)
        c.title(t("Forecast against actual", "预测与实际"))
        c.legend([LegendItem(mark: .swatch(Palette.blue, 0.18), label: ctx.s.band90 + t(" forecast", " 预测")),
                  LegendItem(mark: .line(Palette.blue, nil), label: t("Forecast mean", "预测均值")),
                  LegendItem(mark: .dot(Palette.vermillion), label: t("Actual", "实际"))], x: 16, y: 52)
        let n = f.periods.count
        let gap = 90.0, w = (Charts.width - Charts.left - Charts.rightPad - gap) / 2
        let panels: [(String, BacktestFigures.Series, String)] = [
            (ctx.withUnit(t("Revenue", "收入"), ctx.money), f.revenue, ctx.money),
            (t("Active customers", "活跃客户"), f.active, ""),
        ]
        for (k, (name, x, _)) in panels.enumerated() {
            let frame = PlotFrame(x: Charts.left + Double(k) * (w + gap), y: 100, w: w, h: 250)
            let hi = max(x.p95.max() ?? 1, x.actual.max() ?? 1)
            let yt = NiceTicks(0, hi, count: 6)
            let xs = LinearScale(d0: 0.5, d1: Double(n) + 0.5, r0: frame.x, r1: frame.right)
            let ys = LinearScale(d0: yt.lo, d1: yt.hi, r0: frame.bottom, r1: frame.y)
            c.text(frame.x, frame.y - 8, SVGCanvas.fit(name, width: frame.w, size: 13), size: 13, bold: true, fill: "#111111")
            let xt = NiceTicks(1, Double(n), count: min(n, 6))
            c.axes(frame, x: xs, y: ys, xTicks: xt, yTicks: yt,
                   xLabel: { v in let i = Int(v) - 1; return f.periods.indices.contains(i) ? f.periods[i] : "" },
                   yLabel: { ctx.fmt.tick($0, step: yt.step) }, xTitle: nil, yTitle: nil, integerX: true)
            let up = (0..<n).map { (xs(Double($0 + 1)), ys(x.p95[$0])) }
            let down = (0..<n).reversed().map { (xs(Double($0 + 1)), ys(x.p5[$0])) }
            c.polygon(up + down, fill: Palette.blue, opacity: 0.18)
            c.polyline((0..<n).map { (xs(Double($0 + 1)), ys(x.mean[$0])) }, stroke: Palette.blue, width: 2.5)
            c.polyline((0..<n).map { (xs(Double($0 + 1)), ys(x.actual[$0])) }, stroke: Palette.vermillion, width: 1.2, dash: "4 3")
            for i in 0..<n { c.circle(xs(Double(i + 1)), ys(x.actual[i]), r: 4.5, fill: Palette.vermillion) }
        }
        return c
    }
}
