import CLVEngine
import CLVModel

/// One-at-a-time sensitivity on the expected-value path: for each plan and each uncertain input,
/// the plan's expected NPV with that input at its P10 and at its P90 and everything else at its
/// mean, sorted by swing |NPV(P90) − NPV(P10)|. Exact and instant: no Monte Carlo.
///
/// - An input written differently by two scenarios (one path, two distributions) moves to each
///   distribution's own quantile at once.
/// - Dirichlet rows are left out (a row has no single P10); their components appear in the
///   global sensitivity of a run.
/// - Risks do not occur on the expected-value path, so their probability and consequence inputs
///   have no swing there. Each risk instead gets one bar: NPV when it occurs (consequences at
///   their means) against NPV when it does not (the expected NPV).
/// - Inputs that do not move a plan's NPV (|swing| ≤ 1e-9 of the scale) are left out of its list.
public struct Tornado: Sendable {
    public struct Bar: Sendable {
        public enum Kind: String, Sendable { case input, risk }
        /// Input path (`risks.NAME.occurs` for a risk bar).
        public var input: String
        /// The distribution as written, or the risk's description.
        public var text: String
        public var kind: Kind
        /// Input value at the low and high percentile (nil for a risk bar).
        public var lowValue, highValue: Double?
        /// Expected NPV with the input at its low / high value (for a risk: occurs / does not).
        public var npvLow, npvHigh: Double
        public var swing: Double { abs(npvHigh - npvLow) }
    }

    public struct Plan: Sendable {
        public var name: String
        /// Expected NPV at the means (the centre line of the chart).
        public var expectedNPV: Double
        /// Sorted by swing, largest first.
        public var bars: [Bar]
    }

    public let lowPercentile: Double, highPercentile: Double
    public let plans: [Plan]

    public init(_ a: AnalyticModel, low: Double = 0.1, high: Double = 0.9) {
        lowPercentile = low
        highPercentile = high
        // Paths of uncertain scalar inputs, in table order.
        var found: [String] = [], seen = Set<String>()
        for e in a.inputs.entries {
            if case .scalar(let d) = e.kind, !d.isConstant, seen.insert(e.path).inserted { found.append(e.path) }
        }
        let paths = found
        // The entries of each path, found once (a filter over the whole table per path would make
        // the tornado quadratic in the number of inputs).
        let byPath = Dictionary(grouping: a.inputs.entries, by: \.path)
        let moved: @Sendable (String, Double) -> [Double] = { path, p in
            var x = a.means
            for e in byPath[path] ?? [] { if case .scalar(let d) = e.kind { x[e.slot] = d.quantile(p) } }
            return x
        }
        // Each moved vector is made where it is used and dropped after (holding all of them at once
        // took inputs × table width doubles: gigabytes for a study of thousands of segments).
        // Each moved world's expected path is independent of the others': one per core.
        let pathIndices = Array(paths.indices)
        let baseLow = pathIndices.parallelMap { a.equity(0, moved(paths[$0], low)).ce }
        let baseHigh = pathIndices.parallelMap { a.equity(0, moved(paths[$0], high)).ce }
        let baseMean = a.equity(0, a.means).ce
        var plans: [Plan] = []
        for k in a.planIndices {
            let centre = a.npv(plan: k, a.means, baselineEquity: baseMean)
            let tiny = 1e-9 * max(1, abs(centre))
            var bars: [Bar] = []
            // The slot this plan (or its baseline) reads, for the values shown.
            let used = Set([a.study.baseline, a.study.scenarios[k]].flatMap {
                $0.uncertainInputs.map(\.key)
            })
            let npvLow = pathIndices.parallelMap { a.npv(plan: k, moved(paths[$0], low), baselineEquity: baseLow[$0]) }
            let npvHigh = pathIndices.parallelMap { a.npv(plan: k, moved(paths[$0], high), baselineEquity: baseHigh[$0]) }
            for (i, path) in paths.enumerated() {
                let lo = npvLow[i], hi = npvHigh[i]
                let candidates = byPath[path] ?? []
                let shown = candidates.first {
                    if case .scalar(let d) = $0.kind { return used.contains($0.inputKey ?? InputKey(path: path, distribution: d)) } else { return false }
                } ?? candidates[0]
                // The value `moved` put in the shown slot.
                var lowValue = a.means[shown.slot], highValue = a.means[shown.slot]
                if case .scalar(let d) = shown.kind { lowValue = d.quantile(low); highValue = d.quantile(high) }
                let bar = Bar(input: path, text: shown.text, kind: .input, lowValue: lowValue,
                              highValue: highValue, npvLow: lo, npvHigh: hi)
                if bar.swing > tiny { bars.append(bar) }
            }
            for r in a.study.scenarios[k].risks {
                var x = a.means
                for e in byPath[r.occursPath] ?? [] { x[e.slot] = 0 }    // u = 0 is below any probability > 0
                let occurs = a.npv(plan: k, x, baselineEquity: baseMean)
                let bar = Bar(input: r.occursPath, text: "\(r.name) occurs (probability \(r.probability.text); consequences at their means)",
                              kind: .risk, lowValue: nil, highValue: nil, npvLow: occurs, npvHigh: centre)
                if bar.swing > tiny { bars.append(bar) }
            }
            bars.sort { ($0.swing, $1.input) > ($1.swing, $0.input) }
            plans.append(Plan(name: a.study.scenarios[k].name, expectedNPV: centre, bars: bars))
        }
        self.plans = plans
    }
}
