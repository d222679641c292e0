import CLVAnalysis

/// What every chart needs to label itself.
struct ChartContext {
    let fmt: NumberFormat
    let s: Strings
    /// `quarter`, `季度`.
    let periodUnit: String

    func withUnit(_ title: String, _ unit: String) -> String {
        fmt.locale == .en ? "\(title) (\(unit))" : "\(title)（\(unit)）"
    }
    var money: String { fmt.currencyUnit }
    /// A cost category's name (labels, built-in words, or the name made readable).
    var category: (String) -> String = { $0 }
}

/// A named distribution, given by its quantiles on an even grid of p from 0 to 1 (the results'
/// `npv_quantiles`, CLV `quantiles`), drawn in one colour.
struct Distribution1D {
    var name: String
    var quantiles: [Double]
    var color: String
    /// The quantile at p, linear between grid points (exact at them).
    func q(_ p: Double) -> Double {
        guard quantiles.count > 1 else { return quantiles.first ?? .nan }
        let h = min(max(p, 0), 1) * Double(quantiles.count - 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, quantiles.count - 1)
        return quantiles[lo] + (h - Double(lo)) * (quantiles[hi] - quantiles[lo])
    }
    var isEmpty: Bool { quantiles.isEmpty }
}

/// Chart builders: data in, SVG out. Each returns the canvas; the report builder wraps it.
enum Charts {
    /// Whether the chart being built is the phone variant: 360 units wide (drawn at about 1:1 on a
    /// 390-px screen, so 11-unit text stays 11 px), panels stacked in one column.
    @TaskLocal static var isNarrow = false
    static var width: Double { isNarrow ? 360 : 960 }
    static var left: Double { isNarrow ? 62 : 84 }
    static let rightPad = 24.0
    /// Columns of small-multiple panels.
    static var columns: Int { isNarrow ? 1 : 3 }

    /// Builds `body` in the phone layout.
    static func narrow<T>(_ body: () -> T) -> T { $isNarrow.withValue(true, operation: body) }

    // MARK: 1. NPV histograms

    /// One histogram panel in frame `f`: its name, axes (x ticks `xt`, share on y) and bars.
    /// Returns the x scale, for the caller's markers.
    static func histogramPanel(_ c: inout SVGCanvas, _ f: PlotFrame, name: String, quantiles: [Double], xt: NiceTicks,
                               bins count: Int, yTicks: Int, color: String, ctx: ChartContext, xTitle: String?,
                               yTitle: String?, yMax: Double? = nil) -> LinearScale {
        let bins = histogram(quantiles: quantiles, lo: xt.lo, hi: xt.hi, bins: count)
        let yt = NiceTicks(0, max(yMax ?? bins.max() ?? 1, 0.1), count: yTicks)
        let x = LinearScale(d0: xt.lo, d1: xt.hi, r0: f.x, r1: f.right)
        let y = LinearScale(d0: 0, d1: yt.hi, r0: f.bottom, r1: f.y)
        c.panelTitle(name, x: f.x, y: f.y - 8, width: f.w)
        c.axes(f, x: x, y: y, xTicks: xt, yTicks: yt, xLabel: { ctx.fmt.axis($0, xt) },
               yLabel: { NumberFormat.grouped($0, decimals: NumberFormat.decimals(forStep: yt.step)) },
               xTitle: xTitle, yTitle: yTitle)
        let bw = f.w / Double(bins.count)
        for (i, b) in bins.enumerated() where b > 0 {
            c.rect(f.x + Double(i) * bw + 0.5, y(b), bw - 1, f.bottom - y(b), fill: color, opacity: 0.85)
        }
        return x
    }

