import CLVEngine
public import CLVModel
import CLVNumerics
import Foundation

/// Break-even of each effect of each plan: the smallest change, of the same sign as the effect's
/// mean, at which the plan's expected NPV (everything else at its mean) reaches 0.
///
/// Solved on the expected-value path by GSL's Brent solver, after a scan of 200 equal steps from
/// 0 to the effect's physical bound finds the first sign change (so the root is the smallest one):
/// relative changes down to −1 (−100%) or up to +10 (+1000%); absolute changes of a transition
/// probability within [−1, 1]; other absolute changes within 100 times the assumed change.
/// `set` effects and effects whose mean is 0 have no direction to search.
public struct BreakEven: Sendable {
    public enum Status: String, Sendable {
        /// The plan breaks even at `value`.
        case reached
        /// NPV ≥ 0 even without this effect.
        case notNeeded = "not_needed"
        /// NPV stays below 0 up to the bound.
        case notReachable = "not_reachable"
        /// A `set` effect, or a mean change of 0.
        case notApplicable = "not_applicable"
    }

    public struct Item: Sendable {
        public var input: String
        public var target: String
        public var segments: [String]?
        public var change: EffectChange
        /// The effect's mean, as the plan assumes it.
        public var assumed: Double
        /// The break-even change (nil unless `reached`; 0 when `notNeeded`).
        public var value: Double?
        public var status: Status
        /// The end of the search interval.
        public var bound: Double?
        /// Expected NPV without this effect (change 0) and with it at its mean.
        public var npvWithout: Double, npvAssumed: Double

        /// "transitions.*.churned (relative) must reach at least −4.3% for NPV ≥ 0; the plan assumes −10.0%".
        public var sentence: String {
            let what = target + (segments.map { " [\($0.joined(separator: ", "))]" } ?? "") + " (\(change.rawValue))"
            let assumedText = BreakEven.format(assumed, change)
            switch status {
            case .reached:
                return "\(what) must reach at least \(BreakEven.format(value!, change)) for NPV ≥ 0; the plan assumes \(assumedText)"
            case .notNeeded:
                return "\(what): NPV ≥ 0 even without this effect; the plan assumes \(assumedText)"
            case .notReachable:
                return "\(what): not reachable — NPV stays below 0 up to \(BreakEven.format(bound ?? .nan, change)); the plan assumes \(assumedText)"
            case .notApplicable:
                return "\(what): no break-even (a 'set' effect or no direction); the plan assumes \(assumedText)"
            }
        }
    }

    public struct Plan: Sendable {
        public var name: String
        public var items: [Item]
    }

    public let plans: [Plan]

    public init(_ a: AnalyticModel) {
        let baseMean = a.equity(0, a.means).ce
        plans = a.planIndices.map { k in
            let sc = a.study.scenarios[k]
            // Each effect's root is found independently: one per core.
            return Plan(name: sc.name, items: sc.effects.parallelMap { Self.solve(a, plan: k, $0, baseMean: baseMean) })
        }
    }

    static func solve(_ a: AnalyticModel, plan k: Int, _ effect: Effect, baseMean: Double) -> Item {
        let d = effect.amount.distribution
        let mean = d.mean
        let slots = a.entries(at: effect.amount.path).filter {
            if case .scalar(let e) = $0.kind { return e == d } else { return false }
        }.map(\.slot)
        func npv(_ c: Double) -> Double {
            var x = a.means
            for s in slots { x[s] = c }
            return a.npv(plan: k, x)
        }
        let centre = a.npv(plan: k, a.means, baselineEquity: baseMean)
        var item = Item(input: effect.amount.path, target: effect.targetText, segments: effect.segments,
                        change: effect.change, assumed: mean, value: nil, status: .notApplicable, bound: nil,
                        npvWithout: centre, npvAssumed: centre)
        guard effect.change != .set, mean != 0, !slots.isEmpty else { return item }
        let sign: Double = mean < 0 ? -1 : 1
        let bound: Double
        switch (effect.change, effect.target) {
        case (.relative, _): bound = sign < 0 ? -1 : 10
        case (.absolute, .transition): bound = sign
        default: bound = sign * 100 * abs(mean)
        }
        item.bound = bound
        let f0 = npv(0)
        item.npvWithout = f0
        if f0 >= 0 {
            item.status = .notNeeded
            item.value = 0
            return item
        }
        let steps = 200
        var previous = 0.0
        for j in 1...steps {
            let x = bound * Double(j) / Double(steps)
            let f = npv(x)
            if f >= 0 {
                if let root = RootFinding.brent(in: previous, x, npv) {
                    item.status = .reached
                    item.value = root
                } else {
                    item.status = .reached
                    item.value = x
                }
                return item
            }
            previous = x
        }
        item.status = .notReachable
        return item
    }

    /// A change as people read it: relative as a signed percentage, absolute as a signed number.
    public static func format(_ x: Double, _ change: EffectChange) -> String {
        guard x.isFinite else { return "–" }
        let s: String
        switch change {
        case .relative: s = String(format: "%+.1f%%", x * 100)
        case .absolute, .set: s = String(format: abs(x) < 10 ? "%+.4g" : "%+.0f", x)
        }
        return s.replacingOccurrences(of: "-", with: "−")
    }
}
