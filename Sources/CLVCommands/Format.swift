import Foundation

/// Numbers for people, in the terminal summary.
enum Format {
    /// 163.13M, 26.02B, 9,890.44: K/M/B above ten thousand, thousands separators below.
    static func amount(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        let a = abs(x)
        if a >= 1e9 { return String(format: "%.2fB", x / 1e9) }
        if a >= 1e6 { return String(format: "%.2fM", x / 1e6) }
        if a >= 1e4 { return String(format: "%.1fK", x / 1e3) }
        return grouped(x, decimals: 2)
    }

    static func grouped(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "–" }
        let s = String(format: "%.\(decimals)f", abs(x))
        let parts = s.split(separator: ".", maxSplits: 1)
        var int = String(parts[0]), out = ""
        while int.count > 3 {
            out = "," + int.suffix(3) + out
            int.removeLast(3)
        }
        out = int + out
        if parts.count > 1 { out += "." + parts[1] }
        return (x < 0 ? "-" : "") + out
    }

    static func percent(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return String(format: "%.1f%%", x * 100)
    }

    /// `1 : 1.8`.
    static func bcr(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return String(format: "1 : %.1f", x)
    }

    static func pad(_ s: String, _ w: Int, right: Bool = true) -> String {
        let n = s.count
        if n >= w { return s }
        return right ? String(repeating: " ", count: w - n) + s : s + String(repeating: " ", count: w - n)
    }
}