    static func histograms(_ d: [Distribution1D], ctx: ChartContext, title: String, xTitle: String,
                           markers: Bool, zeroLine: Bool) -> SVGCanvas {
        let panelH = 150.0, gap = 62.0, top = 78.0
        var c = SVGCanvas(width: width, height: top + Double(d.count) * (panelH + gap) + 10)
        c.title(title)
        var legend: [LegendItem] = [LegendItem(mark: .line(Palette.black, "5 3"), label: "P5 / P50 / P95")]
        if zeroLine { legend.append(LegendItem(mark: .line(Palette.vermillion, nil), label: ctx.s.zeroLine)) }
        c.legend(legend, x: 16, y: 52)
        let lo = d.map { $0.q(0.005) }.min() ?? 0, hi = d.map { $0.q(0.995) }.max() ?? 1
        let xt = NiceTicks(min(lo, zeroLine ? 0 : lo), max(hi, zeroLine ? 0 : hi), count: isNarrow ? 4 : 8)
        // One y-scale for every panel, so bar heights compare across plans.
        let yMax = d.map { histogram(quantiles: $0.quantiles, lo: xt.lo, hi: xt.hi, bins: 48).max() ?? 0 }.max()
        for (k, dist) in d.enumerated() {
            let f = PlotFrame(x: left, y: top + Double(k) * (panelH + gap) + 20, w: width - left - rightPad, h: panelH)
            let x = histogramPanel(&c, f, name: dist.name, quantiles: dist.quantiles, xt: xt, bins: 48, yTicks: 4,
                                   color: dist.color, ctx: ctx, xTitle: k == d.count - 1 ? xTitle : nil,
                                   yTitle: ctx.s.shareOfTrials, yMax: yMax)
            if zeroLine, xt.lo <= 0, xt.hi >= 0 { c.line(x(0), f.y, x(0), f.bottom, stroke: Palette.vermillion, width: 2) }
            if markers {
                for (p, label) in [(0.05, "P5"), (0.5, "P50"), (0.95, "P95")] {
                    let v = dist.q(p)
                    guard v.isFinite, v >= xt.lo, v <= xt.hi else { continue }
                    // P50 on the top row, P5 and P95 on a second row, so close markers do not collide.
                    let ly = p == 0.5 ? f.y + 8 : f.y + 22
                    let anchor: SVGCanvas.Anchor = p < 0.5 ? .end : p > 0.5 ? .start : .middle
                    c.line(x(v), ly + 4, x(v), f.bottom, stroke: Palette.black, width: 1.2, dash: "5 3")
                    // A white box behind the label, so the zero line never runs through it.
                    let text = "\(label) \(ctx.fmt.short(v))", tw = SVGCanvas.textWidth(text, size: 11) + 4
                    let tx = x(v) + (p < 0.5 ? -3 : p > 0.5 ? 3 : 0)
                    let bx = anchor == .end ? tx - tw + 2 : anchor == .middle ? tx - tw / 2 : tx - 2
                    c.rect(min(max(bx, 0), c.width - tw), ly - 10, tw, 13, fill: "#ffffff", opacity: 0.9)
                    c.text(tx, ly, text, size: 11, anchor: anchor, fill: "#111111")
                }
            }
        }
        return c
    }

    /// Percent of the distribution in each of `bins` equal bins over [lo, hi], from its quantile
    /// grid: the mass 1/(m − 1) between two neighbouring grid quantiles is spread evenly between
    /// them (a point mass when they are equal). Mass outside [lo, hi] is left out.
    static func histogram(quantiles q: [Double], lo: Double, hi: Double, bins: Int) -> [Double] {
        var h = [Double](repeating: 0, count: bins)
        guard hi > lo, q.count > 1 else { return h }
        let mass = 100 / Double(q.count - 1), width = (hi - lo) / Double(bins)
        // (v − lo)/width is NaN or ∞ when the range overflows (lo, hi near ±1.8e308): bin 0, not an Int trap.
        func bin(_ v: Double) -> Int {
            let f = (v - lo) / width
            return f.isFinite ? min(max(Int(f), 0), bins - 1) : (f > 0 ? bins - 1 : 0)
        }
        for i in 0..<(q.count - 1) {
            let a = q[i], b = q[i + 1]
            guard a.isFinite, b.isFinite, b >= lo, a <= hi else { continue }
            if b == a {
                h[bin(a)] += mass
                continue
            }
            let from = max(a, lo), to = min(b, hi)
            guard to >= from else { continue }
            var x = from
            while x < to {
                let k = bin(x)
                let edge = min(lo + Double(k + 1) * width, to)
                h[k] += mass * (edge - x) / (b - a)
                if edge <= x { break }
                x = edge
            }
        }
        return h
    }

