public import CLVModel
import CLVNumerics

#if canImport(Glibc)
import Glibc
#endif

/// A scenario compiled for simulation: its segments, and for plans the costs, risks and ramp.
public struct ScenarioModel: Sendable {
    public let scenario: Scenario
    public let segments: [SegmentModel]
    public let horizon: Int
    /// Per-period discount factor d.
    public let discount: Double
    /// d^t for t = 0...T.
    public let discountFactors: [Double]
    /// Per-period discount factors at the annual rate − 2 and + 2 points, then at the study's
    /// `decision.hurdle_rates` grid (if any): the terminal value is also valued at these so that
    /// NPV at other rates can be recomputed from the stored cash flows without a rerun.
    public let alternateDiscounts: [Double]
    public let stageOf: [Stage]
    /// Whether the scenario's costs, risks, effects and ramp are simulated: always for a plan,
    /// and for a scenario run on its own that has them (a plan file given to `clvsim run`
    /// alone is the world with that plan in place, with nothing to compare it to).
    public let appliesLevers: Bool
    /// Cost categories in first-seen order.
    public let categories: [String]

    /// Plans whose effects are weighed separately: a portfolio's members (model.md, "Portfolios"); 1 otherwise.
    public let owners: Int
    /// Each owner's ramp (a plain scenario: its one ramp).
    let ramps: [Ramp?]

    struct CompiledRisk: Sendable {
        /// The plan (owner) whose effects and costs the risk acts on.
        var owner = 0
        let probability: Int, occurs: Int
        let delay: Int?, overrun: Int?, scale: Int?
        /// Category indices the overrun applies to; nil for all.
        let categories: Set<Int>?
    }
    struct CompiledCost: Sendable {
        let amount: Int, category: Int
        let schedule: CostSchedule
        var owner = 0
    }
    let risks: [CompiledRisk]
    let costs: [CompiledCost]

    /// `rates`: annual rates to value the terminal value at besides the two alternates (the hurdle grid).
    public init(_ scenario: Scenario, isPlan: Bool, inputs: inout InputTable, rates: [Double] = []) {
        self.scenario = scenario
        appliesLevers = isPlan || !scenario.effects.isEmpty || !scenario.costs.isEmpty || !scenario.risks.isEmpty
        horizon = scenario.horizon
        discount = scenario.discountFactor
        discountFactors = (0...scenario.horizon).map { pow(scenario.discountFactor, Double($0)) }
        alternateDiscounts = (ScenarioModel.alternateRates(scenario.discountRate) + rates).map {
            pow(1 + $0, -1 / Double(scenario.period.periodsPerYear))
        }
        stageOf = scenario.states.map(\.stage)
        owners = max(scenario.ownerRamps.count, 1)
        ramps = scenario.ownerRamps.isEmpty ? [scenario.ramp] : scenario.ownerRamps
        var segs: [SegmentModel] = []
        for g in scenario.segments { segs.append(SegmentModel(g, of: scenario, inputs: &inputs)) }
        segments = segs
        var cats: [String] = []
        for c in scenario.costs where !cats.contains(c.category) { cats.append(c.category) }
        for r in scenario.risks { for c in r.categories ?? [] where !cats.contains(c) { cats.append(c) } }
        categories = cats
        var cs: [CompiledCost] = []
        for c in scenario.costs {
            cs.append(CompiledCost(amount: inputs.slot(of: c.amount), category: cats.firstIndex(of: c.category)!,
                                   schedule: c.schedule, owner: c.owner))
        }
        costs = cs
        var rs: [CompiledRisk] = []
        for r in scenario.risks {
            rs.append(CompiledRisk(
                owner: r.owner, probability: inputs.slot(of: r.probability), occurs: inputs.occurrenceSlot(path: r.occursPath),
                delay: r.delay.map { inputs.slot(of: $0) }, overrun: r.costOverrun.map { inputs.slot(of: $0) },
                scale: r.effectScale.map { inputs.slot(of: $0) },
                categories: r.categories.map { Set($0.compactMap { cats.firstIndex(of: $0) }) }))
        }
        risks = rs
    }

