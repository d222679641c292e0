public import CLVModel

/// Risks, their responses and costs, compiled once against the input table, and the plan's
/// circumstances in one trial (`trialPlan`).
extension ScenarioModel {
    /// A risk's consequence with its input slot (`RiskConsequence`, one case per kind).
    enum CompiledConsequence: Sendable {
        case delay(Int)
        /// Category indices the overrun applies to; nil for all.
        case overrun(Int, categories: Set<Int>?)
        case scale(Int)

        init(_ c: RiskConsequence, categories cats: [String], inputs: inout InputTable) {
            switch c {
            case .delay(let u): self = .delay(inputs.slot(of: u))
            case .costOverrun(let u, let names):
                self = .overrun(inputs.slot(of: u), categories: names.map { Set($0.compactMap { cats.firstIndex(of: $0) }) })
            case .effectScale(let u): self = .scale(inputs.slot(of: u))
            }
        }
    }

    struct CompiledRisk: Sendable {
        /// The plan (a portfolio's member; 0 otherwise) whose effects and costs the risk acts on.
        let owner: Int
        let probability: Int, occurs: Int
        let consequences: [CompiledConsequence]
        /// Mitigation: the probability with it and the share of the impact left (slots), and its
        /// response index; transfer: the cap's slot and its response index.
        let mitigation: (probability: Int?, scale: Int?, response: Int)?
        let transfer: (cap: Int, response: Int)?
    }

    struct CompiledCost: Sendable {
        let amount: Int, category: Int
        let schedule: CostSchedule
        /// The response this cost pays for (a mitigation's cost, a transfer's premium): never
        /// raised by an overrun, and left out of the plan without that response.
        let response: Int?
        /// The plan (a portfolio's member; 0 otherwise) the cost belongs to: only its risks overrun it.
        let owner: Int
    }

    /// One response of one risk: the engine also simulates the plan without it (`TrialSimulator`).
    public struct CompiledResponse: Sendable {
        public let risk: Int
        public let kind: RiskResponseKind
    }

    /// Compiles the costs (response costs last), the risks and the response list.
    static func compileRisks(_ scenario: Scenario, inputs: inout InputTable)
        -> (categories: [String], costs: [CompiledCost], risks: [CompiledRisk], responses: [CompiledResponse]) {
        var cats: [String] = []
        for c in scenario.costs where !cats.contains(c.category) { cats.append(c.category) }
        for r in scenario.risks { for c in r.categories ?? [] where !cats.contains(c) { cats.append(c) } }
        var responses: [CompiledResponse] = []
        for (k, r) in scenario.risks.enumerated() {
            for kind in r.responses {
                responses.append(CompiledResponse(risk: k, kind: kind))
                if !cats.contains(kind.costCategory) { cats.append(kind.costCategory) }
            }
        }
        var cs: [CompiledCost] = []
        for c in scenario.costs {
            cs.append(CompiledCost(amount: inputs.slot(of: c.amount), category: cats.firstIndex(of: c.category) ?? 0,
                                   schedule: c.schedule, response: nil, owner: c.owner))
        }
        var rs: [CompiledRisk] = []
        for (k, r) in scenario.risks.enumerated() {
            let probability = inputs.slot(of: r.probability), occurs = inputs.occurrenceSlot(path: r.occursPath)
            let consequences = r.consequences.map { CompiledConsequence($0, categories: cats, inputs: &inputs) }
            func response(_ kind: RiskResponseKind) -> Int { responses.firstIndex { $0.risk == k && $0.kind == kind } ?? 0 }
            var mitigation: (Int?, Int?, Int)? = nil, transfer: (Int, Int)? = nil
            if let m = r.mitigation {
                let j = response(.mitigation)
                cs.append(CompiledCost(amount: inputs.slot(of: m.cost), category: cats.firstIndex(of: RiskResponseKind.mitigation.costCategory) ?? 0,
                                       schedule: .at(m.at), response: j, owner: r.owner))
                mitigation = (m.probability.map { inputs.slot(of: $0) }, m.scale.map { inputs.slot(of: $0) }, j)
            }
            if let t = r.transfer {
                let j = response(.transfer)
                cs.append(CompiledCost(amount: inputs.slot(of: t.premium), category: cats.firstIndex(of: RiskResponseKind.transfer.costCategory) ?? 0,
                                       schedule: .at(t.at), response: j, owner: r.owner))
                transfer = (inputs.slot(of: t.cap), j)
            }
            rs.append(CompiledRisk(owner: r.owner, probability: probability, occurs: occurs, consequences: consequences,
                                   mitigation: mitigation, transfer: transfer))
        }
        return (cats, cs, rs, responses)
    }

    /// A plan's circumstances in one trial: which risks occurred, the delay and effect scale
    /// they imply, and the plan's cost per period (overruns included).
    public struct TrialPlan {
        /// Per owner (a portfolio's member plans; one otherwise): periods added to its effect windows,
        /// and the share of its effects that materialises.
        public var delays = [0.0]
        public var scales = [1.0]
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

    /// Present value of response j's own cost (the mitigation's cost, the transfer's premium) at one
    /// trial's input draws.
    public func responseCostPV(_ j: Int, draws: UnsafeBufferPointer<Double>) -> Double {
        var pv = 0.0
        for c in costs where c.response == j {
            guard let (range, per) = periods(c, draws[c.amount]) else { continue }
            for t in range { pv += per * discountFactors[t] }
        }
        return pv
    }

