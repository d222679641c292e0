import Foundation
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel

/// A one-period study whose expected NPV is known by hand.
///
/// 1,000 active customers, churn p = 0.2 a year, revenue r a year, no discounting, horizon 1,
/// no terminal value: E[CE_baseline] = 1000·(1 − p)·r. The plan changes churn by c (relative):
/// E[CE_plan] = 1000·(1 − p(1 + c))·r, so E[NPV] = −1000·p·c·r − K = −200·c·r − K.
/// With r = 100 (mean of uniform(80, 120)) and K = 2000: E[NPV] = −20000·c − 2000, zero at
/// c = −0.1; at the mean c = −0.2 it is 2000.
enum Tiny {
    static func baseline(revenue: String = "uniform(80, 120)", extra: String = "") -> String {
        """
        schema: clvsim/1
        name: Tiny baseline
        period: year
        horizon: 1
        states: { active: { stage: retention }, churned: { stage: churn } }
        segments:
          s:
            initial: { active: 1000 }
            transitions: { active: { churned: 0.2 } }
            value: { active: { revenue: "\(revenue)" } }
        \(extra)
        """
    }

    static func plan(change: String = "pert(-0.3, -0.2, -0.1)", cost: Double = 2000, more: String = "") -> String {
        """
        schema: clvsim/1
        name: Tiny plan
        extends: baseline.yaml
        costs:
          - { category: technology, amount: \(cost), at: 0 }
        effects:
          - target: transitions.active.churned
            relative: "\(change)"
        \(more)
        """
    }

    static let study = """
        schema: clvsim/1
        study: Tiny
        baseline: baseline.yaml
        plans: [plan.yaml]
        """

    /// Loads the tiny study from the given files (defaults: baseline, plan and study above).
    static func load(_ overrides: [String: String] = [:]) throws -> Study {
        var files = ["baseline.yaml": baseline(), "plan.yaml": plan(), "study.yaml": study]
        for (k, v) in overrides { files[k] = v }
        let t = try TempStudy(files)
        defer { t.remove() }
        return try t.load("study.yaml")
    }
}
