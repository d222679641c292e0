public import CLVEngine
import CLVModel
import CLVNumerics

/// The expected value of perfect information, about everything (EVPI) and about each uncertain
/// input (EVPPI), from the run's own trials. The decisions are "do nothing" (net benefit 0)
/// and each plan (net benefit: its NPV in the trial).
///
/// EVPI = E[max_d NB_d] − max_d E[NB_d]: what knowing every input before choosing would be
/// worth. It is the mean of G_i = max_d NB_di − NB_{d*,i}, with d* the decision of highest
/// mean, so its standard error is sd(G)/√n.
///
/// EVPPI of an input X = E_X[max_d E[NB_d | X]] − max_d E[NB_d]: what knowing X alone would be
/// worth, the most a pilot that measures X can be worth. E[NB_d | X] is estimated
/// nonparametrically from the trials (a GAM-free version of Strong, Oakley & Brennan 2014):
/// the trials sorted by X are cut into B equal-count bins (B = clamp(round(√n / 2), 2, 50);
/// an input with at most B distinct values is grouped by value), and within each bin NB_d is
/// fitted by least squares on X (a local line; a constant when X does not vary in the bin).
/// The fit's noise alone makes the raw estimate positive even for an input that does not
/// matter, so the noise-only level is estimated by fitting the same bins to NB after a fixed
/// pseudo-random permutation of the trials (K = 8 permutations, seeded), and subtracted; the
/// result is clamped to [0, EVPI]. The standard error is sd(g)/√n of the per-trial gains
/// g_i = max_d f_d(x_i) − f_{d*}(x_i) of the fitted values (fitting error not included).
public struct ValueOfInformation: Sendable, Codable {
    public struct Input: Sendable, Codable {
        public var input: String
        public var evppi: Double
        public var se: Double
        /// EVPPI ÷ EVPI (0 when EVPI is 0).
        public var shareOfEVPI: Double
        enum CodingKeys: String, CodingKey { case input, evppi, se, shareOfEVPI = "share_of_evpi" }
    }
    /// `do nothing`, then the plans by name.
    public var decisions: [String]
    /// The decision of highest expected net benefit now.
    public var best: String
    public var evpi: Double
    public var evpiSE: Double
    /// Sorted by EVPPI, largest first.
    public var inputs: [Input]
    public var bins: Int
    enum CodingKeys: String, CodingKey { case decisions, best, evpi, evpiSE = "evpi_se", inputs, bins }

    public static let doNothing = "do nothing"
    static let permutations = 8

    /// From a run: every uncertain input any plan uses, and whether each plan's risks occurred.
    /// `only`: the plans (indices into `plans`) that may be chosen (all when nil; the study's
    /// `decision:` leaves out those over the budget or the P(loss) limit).
    public init(run: StudyRun, plans: [PlanTrials], only: [Int]? = nil) {
        let columns = InputColumns.of(run)
        let chosen = only ?? Array(plans.indices)
        self.init(netBenefits: chosen.map { plans[$0].npv }, names: chosen.map { run.study.scenarios[$0 + 1].name },
                  inputs: columns)
    }

    /// From per-trial net benefits of each option (do nothing is added) and input columns.
    public init(netBenefits nb: [[Double]], names: [String], inputs: [(name: String, values: [Double])]) {
        let n = nb.first?.count ?? 0
        // Non-finite NPVs cannot be averaged: such trials are left out of every figure.
        let keep = (0..<n).filter { i in nb.allSatisfy { $0[i].isFinite } }
        let options = [[Double](repeating: 0, count: keep.count)] + nb.map { d in keep.map { d[$0] } }
        decisions = [Self.doNothing] + names
        let means = options.map { Statistics.mean($0) }
        let star = Self.argmax(means)
        best = decisions[star]
        let gains = keep.indices.map { i in options.map { $0[i] }.max()! - options[star][i] }
        evpi = keep.isEmpty ? .nan : Statistics.mean(gains)
        evpiSE = keep.count > 1 ? (Statistics.variance(gains) / Double(keep.count)).squareRoot() : .nan
        let m = keep.count
        let b = min(50, max(2, Int((Double(m).squareRoot() / 2).rounded())))
        bins = b
        let evpiValue = evpi
        let perms = (0..<Self.permutations).map { Self.permutation(m, seed: UInt64($0) + 1) }
        // The permuted options do not depend on the input: made once, shared by every column.
        let permuted = perms.map { p in options.map { o in p.map { o[$0] } } }
        let columns = inputs.map { c in Column(name: c.name, values: keep.map { c.values[$0] }) }
        var items: [Input] = columns.parallelMap { c in
            // The bins depend on the column only: sorted once, shared by the raw fit and the permutations.
            let groups = c.values.count > b ? Self.binGroups(c.values, order: Sorting.order(c.values), bins: b) : []
            let raw = Self.partial(options, x: c.values, groups: groups, bins: b, star: star)
            let noise = permuted.map { o in
                Self.partial(o, x: c.values, groups: groups, bins: b, star: star).value
            }
            let v = min(max(raw.value - Statistics.mean(noise), 0), evpiValue.isFinite ? evpiValue : 0)
            return Input(input: c.name, evppi: v, se: raw.se, shareOfEVPI: evpiValue > 0 ? v / evpiValue : 0)
        }
        items.sort { ($0.evppi, $1.input) > ($1.evppi, $0.input) }
        self.inputs = items
    }