    // MARK: 2. S-curves

    static func sCurves(_ d: [Distribution1D], ctx: ChartContext) -> SVGCanvas {
        var c = SVGCanvas(width: width, height: 470)
        c.title(ctx.s.sCurveTitle)
        var items = d.map { LegendItem(mark: .line($0.color, nil), label: $0.name) }
        items.append(LegendItem(mark: .line(Palette.vermillion, "4 3"), label: ctx.s.zeroLine))
        let below = c.legend(items, x: 16, y: 52)
        let f = PlotFrame(x: left, y: below + 14, w: width - left - rightPad, h: 470 - below - 14 - 52)
        let lo = d.map { $0.q(0.001) }.min() ?? 0, hi = d.map { $0.q(0.999) }.max() ?? 1
        let xt = NiceTicks(min(lo, 0), max(hi, 0), count: 8), yt = NiceTicks(0, 100, count: 6)
        let x = LinearScale(d0: xt.lo, d1: xt.hi, r0: f.x, r1: f.right)
        let y = LinearScale(d0: 0, d1: 100, r0: f.bottom, r1: f.y)
        c.axes(f, x: x, y: y, xTicks: xt, yTicks: yt, xLabel: { ctx.fmt.axis($0, xt) },
               yLabel: { NumberFormat.grouped($0) }, xTitle: ctx.withUnit(ctx.s.npvAxis, ctx.money),
               yTitle: ctx.s.cumulativeProbability)
        c.line(x(0), f.y, x(0), f.bottom, stroke: Palette.vermillion, width: 1.5, dash: "4 3")
        for dist in d where !dist.isEmpty {
            let pts = (0...200).map { i -> (Double, Double) in
                let p = Double(i) / 200
                return (x(min(max(dist.q(p), xt.lo), xt.hi)), y(p * 100))
            }
            c.polyline(pts, stroke: dist.color, width: 2.5)
        }
        return c
    }

    // MARK: 3. Fan chart

    /// Quantile bands of one scenario over t = 0...T.
    struct Fan {
        var name: String
        var color: String
        var p5, p25, p50, p75, p95: [Double]
    }

    static func grid(count n: Int, top: Double, panelH: Double, gapY: Double = 74) -> (frames: [PlotFrame], height: Double) {
        let cols = min(max(n, 1), columns), rows = (n + cols - 1) / cols
        let gapX = 52.0, pw = (width - left - rightPad - gapX * Double(cols - 1)) / Double(cols)
        let frames = (0..<n).map { k in
            PlotFrame(x: left + Double(k % cols) * (pw + gapX), y: top + Double(k / cols) * (panelH + gapY) + 22,
                      w: pw, h: panelH)
        }
        return (frames, top + Double(rows) * (panelH + gapY) + 8)
    }

