public import CLVEngine
import CLVNumerics
import CLVModel

/// Global sensitivity from the Monte Carlo sample itself: for each plan and each uncertain input,
/// the Spearman rank correlation between the input's per-trial draw and the plan's per-trial NPV,
/// and a first-order Sobol index S_i = Var(E[NPV | X_i]) / Var(NPV) estimated by binning.
///
/// Binning estimator: trials are sorted by the input and cut into B equal-count bins
/// (B = clamp(round(√n / 2), 2, 50); an input with at most B distinct values is grouped by value
/// instead); with the between-bin and within-bin sums of squares of NPV,
/// S_i = (SSB − (B − 1)·SSW/(n − B)) / SST — the ANOVA correction removes the upward bias of
/// raw bin means (≈ (B − 1)/n for an input that does not matter). Clamped to [0, 1].
/// With independent inputs the indices of an additive model sum to 1; the shortfall is
/// interaction. With correlated inputs an index also carries its partners' share.
///
/// Inputs: every uncertain scalar input of the baseline and the plan, whether each of the plan's
/// risks occurred (`risks.NAME.occurs`, 1 when it did: a negative ρ means the risk hurts), and
/// each component of a Dirichlet row (`PATH[DESTINATION]`). Inputs constant in the run (a
/// stressed input) are left out.
public struct GlobalSensitivity: Sendable {
    public struct Item: Sendable {
        public var input: String
        public var spearman: Double
        public var firstOrder: Double
    }
    public struct Plan: Sendable {
        public var name: String
        /// Σ S_i over the inputs listed.
        public var sumFirstOrder: Double
        /// Sorted by first-order index, then |Spearman|, largest first.
        public var items: [Item]
    }

    public let trials: Int
    public let bins: Int
    public let plans: [Plan]

    public init(run: StudyRun, plans planTrials: [PlanTrials]) {
        let n = run.options.trials
        trials = n
        let bins = min(50, max(2, Int((Double(n).squareRoot() / 2).rounded())))
        self.bins = bins
        let study = run.study
        var out: [Plan] = []
        for (p, pt) in planTrials.enumerated() {
            let k = p + 1
            let scenarios = [study.baseline, study.scenarios[k]]
            let used = Set(scenarios.flatMap { $0.uncertainInputs.map(\.key) })
                        var columns: [(String, [Double])] = []
            for e in run.inputs.entries {
                switch e.kind {
                case .scalar(let d):
                    guard !d.isConstant, used.contains(e.inputKey ?? InputKey(path: e.path, distribution: d)) else { continue }
                    columns.append((e.path, run.draws.column(e.slot)))
                case .occurrence, .derived:
                    continue    // below: whether the plan's risk occurred; numbers computed from parameters are not inputs
                case .dirichlet:
                    guard let names = Self.destinations(of: e.path, in: scenarios) else { continue }
                    for (c, name) in names.enumerated() { columns.append(("\(e.path)[\(name)]", run.draws.column(e.slot + c))) }
                }
            }
            for (j, r) in study.scenarios[k].risks.enumerated() {
                columns.append((r.occursPath, run.trials[k].occurred.column(j)))
            }
            let y = pt.npv
            let finite = y.indices.filter { y[$0].isFinite }
            let yf = finite.map { y[$0] }
            let yRanks = Self.ranks(yf)    // once per plan
            // Each input's ranks and bins are independent of the others': one per core.
            var items: [Item] = columns.map { ColumnInput(name: $0.0, values: $0.1) }.parallelMap { c in
                let xf = finite.map { c.values[$0] }
                let order = Sorting.order(xf)     // one sort serves the ranks and the bins
                guard let r = Self.pearson(Self.ranks(xf, order: order), yRanks) else { return nil }
                return Item(input: c.name, spearman: r, firstOrder: Self.firstOrder(xf, yf, bins: bins, order: order))
            }.compactMap { $0 }
            items.sort { ($0.firstOrder, abs($0.spearman), $1.input) > ($1.firstOrder, abs($1.spearman), $0.input) }
            out.append(Plan(name: study.scenarios[k].name, sumFirstOrder: Statistics.sum(items.map(\.firstOrder)),
                            items: items))
        }
        plans = out
    }

