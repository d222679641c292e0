/// The board-pack charts: the dashboard's NPV range, the horizon/terminal waterfall and the
/// cost schedule.
extension Charts {
    struct RangeRow {
        var name: String
        var color: String
        var quantiles: [Double]
        var mean: Double
    }

    /// One row per plan: the P5–P95 bar, a P10 tick, the median and the mean, and NPV = 0.
    static func range(_ rows: [RangeRow], ctx: ChartContext, title: String) -> SVGCanvas {
        let step = 64.0, barH = 22.0
        var c = SVGCanvas(width: width, height: 0)
        c.title(title)
        let below = c.legend([LegendItem(mark: .swatch(Palette.grey, 0.5), label: "P5–P95"),
                              LegendItem(mark: .line(Palette.black, nil), label: "P10"),
                              LegendItem(mark: .dot(Palette.black), label: ctx.s.cardNPV),
                              LegendItem(mark: .line(Palette.vermillion, nil), label: ctx.s.zeroLine)], x: 16, y: 52) + 6
        c.height = below + Double(rows.count) * step + 50
        let f = PlotFrame(x: 16, y: below, w: width - 32, h: Double(rows.count) * step)
        let d = rows.map { Distribution1D(name: $0.name, quantiles: $0.quantiles, color: $0.color) }
        let lo = d.map { $0.q(0.05) }.min() ?? 0, hi = d.map { $0.q(0.95) }.max() ?? 1
        let xt = NiceTicks(min(lo, 0), max(hi, 0), count: isNarrow ? 4 : 7)
        let x = LinearScale(d0: xt.lo, d1: xt.hi, r0: f.x, r1: f.right)
        for v in xt.values {
            c.line(x(v), f.y, x(v), f.bottom, stroke: Palette.grid)
            c.text(x(v), f.bottom + 17, ctx.fmt.axis(v, xt), size: 11, anchor: .middle, fill: Palette.axis)
        }
        c.text(f.x + f.w / 2, f.bottom + 36, ctx.withUnit(ctx.s.npvAxis, ctx.money), size: 12, anchor: .middle, fill: "#222222")
        if xt.lo <= 0, xt.hi >= 0 { c.line(x(0), f.y, x(0), f.bottom, stroke: Palette.vermillion, width: 2) }
        for (k, r) in rows.enumerated() {
            let q = d[k], by = f.y + Double(k) * step + 26
            c.panelTitle(r.name, x: f.x, y: by - 7, width: f.w)
            guard !q.isEmpty else { continue }
            c.rect(x(q.q(0.05)), by, x(q.q(0.95)) - x(q.q(0.05)), barH, fill: r.color, opacity: 0.55)
            c.line(x(q.q(0.10)), by - 3, x(q.q(0.10)), by + barH + 3, stroke: Palette.black, width: 2)
            c.line(x(q.q(0.5)), by, x(q.q(0.5)), by + barH, stroke: "#ffffff", width: 2.5)
            if r.mean.isFinite { c.circle(x(r.mean), by + barH / 2, r: 5, fill: Palette.black) }
        }
        return c
    }

    /// One plan's expected NPV built up: benefit within the horizon, − cost, = NPV within the
    /// horizon, + terminal value, = expected NPV.
    struct Bridge {
        var name: String
        var benefit, cost, npvHorizon, terminal, npv: Double
    }

    static func waterfall(_ bridges: [Bridge], ctx: ChartContext, title: String) -> SVGCanvas {
        let panelH = 230.0, gap = 70.0, top = 60.0
        let cols = isNarrow ? 1 : min(max(bridges.count, 1), 2)
        let rowsN = (bridges.count + cols - 1) / cols
        var c = SVGCanvas(width: width, height: top + Double(rowsN) * (panelH + gap) + 20)
        c.title(title)
        let values = bridges.flatMap { [0, $0.benefit, $0.npvHorizon, $0.npv, $0.benefit - $0.cost] }.filter(\.isFinite)
        let yt = NiceTicks(min(values.min() ?? 0, 0), max(values.max() ?? 1, 0), count: 5)
        let gapX = 40.0, pw = (width - left - rightPad - gapX * Double(cols - 1)) / Double(cols)
        let s = ctx.s
        for (k, b) in bridges.enumerated() {
            let f = PlotFrame(x: left + Double(k % cols) * (pw + gapX), y: top + Double(k / cols) * (panelH + gap) + 30,
                              w: pw, h: panelH - 60)
            let y = LinearScale(d0: yt.lo, d1: yt.hi, r0: f.bottom, r1: f.y)
            c.panelTitle(b.name, x: f.x, y: f.y - 14, width: f.w)
            for v in yt.values {
                c.line(f.x, y(v), f.right, y(v), stroke: Palette.grid)
                if k % cols == 0 { c.text(f.x - 6, y(v) + 4, ctx.fmt.axis(v, yt), size: 11, anchor: .end, fill: Palette.axis) }
            }
            c.line(f.x, y(0), f.right, y(0), stroke: Palette.axis)
            let steps: [(String, Double, Double, String)] = [
                (s.benefitHorizon, 0, b.benefit, Palette.green),
                (s.minusCost, b.benefit, b.benefit - b.cost, Palette.vermillion),
                (s.npvHorizonBar, 0, b.npvHorizon, Palette.grey),
                (s.terminalBar, b.npvHorizon, b.npvHorizon + b.terminal, Palette.sky),
                (s.npvBar, 0, b.npv, Palette.blue),
            ]
            let bw = f.w / Double(steps.count)
            for (i, st) in steps.enumerated() where st.1.isFinite && st.2.isFinite {
                let x0 = f.x + Double(i) * bw + bw * 0.15, w = bw * 0.7
                let a = min(y(st.1), y(st.2)), h = max(abs(y(st.1) - y(st.2)), 1)
                c.rect(x0, a, w, h, fill: st.3, opacity: 0.9)
                let delta = i == 1 ? -b.cost : i == 3 ? b.terminal : st.2
                c.text(x0 + w / 2, a - 5, (i == 1 || i == 3) && delta > 0 ? "+" + ctx.fmt.short(delta, decimals: 1) : ctx.fmt.short(delta, decimals: 1),
                       size: 11, anchor: .middle, fill: "#111111", halo: true)
                // Category labels under the axis, on two lines when long.
                let words = st.0
                let lines = SVGCanvas.textWidth(words, size: 11) <= bw - 4 ? [words] : SVGCanvas.wrap(words, width: bw - 4, size: 11)
                for (j, line) in lines.prefix(3).enumerated() {
                    c.text(x0 + w / 2, f.bottom + 16 + Double(j) * 13, line, size: 11, anchor: .middle, fill: "#222222")
                }
            }
        }
        if bridges.count > 0 {
            c.text(16, 44, ctx.withUnit(s.npvAxis, ctx.money), size: 12, fill: "#222222")
        }
        return c
    }

