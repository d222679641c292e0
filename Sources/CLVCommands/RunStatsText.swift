import CLVEngine
import Foundation

/// `clvsim run --stats`: the work and time of each phase of a run.
enum RunStatsText {
    /// `load`: reading, merging and checking the study's files. `total`: from the start of loading
    /// until the outputs are rendered (every phase between them included).
    static func render(_ s: RunStats, load: Double, analysis: Double, sensitivity: Double, total: Double) -> String {
        let perTrial = s.trialScenarios > 0 ? s.populationSeconds / Double(s.trialScenarios) * 1e6 : 0
        let rate = s.clvSeconds > 0 ? Double(s.customerPeriods) / s.clvSeconds / 1e6 : 0
        return [
            String(format: "load: %.3f s (the study's files read, merged and checked)", load),
            String(format: "population: %@ trial-scenarios in %.3f s (%.1f µs each)",
                   Format.grouped(Double(s.trialScenarios), decimals: 0), s.populationSeconds, perTrial),
            String(format: "CLV: %@ customers, %@ customer-periods in %.3f s (%.1f M customer-periods/s)",
                   Format.grouped(Double(s.customers), decimals: 0), Format.grouped(Double(s.customerPeriods), decimals: 0),
                   s.clvSeconds, rate),
            String(format: "analysis: %.3f s; sensitivity (tornado, break-even, global): %.3f s", analysis, sensitivity),
            String(format: "total (load, run, analysis, outputs rendered): %.3f s", total),
            "binomial draws: \(Engine.binomialKernel) (the kernel variant this processor runs best; same results with any)",
        ].joined(separator: "\n")
    }
}
