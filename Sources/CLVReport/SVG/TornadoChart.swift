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
        let rowH = 26.0, labelW = 300.0, top = 84.0, panelGap = 58.0
        let heights = panels.map { Double(max($0.bars.count, 1)) * rowH }
        var c = SVGCanvas(width: width, height: top + heights.reduce(0, +) + Double(panels.count) * panelGap + 30)
        c.title(ctx.s.tornadoTitle)
        c.legend([LegendItem(mark: .swatch(Palette.sky, nil), label: lowLabel),
                  LegendItem(mark: .swatch(Palette.vermillion, nil), label: highLabel),
                  LegendItem(mark: .line(Palette.black, nil), label: ctx.s.tornadoCentre)], x: 16, y: 52)
        let values = panels.flatMap { p in [p.centre] + p.bars.flatMap { [$0.low, $0.high] } }.filter(\.isFinite)
        let xt = NiceTicks(min(values.min() ?? 0, 0), max(values.max() ?? 1, 0), count: 6)
        var y0 = top
        for (k, p) in panels.enumerated() {
            let f = PlotFrame(x: left + labelW, y: y0 + 24, w: width - left - labelW - rightPad, h: heights[k])
            let x = LinearScale(d0: xt.lo, d1: xt.hi, r0: f.x, r1: f.right)
            c.text(16, y0 + 14, SVGCanvas.fit(p.name, width: width - 32, size: 13), size: 13, bold: true, fill: "#111111")
            for v in xt.values {
                c.line(x(v), f.y, x(v), f.bottom, stroke: Palette.grid)
                c.text(x(v), f.bottom + 16, ctx.fmt.tick(v, step: xt.step), size: 11, anchor: .middle, fill: Palette.axis)
            }
            for (i, b) in p.bars.enumerated() {
                let y = f.y + Double(i) * rowH + 4, h = rowH - 8
                c.text(f.x - 8, y + h / 2 + 4, SVGCanvas.fit(b.label, width: labelW + left - 24, size: 11), size: 11,
                       anchor: .end, fill: "#222222")
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
