/// A linear map from a data interval to a pixel interval.
struct LinearScale {
    var d0, d1, r0, r1: Double
    func callAsFunction(_ v: Double) -> Double {
        d1 == d0 ? (r0 + r1) / 2 : r0 + (v - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// "Nice numbers" for axis labels (Heckbert 1990): a step of 1, 2, 2.5 or 5 × 10^k and
/// ticks at its multiples that cover [lo, hi].
struct NiceTicks {
    let lo, hi, step: Double
    let values: [Double]

    init(_ lo0: Double, _ hi0: Double, count: Int = 6) {
        var lo = lo0, hi = hi0
        if !(lo.isFinite && hi.isFinite) { lo = 0; hi = 1 }
        if hi - lo < 1e-9 * max(abs(hi), 1) { lo -= max(abs(lo) * 0.1, 1); hi += max(abs(hi) * 0.1, 1) }
        let raw = (hi - lo) / Double(max(count - 1, 1))
        let mag = pow10(floorLog10(raw))
        let f = raw / mag
        let nice: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10
        let step = nice * mag
        let a = (lo / step).rounded(.down) * step, b = (hi / step).rounded(.up) * step
        var v: [Double] = []
        var k = 0
        while a + Double(k) * step <= b + step * 1e-9 && k < 100 {
            let x = a + Double(k) * step
            v.append(abs(x) < step * 1e-9 ? 0 : x)
            k += 1
        }
        self.lo = a
        self.hi = b
        self.step = step
        values = v
    }
}

private func floorLog10(_ x: Double) -> Int {
    var k = 0, v = x
    if v <= 0 || !v.isFinite { return 0 }
    while v >= 10 { v /= 10; k += 1 }
    while v < 1 { v *= 10; k -= 1 }
    return k
}

private func pow10(_ k: Int) -> Double {
    k >= 0 ? NumberFormat.pow10(k) : 1 / NumberFormat.pow10(-k)
}

/// A plotting area inside a canvas.
struct PlotFrame {
    var x, y, w, h: Double
    var right: Double { x + w }
    var bottom: Double { y + h }
}

extension SVGCanvas {
    /// Grid lines, tick labels and axis titles of a frame.
    mutating func axes(_ f: PlotFrame, x: LinearScale, y: LinearScale, xTicks: NiceTicks?, yTicks: NiceTicks,
                       xLabel: (Double) -> String, yLabel: (Double) -> String, xTitle: String?, yTitle: String?,
                       integerX: Bool = false) {
        for v in yTicks.values {
            let py = y(v)
            line(f.x, py, f.right, py, stroke: Palette.grid)
            text(f.x - 6, py + 4, yLabel(v), size: 11, anchor: .end, fill: Palette.axis)
        }
        if let xTicks {
            for v in xTicks.values where !(integerX && v != v.rounded()) {
                let px = x(v)
                line(px, f.bottom, px, f.bottom + 4, stroke: Palette.axis)
                text(px, f.bottom + 17, xLabel(v), size: 11, anchor: .middle, fill: Palette.axis)
            }
        }
        line(f.x, f.bottom, f.right, f.bottom, stroke: Palette.axis)
        line(f.x, f.y, f.x, f.bottom, stroke: Palette.axis)
        if let xTitle { text(f.x + f.w / 2, f.bottom + 36, xTitle, size: 12, anchor: .middle, fill: "#222222") }
        if let yTitle { text(f.x - 52, f.y + f.h / 2, yTitle, size: 12, anchor: .middle, fill: "#222222", rotate: true) }
    }

    /// Chart title at the top left.
    /// On a narrow canvas a long title takes two lines at 13 units instead of being shortened.
    mutating func title(_ s: String) {
        let w = width - 32
        if SVGCanvas.textWidth(s, size: 16) * 1.08 <= w {
            text(16, 26, s, size: 16, bold: true, fill: "#111111")
            return
        }
        let lines = SVGCanvas.wrap(s, width: w / 1.08, size: 13)
        if lines.count <= 2 {
            for (i, l) in lines.enumerated() { text(16, 18 + Double(i) * 16, l, size: 13, bold: true, fill: "#111111") }
        } else {
            text(16, 26, SVGCanvas.fit(s, width: w / 1.08, size: 14), size: 14, bold: true, fill: "#111111")
        }
    }

    /// A row of legend entries starting at (x, y); wraps at the canvas width. Returns the y below it.
    @discardableResult
    mutating func legend(_ items: [LegendItem], x x0: Double, y y0: Double) -> Double {
        var x = x0, y = y0
        for it in items {
            let w = 22 + SVGCanvas.textWidth(it.label, size: 12) + 18
            if x + w > width - 10 && x > x0 { x = x0; y += 20 }
            switch it.mark {
            case .swatch(let c, let o): rect(x, y - 9, 14, 10, fill: c, opacity: o)
            case .line(let c, let dash): line(x, y - 4, x + 16, y - 4, stroke: c, width: 2.5, dash: dash)
            case .dot(let c): circle(x + 7, y - 4, r: 4.5, fill: c)
            }
            text(x + 22, y, it.label, size: 12)
            x += w
        }
        return y + 12
    }
}

struct LegendItem {
    enum Mark { case swatch(String, Double?), line(String, String?), dot(String) }
    var mark: Mark
    var label: String
}
