public import CLVModel

/// What a run will hold in memory, estimated before it starts so that `clvsim run` can refuse a
/// run that would exhaust the machine instead of being killed by the kernel half-way.
public struct MemoryEstimate: Sendable, Hashable {
    /// Every input's draw, per trial (`draws`: trials × input width).
    public var inputDraws: Double
    /// Per-trial series of every scenario (cash flow, customers, costs, CE, segment CE, risks).
    public var scenarioSeries: Double
    /// Sampled customer lifetime values (clv_samples × entry points, kept twice: raw and as arrays).
    public var clvSamples: Double
    /// The analysis' working copies (per-trial arrays of plans, sorted copies for quantiles).
    public var analysis: Double

    /// Total in bytes.
    public var bytes: Double { inputDraws + scenarioSeries + clvSamples + analysis }

    /// Bytes for `study` at `trials` and `clvSamples`. All storage is 8-byte doubles; per trial
    /// and scenario it is (T + 1) cash flows, (T + 1) customers, (T + 1) costs, one CE per segment,
    /// 4 scalars (CE, CE with terminal value, delay, effect scale), cost PV per category and one
    /// flag per risk (model.md 3; `ScenarioTrials`).
    public static func of(_ study: Study, trials n: Int, clvSamples c: Int) -> MemoryEstimate {
        let (inputs, models) = Engine.compile(study)
        let N = Double(n)
        var series = 0.0, entries = 0.0, analysis = 0.0
        for m in models {
            let T1 = Double(m.horizon + 1)
            // Plans also keep cost per category and period; every scenario the terminal value at two more rates.
            let perTrial = 3 * T1 + Double(m.segments.count) + 4 + Double(m.categories.count) + Double(m.risks.count)
                + Double(m.categories.count) * T1 + 2
            series += N * perTrial
            // Stage sums are per chunk of trials, not per trial.
            series += Double((n + Engine.chunkSize - 1) / Engine.chunkSize) * Double(Stage.allCases.count) * T1
            entries += Double(m.segments.map { CLVEntryPoint.of($0).count }.reduce(0, +))
            // Plans: benefit, cost, NPV, BCR, ROI, payback per trial; every scenario: one sorted
            // column copy at a time for quantiles.
            analysis += N * 7
        }
        return MemoryEstimate(inputDraws: N * Double(max(inputs.width, 1)) * 8,
                              scenarioSeries: series * 8,
                              clvSamples: Double(c) * entries * 8 * 2,
                              analysis: analysis * 8)
    }
}
