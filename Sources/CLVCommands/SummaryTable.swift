import CLVAnalysis
import CLVModel
import Foundation

/// The short summary `clvsim run` prints.
enum SummaryTable {
    static func render(_ a: Analysis, threads: Int, seconds: Double) -> String {
        let r = a.results, study = a.run.study
        let unit = study.baseline.period.rawValue
        var lines: [String] = []
        lines.append("\(r.study) — \(Format.grouped(Double(r.trials), decimals: 0)) trials, seed \(r.seed), "
                     + "\(threads) thread\(threads == 1 ? "" : "s"), \(String(format: "%.2f", seconds)) s")
        lines.append("")
        let w = max(24, r.scenarios.map(\.name.count).max() ?? 0)
        lines.append(Format.pad("Customer equity (\(study.baseline.currency))", w, right: false)
                     + Format.pad("mean", 11) + Format.pad("± se", 10) + Format.pad("P5", 11) + Format.pad("P95", 11)
                     + Format.pad("analytic", 11) + Format.pad("+ terminal", 12) + Format.pad("overflows", 11))
        for s in r.scenarios {
            let c = s.customerEquity
            lines.append(Format.pad(s.name, w, right: false) + Format.pad(Format.amount(c.mean), 11)
                         + Format.pad(Format.amount(c.se), 10) + Format.pad(Format.amount(c.p5), 11)
                         + Format.pad(Format.amount(c.p95), 11) + Format.pad(Format.amount(s.analyticCustomerEquity), 11)
                         + Format.pad(Format.amount(s.customerEquityTerminal.mean), 12)
                         + Format.pad(String(s.rowOverflows), 11))
        }
        let plans = r.scenarios.filter { $0.vsBaseline != nil }
        if let basis = plans.first?.vsBaseline?.basis {
            lines.append("")
            lines.append(Format.pad("Plan vs baseline (\(basis.rawValue))", w, right: false) + Format.pad("NPV mean", 11)
                         + Format.pad("90% interval", 24) + Format.pad("P(NPV>0)", 10) + Format.pad("BCR", 10)
                         + Format.pad("ROI", 9) + Format.pad("payback p50", 14))
            for s in plans {
                let v = s.vsBaseline!
                let roi = v.bcrOfMeans.map { $0 - 1 }
                let pay = v.paybackP50.map { "\(Int($0)) \(unit)s" } ?? "none"
                lines.append(Format.pad(s.name, w, right: false) + Format.pad(Format.amount(v.npv.mean), 11)
                             + Format.pad("[\(Format.amount(v.npv.p5)), \(Format.amount(v.npv.p95))]", 24)
                             + Format.pad(Format.percent(v.pNPVPositive), 10) + Format.pad(Format.bcr(v.bcrOfMeans), 10)
                             + Format.pad(Format.percent(roi), 9) + Format.pad(pay, 14))
            }
        }
        return lines.joined(separator: "\n")
    }
}
