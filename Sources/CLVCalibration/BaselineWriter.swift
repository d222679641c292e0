import CLVModel
import Foundation

/// Settings of the scenario a calibration writes (the parts data cannot tell).
struct ScenarioHeader {
    var name: String
    var currency: String
    var period: Period
    var horizon: Int
    var discountRate: Double
    var prior: Double
    var arrivals: Bool
    /// Provenance lines (without `# `): tool, source, hash, rows, periods.
    var provenance: [String]
}

/// Writes `baseline.yaml`: a valid clvsim scenario with every number commented by its provenance.
enum BaselineWriter {
    static func yaml(_ e: Estimates, _ h: ScenarioHeader) -> String {
        var o: [String] = ["schema: clvsim/1"]
        for p in h.provenance { o.append("# " + p) }
        let label = { (k: Int) in e.kind.label(k) }
        o.append("# Calibration window: \(label(e.firstPeriod)) … \(label(e.cut)) (\(e.cut - e.firstPeriod + 1) periods); \(e.customerPeriods) customer-periods.")
        o.append("# Transition rows: dirichlet(observed transitions between consecutive periods + prior \(fmt(h.prior)) per destination).")
        if e.segments.contains(where: { $0.latentClass > 0 }) {
            let fits = e.latent.map { "\($0.classes) classes, log-likelihood \(fmt($0.logLikelihood, 1)) after \($0.iterations) EM iterations, BIC \(fmt($0.bic, 1))" }
            o.append("# Segments c1…cN are latent classes (a mixture of Markov chains fitted by EM; c1 the least active): "
                     + fits.joined(separator: "; ") + ".")
            o.append("# Counts in a class are expected counts: each customer's transitions weighted by its class membership.")
        }
        o.append("name: \(quote(h.name))")
        o.append("currency: \(quote(h.currency))")
        o.append("period: \(h.period.rawValue)")
        o.append("horizon: \(h.horizon)")
        o.append("discount_rate: \(fmt(h.discountRate))")
        o.append("terminal_value: clv")
        o.append("")
        o.append("states:")
        for (s, name) in e.stateNames.enumerated() {
            var why = e.stageGuessed[s] ? "   # stage guessed from the name: review" : ""
            if why.isEmpty, name.hasPrefix("r"), e.active.count == e.stateNames.count {
                why = e.active[s] ? "   # bought this period" : ""
            }
            o.append("  \(key(name)): { stage: \(e.stages[s].rawValue) }\(why)")
        }
        o.append("")
        o.append("segments:")
        let arrivalLabels = e.arrivalPeriods > 0 ? "\(label(e.firstPeriod + 1)) … \(label(e.cut))" : "none"
        for seg in e.segments {
            o.append("  \(key(seg.name)):")
            if seg.latentClass > 0 {
                o.append("    # latent class \(seg.latentClass) of \(e.segments.filter { $0.dataSegment == seg.dataSegment }.count) of '\(seg.dataSegment)': share \(fmt(seg.share, 4)), \(fmt(seg.customers, 1)) expected customers")
            } else {
                o.append("    # \(fmt(seg.customers, 0)) customers")
            }
            let initial = e.stateNames.indices.filter { e.stages[$0] != .churn && seg.initial[$0].rounded() > 0 }
            o.append(initial.isEmpty ? "    initial: {}" : "    initial:                # customers in each state at \(label(e.cut))")
            for s in initial { o.append("      \(key(e.stateNames[s])): \(fmt(seg.initial[s].rounded()))") }
            var arrivalLines: [String] = []
            if h.arrivals && e.arrivalPeriods > 0 {
                for s in e.stateNames.indices {
                    let xs = seg.arrivals[s]
                    let total = xs.reduce(0, +)
                    guard total > 0 else { continue }
                    let m = total / Double(xs.count)
                    let sd = xs.count > 1 ? (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot() : 0
                    let v = sd > 0 ? quote("gamma(\(fmt(m, 3)), \(fmt(sd, 3)))") : fmt(m, 3)
                    arrivalLines.append("      \(key(e.stateNames[s])): \(v)   # new customers per period over \(arrivalLabels): \(xs.map { fmt($0, 1) }.joined(separator: ", "))")
                }
            }
            if arrivalLines.isEmpty {
                o.append("    arrivals: {}            # " + (h.arrivals ? "no new customers in \(arrivalLabels)" : "closed cohort (--arrivals none)"))
            } else {
                o.append("    arrivals:")
                o += arrivalLines
            }
            o.append("    transitions:            # per period; weights = observed counts + prior")
            for a in e.stateNames.indices where e.stages[a] != .churn {
                let dest = e.destinations[a]
                let weights = dest.map { seg.counts[a][$0] + h.prior }
                // Expected counts of a latent class can be vanishingly small, not 0: those are left out
                // (with a prior every weight is at least the prior).
                let listed = zip(dest, weights).filter { $0.1 >= 5e-4 }
                let observed = dest.reduce(0) { $0 + seg.counts[a][$1] }
                guard !listed.isEmpty else {
                    o.append("      # \(e.stateNames[a]): no transitions observed (and no prior): customers stay")
                    continue
                }
                let body = listed.map { "\(e.stateNames[$0.0]): \(fmt($0.1, 3))" }.joined(separator: ", ")
                o.append("      \(key(e.stateNames[a])): \(quote("dirichlet(\(body))"))   # \(fmt(observed, 1)) observed transitions")
            }
            let valued = e.stateNames.indices.filter { e.stages[$0] != .churn && (seg.values[$0].n > 0 || seg.values[$0].costN > 0) }
            o.append(valued.isEmpty ? "    value: {}" : "    value:                  # per customer per period; revenue = mean ± its standard error")
            for s in valued {
                let v = seg.values[s]
                var parts: [String] = []
                var why: [String] = []
                if v.n > 0 {
                    let m = v.mean, se = v.se
                    if se > 0 && v.n >= 2 {
                        parts.append("revenue: " + quote("\(m > 0 && v.minRevenue > 0 ? "lognormal" : "normal")(\(fmt(m, 4)), \(fmt(se, 4)))"))
                    } else {
                        parts.append("revenue: \(fmt(m, 4))")
                    }
                    if m > 0 && v.sd > 0 { parts.append("revenue_cv: \(fmt(v.sd / m, 4))") }
                    why.append("\(fmt(v.n, 1)) observations, mean \(fmt(m, 2)), sd \(fmt(v.sd, 2))")
                }
                if v.costN > 0 {
                    let se = v.costSE
                    parts.append("cost: " + (se > 0 ? quote("normal(\(fmt(v.costMean, 4)), \(fmt(se, 4)))") : fmt(v.costMean, 4)))
                    why.append("cost mean \(fmt(v.costMean, 2))")
                }
                o.append("      \(key(e.stateNames[s])): { \(parts.joined(separator: ", ")) }   # \(why.joined(separator: "; "))")
            }
        }
        return o.joined(separator: "\n") + "\n"
    }

    /// A number with at most `decimals` decimals, no trailing zeros (`12`, `0.5`, `1429.091`).
    static func fmt(_ x: Double, _ decimals: Int = 6) -> String {
        guard x.isFinite else { return "0" }
        var s = String(format: "%.\(decimals)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A mapping key, quoted unless it is a plain word.
    static func key(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } && !s.isEmpty ? s : quote(s)
    }
}
