import Testing
@testable import CLVEngine
import CLVModel

/// A plan file run on its own is the world with that plan in place: its effects and ramp
/// apply, although there is no baseline to compare it with.
@Suite("A plan run on its own")
struct LonePlanTests {
    @Test("applies its effects: the lone plan's expected path equals the plan's path in the study")
    func lonePlanAppliesEffects() throws {
        let study = try Loader.loadStudy(path: "\(packageRoot)/scenarios/retail-bank/study.yaml")
        let lone = try Loader.loadStudy(path: "\(packageRoot)/scenarios/retail-bank/plan-a-data-platform.yaml")
        let inStudy = try run(study, trials: 20, clvSamples: 10)
        let alone = try run(lone, trials: 20, clvSamples: 10)
        // The expected-value path is deterministic, so the two agree to the last bit...
        #expect(alone.expected[0].customerEquity == inStudy.expected[1].customerEquity)
        // ...and differ from the baseline's by the plan's effect (Plan A raises equity).
        #expect(alone.expected[0].customerEquity > inStudy.expected[0].customerEquity + 1_000_000)
    }
}
