public import CLVModel
import Foundation

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
    /// The sensitivity phase: global sensitivity copies, per plan in turn, the draws of every input
    /// and risk it ranks (inputs × trials), with per-core ranks and orders (a few × trials); the
    /// tornado holds one moved input vector and one expected path per core.
    public var sensitivity: Double = 0
    /// The program itself before any study (code, Swift runtime, Foundation, YAML trees): measured
    /// about 30–45 MB in debug and release builds.
    public static let program = 48.0 * 1024 * 1024

    /// Total in bytes.
    public var bytes: Double { Self.program + inputDraws + scenarioSeries + clvSamples + analysis + sensitivity }

    /// Bytes for `study` at `trials` and `clvSamples`. All storage is 8-byte doubles; per trial
    /// and scenario it is (T + 1) cash flows, (T + 1) customers, (T + 1) costs, one CE per segment,
    /// 4 scalars (CE, CE with terminal value, delay, effect scale), cost PV per category and one
    /// flag per risk (model.md 3; `ScenarioTrials`).
    /// `threads`: worker threads (default: every core), for the per-core working memory.
    public static func of(_ study: Study, trials n: Int, clvSamples c: Int,
                          threads: Int? = nil) -> MemoryEstimate {
        let (inputs, models) = Engine.compile(study)
        let N = Double(n)
        var series = 0.0, entries = 0.0, analysis = 0.0
        for m in models {
            let T1 = Double(m.horizon + 1)
            // Plans also keep cost per category and period; every scenario the terminal value at two more rates.
            let perTrial = 3 * T1 + Double(m.segments.count) + 4 + Double(m.categories.count) + Double(m.risks.count)
                + 3 * Double(m.responses.count)
                + Double(m.categories.count) * T1 + 2
            series += N * perTrial
            // Stage sums are per chunk of trials, not per trial.
            series += Double((n + Engine.chunkSize - 1) / Engine.chunkSize) * Double(Stage.allCases.count) * T1
            entries += Double(m.segments.map { CLVEntryPoint.of($0).count }.reduce(0, +))
            // Plans: benefit, cost, NPV, BCR, ROI, payback per trial; every scenario: one sorted
            // column copy at a time for quantiles.
            analysis += N * 7
        }
        let width = Double(max(inputs.width, 1)), cores = Double(max(threads ?? ProcessInfo.processInfo.activeProcessorCount, 1))
        var sensitivity = 0.0
        if models.count > 1 {
            let risks = Double(models.map(\.risks.count).max() ?? 0)
            sensitivity = (width + risks) * N * 8 + cores * 6 * N * 8
                + cores * 4 * (width + Double(models.map { $0.horizon + 1 }.max() ?? 1) * 16) * 8
        }
        return MemoryEstimate(inputDraws: N * width * 8,
                              scenarioSeries: series * 8,
                              clvSamples: Double(c) * entries * 8 * 2,
                              analysis: analysis * 8,
                              sensitivity: sensitivity)
    }
}
