public import CLVModel

/// How a period is written, and so how periods sort and are labelled.
///
/// Period indices are consecutive integers: `year·12 + month − 1` for months, `year·4 + q − 1`
/// for quarters, `year·2 + h − 1` for half-years, the year itself for years, the number itself for
/// integer periods. "Consecutive
/// periods" (a transition) are indices that differ by one.
public enum PeriodKind: String, Sendable, Hashable {
    case integer, month, quarter, halfYear, year

    /// The label of period index `k`: `7`, `1998-01`, `1998Q1`, `1998H1`, `1998`.
    public func label(_ k: Int) -> String {
        switch self {
        case .integer, .year: return String(k)
        case .month:
            let y = k >= 0 ? k / 12 : (k - 11) / 12, m = k - 12 * y + 1
            return "\(y)-\(m < 10 ? "0" : "")\(m)"
        case .quarter:
            let y = k >= 0 ? k / 4 : (k - 3) / 4
            return "\(y)Q\(k - 4 * y + 1)"
        case .halfYear:
            let y = k >= 0 ? k / 2 : (k - 1) / 2
            return "\(y)H\(k - 2 * y + 1)"
        }
    }

    /// The scenario period of this kind (integer periods need `--period`).
    public var scenarioPeriod: Period? {
        switch self { case .month: .month; case .quarter: .quarter; case .halfYear: .halfYear; case .year: .year; case .integer: nil }
    }

    /// The period kind that buckets dates into `p`.
    public init(_ p: Period) {
        switch p { case .month: self = .month; case .quarter: self = .quarter; case .halfYear: self = .halfYear; case .year: self = .year }
    }
}

/// Parsing of the text fields of data files: fast paths for plain numbers, dates and periods.
enum FieldParse {
    @inline(__always) static func digit(_ c: UInt8) -> Int? { c >= 48 && c <= 57 ? Int(c - 48) : nil }

    /// A decimal number (`12.5`, `-3`, `1e6`, `"1,234.50"` is not one). nil when it is not a finite number.
    static func number(_ f: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = f.count
        guard n > 0 else { return nil }
        var i = 0, negative = false
        if f[0] == UInt8(ascii: "-") || f[0] == UInt8(ascii: "+") { negative = f[0] == UInt8(ascii: "-"); i = 1 }
        var mantissa: UInt64 = 0, digits = 0, scale = 0
        while i < n, let d = digit(f[i]), digits < 18 { mantissa = mantissa * 10 + UInt64(d); digits += 1; i += 1 }
        if i < n && f[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, let d = digit(f[i]), digits < 18 { mantissa = mantissa * 10 + UInt64(d); digits += 1; scale += 1; i += 1 }
        }
        if i == n && digits > 0 && (i > 1 || !negative) {
            // Exact for up to 15 significant digits and 22 decimals: both are representable.
            let x = Double(mantissa) / pow10[scale]
            return negative ? -x : x
        }
        // Anything else (exponents, long mantissas): the standard library's parser.
        guard let x = Double(String(decoding: f, as: UTF8.self)), x.isFinite else { return nil }
        return x
    }

    private static let pow10: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { a, _ in a * 10 } }

    /// A non-negative integer of at most 18 digits.
    static func integer(_ f: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0, negative = false
        if f.count > 1 && f[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        guard f.count > i, f.count - i <= 18 else { return nil }
        var v = 0
        while i < f.count { guard let d = digit(f[i]) else { return nil }; v = v * 10 + d; i += 1 }
        return negative ? -v : v
    }

    static func fixedDigits(_ f: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Int? {
        var v = 0
        for i in a..<b { guard let d = digit(f[i]) else { return nil }; v = v * 10 + d }
        return v
    }

    /// `YYYY-MM-DD` or `YYYYMMDD`, a real calendar day: (year, month, day).
    static func date(_ f: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        let y: Int?, m: Int?, d: Int?
        if f.count == 8 {
            y = fixedDigits(f, 0, 4); m = fixedDigits(f, 4, 6); d = fixedDigits(f, 6, 8)
        } else if f.count == 10 && f[4] == UInt8(ascii: "-") && f[7] == UInt8(ascii: "-") {
            y = fixedDigits(f, 0, 4); m = fixedDigits(f, 5, 7); d = fixedDigits(f, 8, 10)
        } else { return nil }
        guard let y, let m, let d, (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return (y, m, d)
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The index of the period of kind `k` that holds a date.
    static func bucket(_ date: (Int, Int, Int), _ k: PeriodKind) -> Int {
        switch k {
        case .month: return date.0 * 12 + date.1 - 1
        case .quarter: return date.0 * 4 + (date.1 - 1) / 3
        case .halfYear: return date.0 * 2 + (date.1 - 1) / 6
        case .year, .integer: return date.0
        }
    }

    /// A panel period: an integer, `YYYY-MM`, `YYYYQn` or `YYYYHn` (the kind is read from the text).
    static func period(_ f: UnsafeBufferPointer<UInt8>) -> (PeriodKind, Int)? {
        if f.count == 7 && f[4] == UInt8(ascii: "-"), let y = fixedDigits(f, 0, 4), let m = fixedDigits(f, 5, 7), (1...12).contains(m) {
            return (.month, y * 12 + m - 1)
        }
        if f.count == 6 && (f[4] == UInt8(ascii: "Q") || f[4] == UInt8(ascii: "q")), let y = fixedDigits(f, 0, 4),
           let q = digit(f[5]), (1...4).contains(q) {
            return (.quarter, y * 4 + q - 1)
        }
        if f.count == 6 && (f[4] == UInt8(ascii: "H") || f[4] == UInt8(ascii: "h")), let y = fixedDigits(f, 0, 4),
           let h = digit(f[5]), (1...2).contains(h) {
            return (.halfYear, y * 2 + h - 1)
        }
        if let v = integer(f) { return (.integer, v) }
        return nil
    }
}

extension Diagnostic {
    /// An error at a data file's line and column.
    static func data(_ file: String, _ line: Int, _ column: Int, _ message: String) -> Diagnostic {
        Diagnostic(at: SourceLocation(file: file, line: line, column: column), message)
    }
}
