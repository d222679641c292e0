extension Charts {
    struct AcceptabilityLine {
        var name: String
        var color: String
        /// P(best) at each rate.
        var pBest: [Double]
    }

    /// The probability that each option is the best choice as the annual discount rate runs over
    /// the hurdle grid (a cost-effectiveness acceptability curve in a banker's terms).
    static func acceptability(_ lines: [AcceptabilityLine], rates: [Double], ctx: ChartContext, title: String,
                              xTitle: String, yTitle: String) -> SVGCanvas {
        var c = SVGCanvas(width: width, height: 440)
        c.title(title)
        let below = c.legend(lines.map { LegendItem(mark: .line($0.color, nil), label: $0.name) }, x: 16, y: 52)
        let f = PlotFrame(x: left, y: below + 14, w: width - left - rightPad, h: 440 - below - 14 - 52)
        let lo = rates.first ?? 0, hi = rates.last ?? 1
        let xt = NiceTicks(lo * 100, hi * 100, count: isNarrow ? 5 : 8)
        let yt = NiceTicks(0, 100, count: 6)
        let x = LinearScale(d0: xt.lo, d1: xt.hi, r0: f.x, r1: f.right)
        let y = LinearScale(d0: 0, d1: 100, r0: f.bottom, r1: f.y)
        c.axes(f, x: x, y: y, xTicks: xt, yTicks: yt, xLabel: { NumberFormat.number($0, decimals: 0) + "%" },
               yLabel: { NumberFormat.number($0, decimals: 0) + "%" }, xTitle: xTitle, yTitle: yTitle, integerX: false)
        for l in lines {
            c.polyline(rates.indices.map { (x(rates[$0] * 100), y(l.pBest[$0] * 100)) }, stroke: l.color, width: 2.5)
        }
        return c
    }
}
