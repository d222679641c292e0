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
    let risks: [CompiledRisk]
    let costs: [CompiledCost]
    /// Every mitigation and transfer, risk by risk (RiskPlan.swift).
    public let responses: [CompiledResponse]

    /// The input entries computed from parameters (as of this scenario's compilation): the
    /// expected-value path re-evaluates them in any vector of input values it is given.
    public let derived: [InputTable.Entry]
    /// The effect windows: the plan's ramp and the effects' own (model.md 3.1).
    public let windows: EffectWindows

    /// `rates`: annual rates to value the terminal value at besides the two alternates (the hurdle grid).
    public init(_ scenario: Scenario, isPlan: Bool, inputs: inout InputTable, rates: [Double] = []) {
        self.scenario = scenario
        inputs.enter(scenario)
        appliesLevers = isPlan || !scenario.effects.isEmpty || !scenario.costs.isEmpty || !scenario.risks.isEmpty
        horizon = scenario.horizon
        discount = scenario.discountFactor
        discountFactors = (0...scenario.horizon).map { pow(scenario.discountFactor, Double($0)) }
        alternateDiscounts = (ScenarioModel.alternateRates(scenario.discountRate) + rates).map {
            pow(1 + $0, -1 / Double(scenario.period.periodsPerYear))
        }
        stageOf = scenario.states.map(\.stage)
        let windows = EffectWindows(scenario)
        self.windows = windows
        owners = max(scenario.ownerRamps.count, 1)
        var segs: [SegmentModel] = []
        for g in scenario.segments { segs.append(SegmentModel(g, of: scenario, inputs: &inputs, windows: windows)) }
        segments = segs
        (categories, costs, risks, responses) = ScenarioModel.compileRisks(scenario, inputs: &inputs)
        derived = inputs.derivedEntries
    }

    /// The annual rates the terminal value is also valued at: r − 2 points and r + 2 points
    /// (the lower one kept above −100%).
    public static func alternateRates(_ r: Double) -> [Double] { [max(r - 0.02, -0.99), r + 0.02] }

    /// Effect weight w_t·s of window `window` in period t.
    @inline(__always)
    public func weight(window: Int, _ t: Int, delay: Double, scale: Double) -> Double {
        ScenarioModel.weight(windows.ramps[window], t, delay: delay, scale: scale)
    }

    /// Effect weight of window `window` in period t for the trial's plan: its owner's delay and scale.
    @inline(__always)
    public func weight(window: Int, _ t: Int, plan: TrialPlan) -> Double {
        let o = windows.owners[window]
        return ScenarioModel.weight(windows.ramps[window], t, delay: plan.delays[o], scale: plan.scales[o])
    }

    /// Effect weight w_t·s in period t of an effect window (model.md 3.1): 0 up to from + delay,
    /// 1 from to + delay through until + delay, linear between and over the fade; 1 without a
    /// window; times the effect scale.
    @inline(__always)
    public static func weight(_ ramp: Ramp?, _ t: Int, delay: Double, scale: Double) -> Double {
        guard let r = ramp else { return scale }
        return r.weight(t, delay: delay) * scale
    }

    /// Every window's weight in period t for the trial's plan, into `w` (`windows.count` values).
    /// A window's delay and scale are its owner's: the plan's, or in a portfolio the member plan's
    /// whose effects it holds (its own risks' delays and effect scales).
    @inline(__always)
    public func weights(_ t: Int, plan: TrialPlan, into w: UnsafeMutableBufferPointer<Double>) {
        for k in 0..<windows.count { w[k] = weight(window: k, t, plan: plan) }
    }
}

/// The effect windows of a scenario (model.md 3.1): window 0 is the plan's `ramp` (nil: full
/// effect in every period), and each distinct window written on an effect (`ramp:` on the
/// effect) is one more. Effects with equal windows share one.
public struct EffectWindows: Sendable {
    /// Each window's ramp, nil for "full effect throughout".
    public let ramps: [Ramp?]
    /// Each window's owner, whose risks' delay and effect scale move it (0: the plan).
    public let owners: [Int]
    /// The window of each of the scenario's effects, in the order listed.
    public let ofEffect: [Int]
    public var count: Int { ramps.count }

    /// A portfolio (`Scenario.ownerRamps`) gives each member's effects their member's ramp unless
    /// they carry their own, and each window its member as owner: windows are (ramp, owner) pairs.
    public init(_ scenario: Scenario) {
        var ramps: [Ramp?] = [scenario.ownerRamps.first ?? scenario.ramp]
        var owners = [0]
        var of: [Int] = []
        for e in scenario.effects {
            let planRamp = scenario.ownerRamps.isEmpty ? scenario.ramp : scenario.ownerRamps[e.owner]
            let r = e.ramp ?? planRamp
            if let k = ramps.indices.first(where: { ramps[$0] == r && owners[$0] == e.owner }) { of.append(k) } else {
                of.append(ramps.count)
                ramps.append(r)
                owners.append(e.owner)
            }
        }
        self.ramps = ramps
        self.owners = owners
        ofEffect = of
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
