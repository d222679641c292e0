import CLVAnalysis

extension Charts {
    /// One plan's bars for the tornado chart.
    struct TornadoPanel {
        var name: String
        /// Expected NPV at the means: where the bars meet.
        var centre: Double
        /// (label, NPV with the input at its low value, at its high value), largest swing first.
        var bars: [(label: String, low: Double, high: Double)]
    }

    // MARK: 8. Tornado

    /// Horizontal bars around each plan's expected NPV: the input at its P10 (sky) and at its
    /// P90 (vermillion); a risk bar runs from "occurs" (low) to "does not occur" (high).
    static func tornado(_ panels: [TornadoPanel], ctx: ChartContext, lowLabel: String, highLabel: String) -> SVGCanvas {
        // On a phone each bar's label sits above it instead of to its left.
        let rowH = isNarrow ? 42.0 : 26.0, labelW = isNarrow ? 0.0 : 300.0, minTop = 84.0, panelGap = 58.0
        let barLeft = isNarrow ? 16.0 : left
        let heights = panels.map { Double(max($0.bars.count, 1)) * rowH }
        var c = SVGCanvas(width: width, height: 0)
        c.title(ctx.s.tornadoTitle)
        let below = c.legend([LegendItem(mark: .swatch(Palette.sky, nil), label: lowLabel),
                              LegendItem(mark: .swatch(Palette.vermillion, nil), label: highLabel),
                              LegendItem(mark: .line(Palette.black, nil), label: ctx.s.tornadoCentre)], x: 16, y: 52)
        // A legend that wraps (on a phone) pushes the panels down.
        let top = max(minTop, below + 22)
        c.height = top + heights.reduce(0, +) + Double(panels.count) * panelGap + 30
        let values = panels.flatMap { p in [p.centre] + p.bars.flatMap { [$0.low, $0.high] } }.filter(\.isFinite)
        let xt = NiceTicks(min(values.min() ?? 0, 0), max(values.max() ?? 1, 0), count: isNarrow ? 4 : 6)
        var y0 = top
        for (k, p) in panels.enumerated() {
            let f = PlotFrame(x: barLeft + labelW, y: y0 + 24, w: width - barLeft - labelW - rightPad, h: heights[k])
            let x = LinearScale(d0: xt.lo, d1: xt.hi, r0: f.x, r1: f.right)
            c.panelTitle(p.name, x: 16, y: y0 + 14, width: width - 32)
            for v in xt.values {
                c.line(x(v), f.y, x(v), f.bottom, stroke: Palette.grid)
                c.text(x(v), f.bottom + 16, ctx.fmt.axis(v, xt), size: 11, anchor: .middle, fill: Palette.axis)
            }
            for (i, b) in p.bars.enumerated() {
                let y = f.y + Double(i) * rowH + (isNarrow ? 18 : 4), h = isNarrow ? 18.0 : rowH - 8
                if isNarrow {
                    c.text(f.x, y - 4, SVGCanvas.fit(b.label, width: f.w, size: 11), size: 11, fill: "#222222")
                } else {
                    c.text(f.x - 8, y + h / 2 + 4, SVGCanvas.fit(b.label, width: labelW + left - 24, size: 11), size: 11,
                           anchor: .end, fill: "#222222")
                }
                for (v, colour) in [(b.low, Palette.sky), (b.high, Palette.vermillion)] where v.isFinite {
                    let a = min(x(v), x(p.centre)), w = abs(x(v) - x(p.centre))
                    c.rect(a, y, max(w, 1), h, fill: colour, opacity: 0.9)
                }
            }
            if p.centre.isFinite { c.line(x(p.centre), f.y - 4, x(p.centre), f.bottom, stroke: Palette.black, width: 1.5) }
            if xt.lo <= 0, xt.hi >= 0 { c.line(x(0), f.y - 4, x(0), f.bottom, stroke: Palette.vermillion, width: 1, dash: "4 3") }
            if k == panels.count - 1 {
                c.text(f.x + f.w / 2, f.bottom + 36, ctx.withUnit(ctx.s.npvAxis, ctx.money), size: 12, anchor: .middle,
                       fill: "#222222")
            }
            y0 += heights[k] + panelGap
        }
        return c
    }
}
