public import CLVModel

/// The exact expectation at fixed parameters (model.md 3.5): every input at its mean, no
/// risks, plans following their ramp with no delay and full effect scale.
/// `m_t = m_{t−1} P_t + λ_t`, `E[CF_t] = m_t·v_t − λ_t·cac_t`, terminal value as in 3.4.
public struct ExpectedPath: Sendable {
    /// Expected customer equity, horizon only and with terminal value.
    public var customerEquity = 0.0
    public var customerEquityTerminal = 0.0
    /// Expected customers in non-churn states, t = 0...T.
    public var customers: [Double]
    /// Expected cash flow, t = 0...T (CF_0 = 0).
    public var cashFlow: [Double]
    /// Expected customers by stage, t = 0...T.
    public var byStage: [Stage: [Double]]
    /// Present value of the plan's costs at mean inputs without overruns (0 for a baseline).
    public var costPV = 0.0
    /// Per segment: Pfeifer–Carraway E[CLV] per entry state, at full effect (model.md 3.3).
    public var clv: [[Double]]

    /// Computes the path of `model` from the mean world `means` of the study's input table (or any
    /// other vector of input values: at one trial's draws it is that trial's exact expectation).
    /// `closedFormCLV: false` skips the per-entry closed forms (`clv` is then empty).
    public init(_ model: ScenarioModel, means: [Double], entries: [[CLVEntryPoint]], closedFormCLV: Bool = true) {
        var means = means
        // Numbers computed from parameters follow the parameters' values in `means` (a moved
        // input of the tornado, say); in a consistent vector this changes nothing.
        if !model.derived.isEmpty { means.withUnsafeMutableBufferPointer { InputTable.settle(model.derived, $0) } }
        let T = model.horizon, d = model.discountFactors
        customers = [Double](repeating: 0, count: T + 1)
        cashFlow = customers
        byStage = [:]
        clv = []
        // Stage sums by stage index (a dictionary lookup per state and period hashed the stage
        // each time: the tornado and break-even evaluate this path hundreds of times).
        let stages = Stage.allCases
        let stageIndex = model.stageOf.map { stages.firstIndex(of: $0)! }
        var stageSums = [[Double]](repeating: [Double](repeating: 0, count: T + 1), count: stages.count)
        var plan = model.newTrialPlan()
        means.withUnsafeBufferPointer { draws in
            if model.appliesLevers {
                model.trialPlan(draws, into: &plan)
                costPV = (0...T).reduce(0) { $0 + plan.cost[$1] * d[$1] }
            }
            var tv = 0.0
            let parameters = SegmentParameters(for: model)
            for (g, m) in model.segments.enumerated() {
                let S = m.stateCount
                let pp = PeriodParameters(states: S, moves: m.moveTo.count)
                parameters.load(m, draws, levers: true)
                let varies = model.appliesLevers && !m.varying.isEmpty
                func accumulate(_ mt: [Double], at t: Int) {
                    for s in 0..<S {
                        let x = mt[s]
                        stageSums[stageIndex[s]][t] += x
                        if model.stageOf[s] != .churn { customers[t] += x }
                    }
                }
                // At means: no delay, scale 1. Period 0 gives the initial stocks; later periods are
                // derived again only when a window's weight or a series value changed, or with trends.
                parameters.blend(m, model, 0, plan: plan, varies: varies)
                var mt = (0..<S).map { s -> Double in
                    let x = parameters.current[m.layout.initial(s)].rounded()
                    return x.isFinite && x > 0 ? min(x, 1e15) : 0
                }
                accumulate(mt, at: 0)
                parameters.invalidate()
                var P = [Double](repeating: 0, count: S * S)
                var next = [Double](repeating: 0, count: S)
                for t in 1...T {
                    if parameters.prepare(m, model, t, plan: plan, varies: varies) {
                        parameters.derive(m, into: pp, period: t)
                        P.withUnsafeMutableBufferPointer { pp.dense(m, into: $0) }
                    }
                    for j in 0..<S { next[j] = 0 }
                    for i in 0..<S where mt[i] != 0 { for j in 0..<S { next[j] += mt[i] * P[i * S + j] } }
                    var cf = mt.withUnsafeBufferPointer { pp.expectedMoveValue(m, $0) }
                    for s in 0..<S {
                        next[s] += pp.arrivals[s]
                        cf += next[s] * (pp.revenue[s] - pp.cost[s]) - pp.arrivals[s] * pp.acquisitionCost
                    }
                    swap(&mt, &next)
                    cashFlow[t] += cf
                    customerEquity += d[t] * cf
                    accumulate(mt, at: t)
                }
                let v = pp.netValue()
                if let x = clvVector(pp.dense(m), pp.lifetimeValue(m, discount: model.discount), discount: model.discount) {
                    for s in 0..<S { tv += d[T] * mt[s] * (x[s] - v[s]) }
                } else { tv = .nan }
                // Closed-form CLV per entry point, at full effect.
                guard closedFormCLV else { continue }
                pp.derive(m, parameters.blend(m, weight: model.appliesLevers ? 1 : 0))
                let xs = clvVector(pp.dense(m), pp.lifetimeValue(m, discount: model.discount), discount: model.discount)
                clv.append(entries[g].map { e in
                    guard let xs else { return .nan }
                    return xs[e.state] - (e.paysAcquisition ? pp.acquisitionCost : 0)
                })
            }
            customerEquityTerminal = customerEquity + tv
        }
        byStage = Dictionary(uniqueKeysWithValues: zip(stages, stageSums))
    }
}
