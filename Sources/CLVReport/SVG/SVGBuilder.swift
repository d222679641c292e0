import CLVModel
/// A tiny SVG writer: elements appended in order, numbers with one decimal, text escaped.
struct SVGCanvas {
    let width: Double
    var height: Double
    private(set) var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Coordinates with at most one decimal, never `-0`.
    static func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 10).rounded() / 10
        if r == r.rounded() { return abs(r) < 1e15 ? String(Int64(r)) : String(format: "%.0f", r) }
        return (r < 0 ? "-" : "") + NumberFormat.fixed(abs(r), 1)
    }

    mutating func raw(_ s: String) { body.append(s) }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, opacity: Double? = nil,
                       stroke: String? = nil) {
        var s = "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(w, 0)))\" height=\"\(Self.n(max(h, 0)))\" fill=\"\(fill)\""
        if let opacity { s += " fill-opacity=\"\(NumberFormat.fixed(opacity, 2))\"" }
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"0.5\"" }
        body.append(s + "/>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
                       dash: String? = nil) {
        var s = "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        body.append(s + "/>")
    }

    /// A polyline through `points`.
    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        guard !points.isEmpty else { return }
        let pts = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        var s = "<polyline points=\"\(pts)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\""
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        body.append(s + "/>")
    }

    /// A closed filled polygon.
    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        guard !points.isEmpty else { return }
        let pts = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        body.append("<polygon points=\"\(pts)\" fill=\"\(fill)\" fill-opacity=\"\(NumberFormat.fixed(opacity, 2))\" stroke=\"none\"/>")
    }

    mutating func circle(_ cx: Double, _ cy: Double, r: Double, fill: String, stroke: String = "#ffffff") {
        body.append("<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.5\"/>")
    }

    enum Anchor: String { case start, middle, end }

    /// Text at (x, y), moved inwards when it would run past the canvas' left or right edge
    /// (widths estimated by `textWidth`); `halo` draws a white outline so lines behind it do not strike it.
    mutating func text(_ x0: Double, _ y: Double, _ s: String, size: Double = 12, anchor: Anchor = .start,
                       bold: Bool = false, fill: String = "#333333", rotate: Bool = false, halo: Bool = false) {
        var x = x0
        if !rotate {
            let w = Self.textWidth(s, size: size) * (bold ? 1.06 : 1), pad = 2.0
            let start = anchor == .start ? x : anchor == .end ? x - w : x - w / 2
            let shift = start < pad ? pad - start : start + w > width - pad ? (width - pad) - (start + w) : 0
            x += shift
        }
        var a = "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\""
        if anchor != .start { a += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { a += " font-weight=\"bold\"" }
        if fill != "#333333" { a += " fill=\"\(fill)\"" }
        if rotate { a += " transform=\"rotate(-90 \(Self.n(x)) \(Self.n(y)))\"" }
        if halo { a += " stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"" }
        body.append(a + ">\(XML.escape(s))</text>")
    }

    /// Approximate rendered width of `s` (CJK glyphs are square, Latin about 0.58 em).
    static func textWidth(_ s: String, size: Double) -> Double {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? size : $1 == " " ? size * 0.3 : size * 0.6) }
    }

    /// A panel's name: at 13 units, else smaller (down to 11), else on two lines, else shortened.
    mutating func panelTitle(_ s: String, x: Double, y: Double, width w: Double) {
        for size in [13.0, 12, 11] where Self.textWidth(s, size: size) * 1.06 <= w {
            text(x, y, s, size: size, bold: true, fill: "#111111", halo: true)
            return
        }
        // Two lines, split at the last space (or anywhere, for CJK) that makes the first line fit.
        let chars = Array(s)
        var cut = chars.count
        while cut > 1 && Self.textWidth(String(chars[..<cut]), size: 11) * 1.06 > w { cut -= 1 }
        if let sp = chars[..<cut].lastIndex(of: " "), sp > 0 { cut = sp }
        let first = String(chars[..<cut]).trimmingSpaces, rest = String(chars[cut...]).trimmingSpaces
        text(x, y - 13, first, size: 11, bold: true, fill: "#111111", halo: true)
        text(x, y, Self.fit(rest, width: w, size: 11.6), size: 11, bold: true, fill: "#111111", halo: true)
    }

    /// `s` shortened with an ellipsis to fit `width`.
    static func fit(_ s: String, width: Double, size: Double) -> String {
        if textWidth(s, size: size) <= width { return s }
        // One pass over the characters (linear in the length of `s`, however long a name is).
        let budget = width - textWidth("…", size: size)
        var t = "", used = 0.0
        for ch in s {
            let w = textWidth(String(ch), size: size)
            if used + w > budget { break }
            used += w
            t.append(ch)
        }
        return t + "…"
    }

    /// The standalone document, with `<title>` and `<desc>` for screen readers.
    func render(id: String, title: String, desc: String) -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"\(Palette.fontFamily)\">\n"
        s += "<title id=\"\(id)-title\">\(XML.escape(title))</title>\n<desc id=\"\(id)-desc\">\(XML.escape(desc))</desc>\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        s += body.joined(separator: "\n")
        return s + "\n</svg>\n"
    }
}

/// Escaping for XML text and attribute values (HTML and SVG).
enum XML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters and non-characters are not allowed in XML 1.0, and bidi controls
                // would reorder the text around them: each is shown as `\u202E`.
                if ch == "\n" || ch == "\t" || !TextSafety.isUnsafe(ch) {
                    out.unicodeScalars.append(ch)
                } else {
                    out += TextSafety.escaped(String(ch))
                }
            }
        }
        return out
    }
}

/// Okabe–Ito colours (safe for the common colour-vision deficiencies) and the chart font.
enum Palette {
    static let black = "#000000", orange = "#E69F00", sky = "#56B4E9", green = "#009E73"
    static let yellow = "#F0E442", blue = "#0072B2", vermillion = "#D55E00", purple = "#CC79A7"
    static let grey = "#6B6B6B", grid = "#E3E3E3", axis = "#555555"
    /// Baseline grey, then plans.
    static func scenario(_ k: Int) -> String {
        let plans = [blue, orange, green, purple, vermillion, sky]
        return k == 0 ? grey : plans[(k - 1) % plans.count]
    }
    static func category(_ name: String, index: Int) -> String {
        switch name {
        case "technology": blue
        case "people": orange
        case "operations": green
        case "marketing": purple
        default: [vermillion, sky, yellow, grey][index % 4]
        }
    }
    static func stage(_ name: String) -> String {
        switch name {
        case "acquisition": sky
        case "retention": blue
        case "expansion": green
        default: grey
        }
    }
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif"
}