    static func destinations(of path: String, in scenarios: [Scenario]) -> [String]? {
        for sc in scenarios {
            for g in sc.segments {
                for t in g.transitions {
                    if case .dirichlet(let d) = t.row, d.path == path { return d.destinations.map { sc.states[$0].name } }
                }
            }
        }
        return nil
    }

    /// Ranks 1...n, ties sharing their average rank.
    static func ranks(_ x: [Double]) -> [Double] { ranks(x, order: Sorting.order(x)) }

    /// Ranks given `order`, the indices of x in ascending order (`Sorting.order`).
    static func ranks(_ x: [Double], order: [Int]) -> [Double] {
        var r = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let avg = Double(i + j) / 2 + 1
            for k in i...j { r[order[k]] = avg }
            i = j + 1
        }
        return r
    }

    /// Pearson correlation; nil when either side has no spread.
    static func pearson(_ a: [Double], _ b: [Double]) -> Double? {
        guard a.count == b.count, a.count > 2 else { return nil }
        let ma = Statistics.mean(a), mb = Statistics.mean(b)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices {
            let da = a[i] - ma, db = b[i] - mb
            sab += da * db
            saa += da * da
            sbb += db * db
        }
        guard saa > 0, sbb > 0 else { return nil }
        return sab / (saa * sbb).squareRoot()
    }

    /// Spearman's ρ: Pearson correlation of the (average) ranks.
    public static func spearman(_ a: [Double], _ b: [Double]) -> Double? { pearson(ranks(a), ranks(b)) }

    /// First-order index of `x` for `y` by binning (see the type's documentation).
    public static func firstOrder(_ x: [Double], _ y: [Double], bins: Int) -> Double {
        firstOrder(x, y, bins: bins, order: Sorting.order(x))
    }

    /// The same, given `order`, the indices of x in ascending order (`Sorting.order`).
    static func firstOrder(_ x: [Double], _ y: [Double], bins: Int, order: [Int]) -> Double {
        let n = x.count
        guard n > bins, bins >= 2 else { return .nan }
        // Group labels: by distinct value when there are few, else equal-count bins.
        var distinct = 1
        for i in 1..<n where x[order[i]] != x[order[i - 1]] { distinct += 1; if distinct > bins { break } }
        var group = [Int](repeating: 0, count: n)
        if distinct <= bins {
            var g = 0
            for i in 0..<n {
                if i > 0 && x[order[i]] != x[order[i - 1]] { g += 1 }
                group[order[i]] = g
            }
        } else {
            for (r, i) in order.enumerated() { group[i] = r * bins / n }
        }
        let m = (group.max() ?? 0) + 1
        guard m >= 2 else { return 0 }
        var sum = [Double](repeating: 0, count: m), count = [Double](repeating: 0, count: m)
        for i in 0..<n { sum[group[i]] += y[i]; count[group[i]] += 1 }
        let mean = Statistics.mean(y)
        var ssb = 0.0, ssw = 0.0, sst = 0.0
        for g in 0..<m where count[g] > 0 { let d = sum[g] / count[g] - mean; ssb += count[g] * d * d }
        for i in 0..<n {
            let d = y[i] - sum[group[i]] / count[group[i]]
            ssw += d * d
            sst += (y[i] - mean) * (y[i] - mean)
        }
        guard sst > 0 else { return .nan }
        let s = (ssb - Double(m - 1) * ssw / Double(n - m)) / sst
        return min(1, max(0, s))
    }
}

/// One input's draws over the trials, as handed to a worker.
private struct ColumnInput: Sendable {
    let name: String
    let values: [Double]
}