    /// A plan's circumstances in one trial: which risks occurred, the delay and effect scale
    /// they imply, and the plan's cost per period (overruns included).
    public struct TrialPlan {
        /// Per owner: periods added to its ramp, and the fraction of its effects that materialises.
        public var delays = [0.0]
        public var scales = [1.0]
        /// A portfolio's effect weight of each owner per period, [t × owners + k] for t = 0...T, and
        /// at full effect (row T + 1: each owner's scale); empty for a plain scenario.
        public var ownerWeights: [Double] = []
        /// A portfolio's scalar stand-in for row t of `ownerWeights` (`ScenarioModel.weight(_:plan:)`).
        var weightKeys: [Double] = []
        /// The first owner's delay and scale (a plain scenario's only ones).
        public var delay: Double { get { delays[0] } set { delays[0] = newValue } }
        public var scale: Double { get { scales[0] } set { scales[0] = newValue } }
        public var occurred: [Bool]
        /// Cost in periods 0...T.
        public var cost: [Double]
        /// Present value of the cost per category.
        public var costPVByCategory: [Double]
        /// Cost per category and period (undiscounted, overruns included), [category × (T + 1) + t].
        public var costByCategoryPeriod: [Double] = []
    }

    /// Risks and costs of one trial from its input draws.
    public func trialPlan(_ draws: UnsafeBufferPointer<Double>, into tp: inout TrialPlan) {
        for j in 0..<owners { tp.delays[j] = 0; tp.scales[j] = 1 }
        // Overrun factor per owner and category, [owner × categories + category].
        var overrun = [Double](repeating: 1, count: owners * categories.count)
        for (k, r) in risks.enumerated() {
            let hit = draws[r.occurs] < draws[r.probability]
            tp.occurred[k] = hit
            guard hit else { continue }
            if let d = r.delay { tp.delays[r.owner] += draws[d] }
            if let s = r.scale { tp.scales[r.owner] *= draws[s] }
            if let o = r.overrun {
                for c in 0..<categories.count where r.categories?.contains(c) ?? true {
                    overrun[r.owner * categories.count + c] *= 1 + draws[o]
                }
            }
        }
        if owners > 1 { ownerWeights(into: &tp) }
        for t in 0...horizon { tp.cost[t] = 0 }
        for c in 0..<categories.count { tp.costPVByCategory[c] = 0 }
        for j in tp.costByCategoryPeriod.indices { tp.costByCategoryPeriod[j] = 0 }
        for c in costs {
            let f = overrun[c.owner * categories.count + c.category], a = draws[c.amount]
            let (t0, t1, per): (Int, Int, Double)
            switch c.schedule {
            case .at(let t): (t0, t1, per) = (t, t, a)
            case .spread(let f, let t): (t0, t1, per) = (f, t, a / Double(t - f + 1))
            case .perPeriod(let f, let t): (t0, t1, per) = (f, t, a)
            }
            guard t1 >= 0, t0 <= horizon, t1 >= t0 else { continue }
            for t in max(t0, 0)...min(t1, horizon) {
                tp.cost[t] += per * f
                tp.costPVByCategory[c.category] += per * f * discountFactors[t]
                tp.costByCategoryPeriod[c.category * (horizon + 1) + t] += per * f
            }
        }
    }

    /// The annual rates the terminal value is also valued at: r − 2 points and r + 2 points
    /// (the lower one kept above −100%).
    public static func alternateRates(_ r: Double) -> [Double] { [max(r - 0.02, -0.99), r + 0.02] }

    public func newTrialPlan() -> TrialPlan {
        TrialPlan(delays: [Double](repeating: 0, count: owners), scales: [Double](repeating: 1, count: owners),
                  ownerWeights: owners > 1 ? [Double](repeating: 0, count: (horizon + 2) * owners) : [],
                  weightKeys: owners > 1 ? [Double](repeating: 0, count: horizon + 2) : [],
                  occurred: [Bool](repeating: false, count: risks.count),
                  cost: [Double](repeating: 0, count: horizon + 1),
                  costPVByCategory: [Double](repeating: 0, count: categories.count),
                  costByCategoryPeriod: [Double](repeating: 0, count: categories.count * (horizon + 1)))
    }

    /// Effect weight w_t·s in period t (model.md 3.1): 0 up to ramp.from + delay, 1 from
    /// ramp.to + delay, linear between; 1 without a ramp; times the effect scale.
    @inline(__always)
    public func weight(_ t: Int, delay: Double, scale: Double) -> Double {
        Self.weight(t, ramp: scenario.ramp, delay: delay, scale: scale)
    }