    /// Mean cost per year by category, stacked, one panel per plan on one scale, with the
    /// cumulative cost drawn as a line.
    struct Schedule {
        var name: String
        /// [category][year column]; column 0 is the go-ahead (period 0).
        var values: [[Double]]
    }

    static func schedule(_ plans: [Schedule], categories: [String], columns labels: [String], ctx: ChartContext,
                         title: String) -> SVGCanvas {
        let panelH = 200.0, gap = 76.0
        var c = SVGCanvas(width: width, height: 0)
        c.title(title)
        let below = c.legend(categories.enumerated().map {
            LegendItem(mark: .swatch(Palette.category($1, index: $0), nil), label: ctx.category($1))
        }, x: 16, y: 52) + 10
        let cols = isNarrow ? 1 : min(max(plans.count, 1), 2)
        let rowsN = (plans.count + cols - 1) / cols
        c.height = below + Double(rowsN) * (panelH + gap) + 10
        let totals = plans.flatMap { p in labels.indices.map { j in p.values.reduce(0) { $0 + max($1[j], 0) } } }
        let yt = NiceTicks(0, totals.max() ?? 1, count: 5)
        let gapX = 40.0, pw = (width - left - rightPad - gapX * Double(cols - 1)) / Double(cols)
        for (k, p) in plans.enumerated() {
            let f = PlotFrame(x: left + Double(k % cols) * (pw + gapX), y: below + Double(k / cols) * (panelH + gap) + 24,
                              w: pw, h: panelH - 40)
            let y = LinearScale(d0: 0, d1: yt.hi, r0: f.bottom, r1: f.y)
            c.panelTitle(p.name, x: f.x, y: f.y - 10, width: f.w)
            for v in yt.values {
                c.line(f.x, y(v), f.right, y(v), stroke: Palette.grid)
                if k % cols == 0 { c.text(f.x - 6, y(v) + 4, ctx.fmt.axis(v, yt), size: 11, anchor: .end, fill: Palette.axis) }
            }
            c.line(f.x, f.bottom, f.right, f.bottom, stroke: Palette.axis)
            let bw = f.w / Double(max(labels.count, 1))
            for j in labels.indices {
                var acc = 0.0
                for (ci, cat) in categories.enumerated() {
                    let v = max(p.values[ci][j], 0)
                    guard v > 0 else { continue }
                    c.rect(f.x + Double(j) * bw + bw * 0.15, y(acc + v), bw * 0.7, y(acc) - y(acc + v),
                           fill: Palette.category(cat, index: ci), stroke: "#ffffff")
                    acc += v
                }
                c.text(f.x + Double(j) * bw + bw / 2, f.bottom + 16, labels[j], size: 11, anchor: .middle, fill: Palette.axis)
            }
        }
        c.text(16, below - 2, ctx.withUnit(ctx.s.scheduleAxis, ctx.money), size: 12, fill: "#222222")
        return c
    }
}

extension SVGCanvas {
    /// `s` broken into lines no wider than `width` (at spaces, or anywhere in CJK text).
    static func wrap(_ s: String, width: Double, size: Double) -> [String] {
        var lines: [String] = [], cur = ""
        let tokens: [String] = s.contains(" ") ? s.split(separator: " ").map(String.init) : s.map { String($0) }
        let sep = s.contains(" ") ? " " : ""
        for t in tokens {
            let next = cur.isEmpty ? t : cur + sep + t
            if textWidth(next, size: size) > width, !cur.isEmpty { lines.append(cur); cur = t } else { cur = next }
        }
        if !cur.isEmpty { lines.append(cur) }
        return lines
    }
}
