/// Numbers for people, without locale-dependent Foundation formatters (so output is the same
/// on every machine): thousands separators, K/M/B in English and 万/亿 in Chinese.
public struct NumberFormat: Sendable {
    public let locale: ReportLocale
    public let currency: String

    public init(locale: ReportLocale, currency: String) {
        self.locale = locale
        self.currency = currency
    }

    /// `x` rounded to `decimals` places with thousands separators (`-1,234.5`); never `-0`.
    public static func grouped(_ x: Double, decimals: Int = 0) -> String {
        guard x.isFinite else { return "–" }
        var s = fixed(abs(x), decimals)
        let negative = x < 0 && s.contains(where: { $0 != "0" && $0 != "." })
        let parts = s.split(separator: ".", maxSplits: 1)
        var int = String(parts[0]), out = ""
        while int.count > 3 {
            out = "," + int.suffix(3) + out
            int.removeLast(3)
        }
        s = int + out + (parts.count > 1 ? "." + parts[1] : "")
        return (negative ? "−" : "") + s
    }

    /// Fixed-point text of a non-negative number (C `%.*f`, which is locale-free under Swift on Linux).
    /// Any finite `x`: from 10^15 on (where a Double has no fractional digits left, and past 2^63
    /// no Int64 holds the value) the digits come from `%.*f` itself. Not finite: `–`.
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "–" }
        if abs(x) >= 1e15 { return String(format: "%.\(max(0, min(decimals, 20)))f", x) }
        let p = pow10(decimals)
        let r = (x * p).rounded() / p
        var s = String(Int64(r.rounded(.down)))
        if decimals > 0 {
            let frac = Int64(((r - r.rounded(.down)) * p).rounded())
            var f = String(frac)
            while f.count < decimals { f = "0" + f }
            if f.count > decimals { // carry, e.g. 0.999… rounded
                s = String(Int64(r.rounded(.down)) + 1)
                f = String(repeating: "0", count: decimals)
            }
            s += "." + f
        }
        return s
    }

    static func pow10(_ n: Int) -> Double { (0..<max(n, 0)).reduce(1.0) { x, _ in x * 10 } }

    /// Abbreviated amount: `8.86M`, `−3.07M`, `412.3K`, `950`; in Chinese `886.0万`, `1.20亿`.
    public func short(_ x: Double?, decimals: Int = 2) -> String {
        guard let x, x.isFinite else { return "–" }
        let a = abs(x)
        switch locale {
        case .en:
            if a >= 1e9 { return Self.grouped(x / 1e9, decimals: decimals) + "B" }
            if a >= 1e6 { return Self.grouped(x / 1e6, decimals: decimals) + "M" }
            if a >= 1e4 { return Self.grouped(x / 1e3, decimals: 1) + "K" }
            return Self.grouped(x, decimals: 0)
        case .zhHans:
            if a >= 1e8 { return Self.grouped(x / 1e8, decimals: decimals) + "亿" }
            if a >= 1e4 { return Self.grouped(x / 1e4, decimals: a >= 1e6 ? 0 : 1) + "万" }
            return Self.grouped(x, decimals: 0)
        }
    }

    /// An abbreviated amount with the currency: `CNY 8.86M`, or `886万元` in Chinese.
    public func money(_ x: Double?, decimals: Int = 2) -> String {
        guard let x, x.isFinite else { return "–" }
        switch locale {
        case .en: return "\(currency) \(short(x, decimals: decimals))"
        case .zhHans: return short(x, decimals: decimals) + currencySuffixZh
        }
    }

    /// A per-customer amount in full: `CNY 5,432` / `5,432元`.
    public func moneyFull(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        switch locale {
        case .en: return "\(currency) \(Self.grouped(x))"
        case .zhHans: return Self.grouped(x) + currencySuffixZh
        }
    }

    private var currencySuffixZh: String {
        switch currency {
        case "CNY", "RMB": "元"
        case "USD": "美元"
        case "EUR": "欧元"
        case "HKD": "港元"
        default: " " + currency
        }
    }

    /// The unit a chart axis is in (`CNY`, `元`).
    public var currencyUnit: String {
        locale == .en ? currency : currencySuffixZh.trimmingSpaces
    }

    /// Axis tick label: as short as the step allows (`−5M`, `2.5M`, `500万`).
    public func tick(_ x: Double, step: Double) -> String {
        if x == 0 { return "0" }
        let a = max(abs(x), abs(step))
        let (div, suffix): (Double, String)
        switch locale {
        case .en:
            (div, suffix) = a >= 1e9 ? (1e9, "B") : a >= 1e6 ? (1e6, "M") : a >= 1e4 ? (1e3, "K") : (1, "")
        case .zhHans:
            (div, suffix) = a >= 1e8 ? (1e8, "亿") : a >= 1e4 ? (1e4, "万") : (1, "")
        }
        let decimals = Self.decimals(forStep: step / div)
        return Self.grouped(x / div, decimals: decimals) + suffix
    }

    /// The fewest decimals that show every multiple of `step` exactly (2.5 needs one, 0.25 two).
    public static func decimals(forStep step: Double) -> Int {
        var d = 0
        while d < 3 && abs(step * pow10(d) - (step * pow10(d)).rounded()) > 1e-6 * max(1, step * pow10(d)) { d += 1 }
        return d
    }

    /// `42.1%`.
    public static func percent(_ x: Double?, decimals: Int = 1) -> String {
        guard let x, x.isFinite else { return "–" }
        return grouped(x * 100, decimals: decimals) + "%"
    }

    /// `1 : 1.8`.
    public static func bcr(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return "1 : " + grouped(x, decimals: 1)
    }

    /// A plain number with `decimals` places (`0.42`, `12.0`).
    public static func number(_ x: Double?, decimals: Int = 2) -> String {
        guard let x, x.isFinite else { return "–" }
        return grouped(x, decimals: decimals)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

/// Civil date of a Unix time, UTC, without Foundation calendars (Howard Hinnant's days-to-civil).
public enum ReportDate {
    /// `YYYY-MM-DD` of `seconds` since 1970-01-01T00:00:00Z.
    /// `seconds` is clamped to ±10^13 (about ±317,000 years), where the arithmetic cannot overflow.
    public static func string(epochSeconds raw: Int64) -> String {
        let seconds = min(max(raw, -10_000_000_000_000), 10_000_000_000_000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