    @inline(__always)
    static func weight(_ t: Int, ramp: Ramp?, delay: Double, scale: Double) -> Double {
        guard let r = ramp else { return scale }
        let a = r.from + delay, b = r.to + delay, x = Double(t)
        let w = x >= b ? 1 : x <= a ? 0 : (x - a) / (b - a)
        return w * scale
    }

    /// The effect weight of period t (t = T + 1: full effect at the trial's scales) as one number.
    /// A plain scenario: w_t·s itself. A portfolio (each owner k weighs w_kt·s_k, `ownerWeights`):
    /// 0 when every owner's weight is 0, else a key that stays the same over consecutive periods
    /// with the same weights (1 + the first such period); `SegmentParameters.blend` reads it back.
    @inline(__always)
    public func weight(_ t: Int, plan: TrialPlan) -> Double {
        owners == 1 ? weight(t, delay: plan.delays[0], scale: plan.scales[0]) : plan.weightKeys[t]
    }

    /// Full effect at the trial's scales (the CLV distributions' weight).
    public func fullWeight(_ plan: TrialPlan) -> Double { owners == 1 ? plan.scales[0] : plan.weightKeys[horizon + 1] }

    /// A portfolio's per-owner weights of every period and their keys.
    private func ownerWeights(into tp: inout TrialPlan) {
        let K = owners
        for t in 0...(horizon + 1) {
            var zero = true
            for k in 0..<K {
                let w = t > horizon ? tp.scales[k] : Self.weight(t, ramp: ramps[k], delay: tp.delays[k], scale: tp.scales[k])
                tp.ownerWeights[t * K + k] = w
                if w != 0 { zero = false }
            }
            let same = t > 0 && t <= horizon && (0..<K).allSatisfy { tp.ownerWeights[t * K + $0] == tp.ownerWeights[(t - 1) * K + $0] }
            tp.weightKeys[t] = zero ? 0 : same ? tp.weightKeys[t - 1] : Double(t + 1)
        }
    }
}

/// Pfeifer–Carraway expected value from each state: x = (I − dP)^{-1} v, for a row-major
/// S×S transition matrix.
///
/// An absorbing state without value (a churn state: P_ii = 1, v_i = 0) is worth 0 and is left out
/// of the solve: at d = 1 (the default discount rate 0) it would otherwise make I − dP singular
/// although every live customer's value is finite. Nil when the remaining system is singular
/// (d = 1 with live states that never churn: their value is infinite).
public func clvVector(_ P: [Double], _ v: [Double], discount d: Double) -> [Double]? {
    let S = v.count
    let w = LinearSolve.Workspace(capacity: S)
    var x = [Double](repeating: 0, count: S)
    let ok = P.withUnsafeBufferPointer { p in
        v.withUnsafeBufferPointer { vv in
            x.withUnsafeMutableBufferPointer { clvVector(p, vv, discount: d, workspace: w, into: $0) }
        }
    }
    return ok ? x : nil
}

/// `clvVector` into `x` (S values), with a reusable workspace: no allocation. False when the
/// system is singular.
func clvVector(_ P: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>, discount d: Double,
               workspace w: LinearSolve.Workspace, into x: UnsafeMutableBufferPointer<Double>) -> Bool {
    let S = v.count
    // Live states: all but absorbing ones worth nothing (churn), in order.
    var n = 0
    for i in 0..<S where !(P[i * S + i] == 1 && v[i] == 0) { n += 1 }
    for i in 0..<S { x[i] = 0 }
    if n == 0 { return true }
    var r = 0
    for i in 0..<S where !(P[i * S + i] == 1 && v[i] == 0) {
        var c = 0
        for j in 0..<S where !(P[j * S + j] == 1 && v[j] == 0) {
            w.a[r * n + c] = (i == j ? 1 : 0) - d * P[i * S + j]
            c += 1
        }
        w.b[r] = v[i]
        r += 1
    }
    guard w.solve(n: n) else { return false }
    r = 0
    for i in 0..<S where !(P[i * S + i] == 1 && v[i] == 0) {
        x[i] = w.x[r]
        r += 1
    }
    return true
}
