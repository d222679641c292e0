/// Axis labels with one unit per axis, and ratios with two decimals.
extension NumberFormat {
    /// A tick label of an axis with ticks `t`: the unit (K/M/B, 万/亿) is chosen once from the
    /// axis' largest absolute value, so one axis never mixes `5,000` with `10K`.
    func axis(_ x: Double, _ t: NiceTicks) -> String {
        if x == 0 { return "0" }
        let a = max(abs(t.lo), abs(t.hi))
        let (div, suffix): (Double, String)
        switch locale {
        case .en: (div, suffix) = a >= 1e9 ? (1e9, "B") : a >= 1e6 ? (1e6, "M") : a >= 1e4 ? (1e3, "K") : (1, "")
        case .zhHans: (div, suffix) = a >= 1e8 ? (1e8, "亿") : a >= 1e4 ? (1e4, "万") : (1, "")
        }
        return Self.grouped(x / div, decimals: Self.decimals(forStep: t.step / div)) + suffix
    }

    /// Amounts of one table column in one unit: the unit of the column's largest absolute value.
    public func moneyColumn(_ xs: [Double?]) -> [String] {
        let a = xs.compactMap { $0 }.filter(\.isFinite).map(abs).max() ?? 0
        return xs.map { x in
            guard let x, x.isFinite else { return "–" }
            if x == 0 { return "0" }
            let (div, suffix): (Double, String)
            switch locale {
            case .en: (div, suffix) = a >= 1e9 ? (1e9, "B") : a >= 1e6 ? (1e6, "M") : a >= 1e4 ? (1e3, "K") : (1, "")
            case .zhHans: (div, suffix) = a >= 1e8 ? (1e8, "亿") : a >= 1e4 ? (1e4, "万") : (1, "")
            }
            let d = div == 1 ? 0 : (locale == .zhHans && div == 1e4 ? (a >= 1e6 ? 0 : 1) : (div == 1e3 ? 1 : 2))
            let v = Self.grouped(x / div, decimals: d) + suffix
            return locale == .en ? "\(currency) \(v)" : v + currencyWord
        }
    }

    /// Numbers of a wide table in one unit, without the currency (the caption names it):
    /// `("CNY M", ["5.50", …])`, `("万元", ["550", …])`.
    func scaled(_ xs: [Double]) -> (unit: String, cells: [String]) {
        let a = xs.filter(\.isFinite).map(abs).max() ?? 0
        let (div, suffix, d): (Double, String, Int)
        switch locale {
        case .en: (div, suffix, d) = a >= 1e9 ? (1e9, "B", 2) : a >= 1e6 ? (1e6, "M", 2) : a >= 1e4 ? (1e3, "K", 1) : (1, "", 0)
        case .zhHans: (div, suffix, d) = a >= 1e8 ? (1e8, "亿", 2) : a >= 1e4 ? (1e4, "万", a >= 1e6 ? 0 : 1) : (1, "", 0)
        }
        let unit = locale == .en ? "\(currency)\(suffix.isEmpty ? "" : " " + suffix)" : suffix + currencyWord
        return (unit, xs.map { $0 == 0 ? "0" : Self.grouped($0 / div, decimals: d) })
    }

    var currencyWord: String { locale == .en ? currency : (currencyUnit.count <= 2 ? currencyUnit : " " + currency) }
}