    /// Every scenario in one panel (they differ by a few percent, so separate panels looked
    /// identical): each one's P5–P95 band, lightly shaded, and its median line.
    static func fans(_ fans: [Fan], ctx: ChartContext) -> SVGCanvas {
        let h = isNarrow ? 400.0 : 440.0
        var c = SVGCanvas(width: width, height: h)
        c.title(ctx.s.fanTitle)
        var items = fans.map { LegendItem(mark: .line($0.color, nil), label: $0.name) }
        items.append(LegendItem(mark: .swatch(Palette.grey, 0.25), label: ctx.s.band90))
        let below = c.legend(items, x: 16, y: 52)
        let f = PlotFrame(x: left, y: below + 14, w: width - left - rightPad, h: h - below - 14 - 52)
        let T = max((fans.first?.p50.count ?? 1) - 1, 1)
        let lo = fans.flatMap(\.p5).min() ?? 0, hi = fans.flatMap(\.p95).max() ?? 1
        let yt = NiceTicks(lo - (hi - lo) * 0.05, hi, count: 6)
        let xt = NiceTicks(0, Double(T), count: isNarrow ? 5 : 10)
        let x = LinearScale(d0: 0, d1: Double(T), r0: f.x, r1: f.right)
        let y = LinearScale(d0: yt.lo, d1: yt.hi, r0: f.bottom, r1: f.y)
        c.axes(f, x: x, y: y, xTicks: xt, yTicks: yt, xLabel: { NumberFormat.grouped($0) },
               yLabel: { ctx.fmt.axis($0, yt) }, xTitle: ctx.s.periodAxis(ctx.periodUnit),
               yTitle: ctx.s.activeCustomers, integerX: true)
        for fan in fans {
            let up = fan.p95.indices.map { (x(Double($0)), y(fan.p95[$0])) }
            let down = fan.p5.indices.reversed().map { (x(Double($0)), y(fan.p5[$0])) }
            c.polygon(up + down, fill: fan.color, opacity: 0.12)
        }
        for fan in fans {
            c.polyline(fan.p50.indices.map { (x(Double($0)), y(fan.p50[$0])) }, stroke: fan.color, width: 2.5)
        }
        return c
    }

    // MARK: 4. Cumulative discounted cash flow

    struct CashLine {
        var name: String
        var color: String
        /// t = 0...T.
        var cumulative: [Double]
        var payback: Double?
    }

    static func cashFlows(_ lines: [CashLine], ctx: ChartContext) -> SVGCanvas {
        var c = SVGCanvas(width: width, height: 470)
        c.title(ctx.s.cashTitle)
        var items = lines.map { LegendItem(mark: .line($0.color, nil), label: $0.name) }
        // A legend entry only for marks drawn: the payback dot only when some plan has a median payback.
        if lines.contains(where: { l in l.payback.map { $0.isFinite && Int($0) < l.cumulative.count } ?? false }) {
            items.append(LegendItem(mark: .dot(Palette.black), label: ctx.s.medianPayback))
        }
        let below = c.legend(items, x: 16, y: 52)
        let f = PlotFrame(x: left, y: below + 14, w: width - left - rightPad, h: 470 - below - 14 - 52)
        let T = max((lines.first?.cumulative.count ?? 1) - 1, 1)
        let all = lines.flatMap(\.cumulative)
        let yt = NiceTicks(min(all.min() ?? 0, 0), max(all.max() ?? 1, 0), count: 7)
        let xt = NiceTicks(0, Double(T), count: isNarrow ? 5 : 10)
        let x = LinearScale(d0: 0, d1: Double(T), r0: f.x, r1: f.right)
        let y = LinearScale(d0: yt.lo, d1: yt.hi, r0: f.bottom, r1: f.y)
        c.axes(f, x: x, y: y, xTicks: xt, yTicks: yt, xLabel: { NumberFormat.grouped($0) },
               yLabel: { ctx.fmt.axis($0, yt) }, xTitle: ctx.s.periodAxis(ctx.periodUnit),
               yTitle: ctx.withUnit(ctx.s.cumulativeCash, ctx.money), integerX: true)
        c.line(f.x, y(0), f.right, y(0), stroke: Palette.black, width: 1.2)
        for l in lines {
            c.polyline(l.cumulative.indices.map { (x(Double($0)), y(l.cumulative[$0])) }, stroke: l.color, width: 2.5)
        }
        for l in lines {
            guard let p = l.payback, p.isFinite, Int(p) < l.cumulative.count else { continue }
            let t = Int(p)
            c.circle(x(Double(t)), y(l.cumulative[t]), r: 6, fill: l.color, stroke: Palette.black)
            let right = x(Double(t)) > f.x + f.w * 0.7
            c.text(x(Double(t)) + (right ? -9 : 9), y(l.cumulative[t]) + 18, ctx.s.paybackMark(t, unit: ctx.periodUnit), size: 11,
                   anchor: right ? .end : .start, fill: "#111111", halo: true)
        }
        return c
    }

