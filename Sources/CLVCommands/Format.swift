import CLVReport
import Foundation

/// Numbers for people, in the terminal summary. Rounding is the report's (`NumberFormat`), so the
/// console and the board pack never show one figure two ways (97.55% was 97.5% here and 97.6% in
/// the report when the console rounded with `%.1f`); the console keeps an ASCII minus.
enum Format {
    /// 163.13M, 26.02B, 9,890.44: K/M/B above ten thousand, thousands separators below.
    static func amount(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        let a = abs(x)
        if a >= 1e9 { return grouped(x / 1e9, decimals: 2) + "B" }
        if a >= 1e6 { return grouped(x / 1e6, decimals: 2) + "M" }
        if a >= 1e4 { return grouped(x / 1e3, decimals: 1) + "K" }
        return grouped(x, decimals: 2)
    }

    static func grouped(_ x: Double, decimals: Int) -> String {
        ascii(NumberFormat.grouped(x, decimals: decimals))
    }

    static func percent(_ x: Double?) -> String {
        ascii(NumberFormat.percent(x))
    }

    /// `1 : 1.8`.
    static func bcr(_ x: Double?) -> String {
        ascii(NumberFormat.bcr(x))
    }

    private static func ascii(_ s: String) -> String {
        s.replacingOccurrences(of: "−", with: "-")
    }

    static func pad(_ s: String, _ w: Int, right: Bool = true) -> String {
        let n = s.count
        if n >= w { return s }
        return right ? String(repeating: " ", count: w - n) + s : s + String(repeating: " ", count: w - n)
    }
}