    private struct Column: Sendable {
        let name: String
        let values: [Double]
    }

    static func argmax(_ x: [Double]) -> Int {
        var best = 0
        for i in x.indices where x[i] > x[best] { best = i }
        return best
    }

    /// Raw EVPPI of x from fitted values f_d(x_i), and sd(g)/√n.
    /// `groups`: x's bins (`binGroups` of x in its order), which depend on x alone.
    static func partial(_ options: [[Double]], x: [Double], groups: [[Int]], bins: Int, star: Int) -> (value: Double, se: Double) {
        let n = x.count
        guard n > bins else { return (.nan, .nan) }
        let fitted = options.map { fit($0, x: x, groups: groups) }
        // max_d f_d(x_i) as `fitted.map { $0[i] }.max()!` gives it (the first of the largest), without
        // an array per trial.
        func best(_ i: Int) -> Double {
            var b = fitted[0][i]
            for d in 1..<fitted.count where b < fitted[d][i] { b = fitted[d][i] }
            return b
        }
        var g = [Double](repeating: 0, count: n)
        for i in 0..<n { g[i] = best(i) - fitted[star][i] }
        // max_d mean f_d equals mean f_{d*} up to the fit's rounding: use the decision of highest fitted mean.
        let fm = fitted.map { Statistics.mean($0) }
        let s = argmax(fm)
        if s != star { for i in 0..<n { g[i] = best(i) - fitted[s][i] } }
        return (Statistics.mean(g), n > 1 ? (Statistics.variance(g) / Double(n)).squareRoot() : .nan)
    }

    /// Trial indices of each bin: by distinct value when there are at most `bins`, else equal-count bins.
    static func binGroups(_ x: [Double], order: [Int], bins: Int) -> [[Int]] {
        let n = x.count
        var distinct = 1
        for i in 1..<n where x[order[i]] != x[order[i - 1]] { distinct += 1; if distinct > bins { break } }
        var groups: [[Int]] = []
        if distinct <= bins {
            for i in 0..<n {
                if i == 0 || x[order[i]] != x[order[i - 1]] { groups.append([]) }
                groups[groups.count - 1].append(order[i])
            }
        } else {
            groups = (0..<bins).map { k in Array(order[(k * n / bins)..<((k + 1) * n / bins)]) }
        }
        return groups
    }

    /// Least-squares line of y on x within each group, evaluated at each trial's x.
    static func fit(_ y: [Double], x: [Double], groups: [[Int]]) -> [Double] {
        var f = [Double](repeating: 0, count: y.count)
        for g in groups where !g.isEmpty {
            let c = Double(g.count)
            let mx = g.reduce(0) { $0 + x[$1] } / c, my = g.reduce(0) { $0 + y[$1] } / c
            var sxx = 0.0, sxy = 0.0
            for i in g { sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my) }
            let slope = sxx > 0 ? sxy / sxx : 0
            for i in g { f[i] = my + slope * (x[i] - mx) }
        }
        return f
    }

    /// A fixed pseudo-random permutation of 0..<n (SplitMix64 Fisher–Yates), the same on every machine.
    static func permutation(_ n: Int, seed: UInt64) -> [Int] {
        var p = Array(0..<n), s = seed
        func next() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        if n > 1 { for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, Int(next() % UInt64(i + 1))) } }
        return p
    }
}