    // MARK: 5. Stage mix

    struct StageMix {
        var name: String
        /// Per stage (name, mean customers t = 0...T), bottom first.
        var layers: [(stage: String, values: [Double])]
    }

    /// Mean customers by stage at the horizon, one stacked bar per scenario, with the values.
    static func stageMix(_ mixes: [StageMix], ctx: ChartContext) -> SVGCanvas {
        let barH = 30.0, step = 70.0
        var c = SVGCanvas(width: width, height: 0)
        c.title(ctx.s.stageTitle)
        let below = c.legend((mixes.first?.layers ?? []).map {
            LegendItem(mark: .swatch(Palette.stage($0.stage), 0.85), label: ctx.s.stage($0.stage))
        }, x: 16, y: 52) + 8
        c.height = below + Double(mixes.count) * step + 56
        let f = PlotFrame(x: 16, y: below, w: width - 32, h: Double(mixes.count) * step)
        let totals = mixes.map { $0.layers.reduce(0) { $0 + max($1.values.last ?? 0, 0) } }
        let xt = NiceTicks(0, totals.max() ?? 1, count: isNarrow ? 4 : 6)
        let x = LinearScale(d0: 0, d1: xt.hi, r0: f.x, r1: f.right)
        for v in xt.values {
            c.line(x(v), f.y, x(v), f.bottom, stroke: Palette.grid)
            c.text(x(v), f.bottom + 17, ctx.fmt.axis(v, xt), size: 11, anchor: .middle, fill: Palette.axis)
        }
        c.text(f.x + f.w / 2, f.bottom + 36, ctx.s.customersAtHorizonAxis, size: 12, anchor: .middle, fill: "#222222")
        for (k, m) in mixes.enumerated() {
            let by = f.y + Double(k) * step + 24
            c.panelTitle(m.name, x: f.x, y: by - 7, width: f.w)
            var acc = 0.0
            for layer in m.layers {
                let v = max(layer.values.last ?? 0, 0)
                let x0 = x(acc), x1 = x(acc + v)
                c.rect(x0, by, x1 - x0, barH, fill: Palette.stage(layer.stage), opacity: 0.85, stroke: "#ffffff")
                let label = NumberFormat.grouped(v)
                if SVGCanvas.textWidth(label, size: 11) + 6 < x1 - x0 {
                    c.text((x0 + x1) / 2, by + barH / 2 + 4, label, size: 11, anchor: .middle, fill: "#ffffff")
                }
                acc += v
            }
        }
        return c
    }

    // MARK: 6. Cost by category

    struct CostBar {
        var name: String
        /// (category, mean PV).
        var parts: [(category: String, value: Double)]
    }

