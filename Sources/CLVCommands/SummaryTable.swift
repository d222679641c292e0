import CLVAnalysis
import CLVModel
import Foundation

/// The short summary `clvsim run` prints: customer equity per scenario, then each plan
/// against the baseline. Columns are as wide as their widest cell.
enum SummaryTable {
    static func render(_ r: Results, threads: Int, seconds: Double) -> String {
        let unit = r.settings.period
        var lines: [String] = []
        lines.append("\(r.study) — \(Format.grouped(Double(r.trials), decimals: 0)) trials, seed \(r.seed), "
                     + "\(threads) thread\(threads == 1 ? "" : "s"), \(String(format: "%.2f", seconds)) s"
                     + (r.analysis.map { ", \($0) analysis" } ?? ""))
        lines.append("")
        // Monte Carlo figures first; the value at mean inputs without risks is a reference, said so.
        var equity: [[String]] = [["Customer equity (\(r.settings.currency))", "mean", "± se", "P5", "P95",
                                   "mean with terminal", "at mean inputs", "check z", "overflows"]]
        for s in r.scenarios {
            let c = s.customerEquity
            equity.append([s.name, Format.amount(c.mean), Format.amount(c.se), Format.amount(c.p5), Format.amount(c.p95),
                           Format.amount(s.customerEquityTerminal.mean), Format.amount(s.analytic.customerEquity),
                           s.check?.horizon.z.map { String(format: "%+.1f", $0) } ?? "–", String(s.rowOverflows)])
        }
        let plans = r.scenarios.filter { $0.vsBaseline != nil }
        var comparison: [[String]] = []
        if let basis = plans.first?.vsBaseline?.basis {
            comparison.append(["Plan vs baseline (\(basis.rawValue))", "expected NPV", "within horizon", "+ terminal",
                               "90% interval", "P(NPV>0)", "BCR", "ROI", "payback p50"])
            for (_, s, v) in r.plans {
                let pay = v.paybackP50.map { "\(Int($0)) \(unit)s" } ?? "none"
                comparison.append([s.name, Format.amount(v.npv.mean), Format.amount(v.npvHorizon.mean),
                                   Format.amount(v.terminalPart),
                                   "[\(Format.amount(v.npv.p5)), \(Format.amount(v.npv.p95))]",
                                   Format.percent(v.pNPVPositive), Format.bcr(v.bcrOfMeans), Format.percent(v.roiOfMeans), pay])
            }
        }
        // The name column is shared by both tables so that they line up.
        let nameWidth = max(24, (equity + comparison).map { $0[0].count }.max() ?? 0)
        lines += table(equity, nameWidth: nameWidth)
        if !comparison.isEmpty {
            lines.append("")
            lines += table(comparison, nameWidth: nameWidth)
        }
        return lines.joined(separator: "\n")
    }

    /// Left-aligned first column, right-aligned others, two spaces between columns.
    static func table(_ rows: [[String]], nameWidth: Int) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in c == 0 ? nameWidth : rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                c == 0 ? Format.pad(cell, widths[0], right: false) : "  " + Format.pad(cell, widths[c])
            }.joined()
        }
    }
}
