import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// The Saltelli design on the known-answer study of `WhatIfRunTests`: Plan A's NPV is driven by
/// its churn change; the dormant customers touch no plan.
@Suite("Sobol indices by a Saltelli design")
struct SaltelliSobolTests {
    @Test("the dominant input carries nearly all of the variance; an input that touches no plan has S = ST = 0 exactly")
    func knownAnswer() throws {
        let study = try Known.load()
        let s = try SaltelliSobol(study, options: RunOptions(trials: 1, seed: 7, clvSamples: 1, threads: 2), n: 2_000)
        // Uncertain inputs: dormant count, revenue, Plan A's churn change, Plan B's revenue change → 4 + 2 runs.
        #expect(s.runs == 6)
        let a = try #require(s.plans.first)
        func item(_ path: String) throws -> SaltelliSobol.Item { try #require(a.items.first { $0.input == path }) }
        let churn = try item("effects.transitions.active.churned.relative")
        // The churn change explains ≈ 99.9% of Plan A's NPV variance (sd 0.76M against 0.02M from
        // revenue); the estimators' standard error at N = 2000 is about 0.03, so 0.9 is > 3 SE away.
        #expect(a.items.first?.input == churn.input)
        #expect(churn.firstOrder > 0.9)
        #expect(churn.total > 0.9)
        // Dormant customers cancel in every plan-minus-baseline difference: f_AB = f_A bit for bit.
        let dormant = try item("segments.s.initial.dormant")
        #expect(dormant.total == 0)
        #expect(dormant.firstOrder == 0)
        // Plan B's change does not exist in Plan A's world.
        let other = try item("effects.value.active.revenue.relative")
        #expect(other.total == 0)
    }

    @Test("the same design gives the same indices on 1 and 2 threads")
    func threadInvariant() throws {
        let study = try Known.load()
        let one = try SaltelliSobol(study, options: RunOptions(trials: 1, seed: 3, clvSamples: 1, threads: 1), n: 300)
        let two = try SaltelliSobol(study, options: RunOptions(trials: 1, seed: 3, clvSamples: 1, threads: 2), n: 300)
        #expect(try JSONEncoding.encode(SobolResult(one)).rendered() == JSONEncoding.encode(SobolResult(two)).rendered())
    }
}