    static func costs(_ bars: [CostBar], categories: [String], ctx: ChartContext) -> SVGCanvas {
        let barH = 34.0, step = 90.0
        var c = SVGCanvas(width: width, height: 0)
        var probe = SVGCanvas(width: width, height: 0)
        let below = probe.legend(categories.enumerated().map {
            LegendItem(mark: .swatch(Palette.category($1, index: $0), nil), label: ctx.category($1))
        }, x: 16, y: 52) + 8
        c.height = below + Double(bars.count) * step + 60
        c.title(ctx.s.costTitle)
        c.legend(categories.enumerated().map {
            LegendItem(mark: .swatch(Palette.category($1, index: $0), nil), label: ctx.category($1))
        }, x: 16, y: 52)
        let f = PlotFrame(x: 24, y: below, w: width - 24 - (isNarrow ? 90 : 110), h: Double(bars.count) * step)
        let maxTotal = bars.map { $0.parts.reduce(0) { $0 + max($1.value, 0) } }.max() ?? 1
        let xt = NiceTicks(0, maxTotal, count: 6)
        let x = LinearScale(d0: 0, d1: xt.hi, r0: f.x, r1: f.right)
        for v in xt.values {
            c.line(x(v), f.y, x(v), f.bottom, stroke: Palette.grid)
            c.text(x(v), f.bottom + 17, ctx.fmt.axis(v, xt), size: 11, anchor: .middle, fill: Palette.axis)
        }
        c.line(f.x, f.bottom, f.right, f.bottom, stroke: Palette.axis)
        c.text(f.x + f.w / 2, f.bottom + 36, ctx.withUnit(ctx.s.costAxis, ctx.money), size: 12, anchor: .middle, fill: "#222222")
        for (k, bar) in bars.enumerated() {
            let by = f.y + Double(k) * step + 26
            c.panelTitle(bar.name, x: f.x, y: by - 7, width: f.w)
            var acc = 0.0
            for part in bar.parts where part.value > 0 {
                let i = categories.firstIndex(of: part.category) ?? 0
                let x0 = x(acc), x1 = x(acc + part.value)
                c.rect(x0, by, x1 - x0, barH, fill: Palette.category(part.category, index: i), stroke: "#ffffff")
                let label = ctx.fmt.short(part.value, decimals: 1)
                if SVGCanvas.textWidth(label, size: 11) + 8 < x1 - x0 {
                    c.text((x0 + x1) / 2, by + barH / 2 + 4, label, size: 11, anchor: .middle,
                           fill: part.category == "people" || part.category == "yellow" ? "#111111" : "#ffffff")
                } else {
                    // Too narrow for its value: the value goes under the bar, on a tick.
                    c.line((x0 + x1) / 2, by + barH, (x0 + x1) / 2, by + barH + 5, stroke: "#111111")
                    c.text((x0 + x1) / 2, by + barH + 16, label, size: 11, anchor: .middle, fill: "#111111")
                }
                acc += part.value
            }
            c.text(x(acc) + 6, by + barH / 2 + 4, ctx.fmt.money(acc, decimals: isNarrow ? 1 : 2), size: 12, bold: true, fill: "#111111")
        }
        return c
    }

    // MARK: 7. CLV by segment

    struct CLVPanel {
        var name: String
        var quantiles: [Double]
        var mean: Double
        var top20: Double?
    }

    static func clv(_ panels: [CLVPanel], ctx: ChartContext) -> SVGCanvas {
        let g = grid(count: panels.count, top: 78, panelH: 220, gapY: 84)
        var c = SVGCanvas(width: width, height: g.height)
        c.title(ctx.s.clvTitle)
        c.legend([LegendItem(mark: .swatch(Palette.sky, 0.85), label: ctx.s.shareOfCustomers),
                  LegendItem(mark: .line(Palette.vermillion, nil), label: ctx.s.mean)], x: 16, y: 52)
        for (k, p) in panels.enumerated() {
            let f = g.frames[k]
            let d = Distribution1D(name: p.name, quantiles: p.quantiles, color: Palette.sky)
            let xt = NiceTicks(min(d.q(0.01), 0), d.q(0.99), count: 4)
            let x = histogramPanel(&c, f, name: p.name, quantiles: p.quantiles, xt: xt, bins: 30, yTicks: 5, color: Palette.sky,
                                   ctx: ctx, xTitle: ctx.withUnit(ctx.s.clvAxis, ctx.money),
                                   yTitle: k % columns == 0 ? ctx.s.shareOfCustomers : nil)
            if p.mean >= xt.lo && p.mean <= xt.hi {
                c.line(x(p.mean), f.y, x(p.mean), f.bottom, stroke: Palette.vermillion, width: 2)
                let right = x(p.mean) > f.x + f.w * 0.6
                c.text(x(p.mean) + (right ? -5 : 5), f.y + 12, "\(ctx.s.mean) \(ctx.fmt.moneyFull(p.mean))", size: 11,
                       anchor: right ? .end : .start, fill: "#111111")
            }
            if let t = p.top20 {
                c.text(f.right, f.y + 30, ctx.s.top20(NumberFormat.percent(t, decimals: 0)), size: 11, anchor: .end,
                       fill: "#111111")
            }
        }
        return c
    }
}