    public func newTrialPlan() -> TrialPlan {
        TrialPlan(delays: [Double](repeating: 0, count: owners), scales: [Double](repeating: 1, count: owners),
                  occurred: [Bool](repeating: false, count: risks.count),
                  cost: [Double](repeating: 0, count: horizon + 1),
                  costPVByCategory: [Double](repeating: 0, count: categories.count),
                  costByCategoryPeriod: [Double](repeating: 0, count: categories.count * (horizon + 1)))
    }

    /// The periods and amount per period of a cost item, clipped to the horizon (nil when none fall in it).
    @inline(__always)
    func periods(_ c: CompiledCost, _ a: Double) -> (ClosedRange<Int>, Double)? {
        let (t0, t1, per): (Int, Int, Double)
        switch c.schedule {
        case .at(let t): (t0, t1, per) = (t, t, a)
        case .spread(let f, let t): (t0, t1, per) = (f, t, a / Double(t - f + 1))
        case .perPeriod(let f, let t): (t0, t1, per) = (f, t, a)
        }
        guard t1 >= 0, t0 <= horizon, t1 >= t0 else { return nil }
        return (max(t0, 0)...min(t1, horizon), per)
    }

    /// Risks and costs of one trial from its input draws; `without` names a response (an index of
    /// `responses`) to leave out: the plan as it would be without that mitigation or transfer, under
    /// the same draws (model.md, risk responses).
    public func trialPlan(_ draws: UnsafeBufferPointer<Double>, into tp: inout TrialPlan, without: Int? = nil) {
        for o in 0..<owners { tp.delays[o] = 0; tp.scales[o] = 1 }
        // Overrun factor per owner and category, [owner × categories + category].
        let C = categories.count
        var overrun = [Double](repeating: 1, count: owners * C)
        // Occurred overruns under a transfer that is in place: (risk, overrun, categories, cap).
        var capped: [(k: Int, x: Double, categories: Set<Int>?, cap: Double)] = []
        for (k, r) in risks.enumerated() {
            let m = r.mitigation.flatMap { $0.response == without ? nil : $0 }
            let hit = draws[r.occurs] < draws[m?.probability ?? r.probability]
            tp.occurred[k] = hit
            guard hit else { continue }
            let cut = m?.scale.map { draws[$0] }
            for c in r.consequences {
                switch c {
                case .delay(let d): tp.delays[r.owner] += cut.map { draws[d] * $0 } ?? draws[d]
                case .scale(let s): tp.scales[r.owner] *= cut.map { 1 - (1 - draws[s]) * $0 } ?? draws[s]
                case .overrun(let o, let cats):
                    let x = cut.map { draws[o] * $0 } ?? draws[o]
                    if let t = r.transfer, t.response != without {
                        capped.append((k, x, cats, draws[t.cap]))
                    } else {
                        for c in 0..<C where cats?.contains(c) ?? true { overrun[r.owner * C + c] *= 1 + x }
                    }
                }
            }
        }
        if !capped.isEmpty { applyCaps(capped, draws, &overrun) }
        for t in 0...horizon { tp.cost[t] = 0 }
        for c in 0..<categories.count { tp.costPVByCategory[c] = 0 }
        for j in tp.costByCategoryPeriod.indices { tp.costByCategoryPeriod[j] = 0 }
        for c in costs {
            if let j = c.response, j == without { continue }
            let f = c.response == nil ? overrun[c.owner * C + c.category] : 1, a = draws[c.amount]
            guard let (range, per) = periods(c, a) else { continue }
            for t in range {
                tp.cost[t] += per * f
                tp.costPVByCategory[c.category] += per * f * discountFactors[t]
                tp.costByCategoryPeriod[c.category * (horizon + 1) + t] += per * f
            }
        }
    }

    /// Transfers: each transferred overrun x_k adds A_k = x_k Σ_{c} B_c F_c^{−k} to the cost, where
    /// B_c is the category's cost before overruns (within the horizon, undiscounted) and F_c^{−k}
    /// the product of every other overrun factor on it; the plan bears min(A_k, cap_k), so its factor
    /// becomes 1 + x_k·min(1, cap_k / A_k) (the cap shares the recovery over the overrun's periods).
    private func applyCaps(_ capped: [(k: Int, x: Double, categories: Set<Int>?, cap: Double)],
                           _ draws: UnsafeBufferPointer<Double>, _ overrun: inout [Double]) {
        // Per owner and category, [owner × categories + category]: a risk's overrun and its transfer
        // act on its own plan's costs (a portfolio's member; the plan itself otherwise).
        let C = categories.count
        var base = [Double](repeating: 0, count: owners * C)
        for c in costs where c.response == nil {
            guard let (range, per) = periods(c, draws[c.amount]) else { continue }
            base[c.owner * C + c.category] += per * Double(range.count)
        }
        var share = [Double](repeating: 1, count: capped.count)
        for (i, r) in capped.enumerated() {
            let o = risks[r.k].owner
            var added = 0.0
            for c in 0..<C where r.categories?.contains(c) ?? true {
                var f = overrun[o * C + c]
                for (j, x) in capped.enumerated() where j != i && risks[x.k].owner == o && (x.categories?.contains(c) ?? true) {
                    f *= 1 + x.x
                }
                added += base[o * C + c] * f
            }
            added *= r.x
            share[i] = added > r.cap ? r.cap / added : 1
        }
        for (i, r) in capped.enumerated() {
            let o = risks[r.k].owner
            for c in 0..<C where r.categories?.contains(c) ?? true { overrun[o * C + c] *= 1 + r.x * share[i] }
        }
    }
}
