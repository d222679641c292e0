import CLVAnalysis
import CLVModel
import CLVReport

extension Review {
    /// Before → after of every headline figure, with the standard error of Δ from paired trials.
    static func deltas(_ a: Results, _ b: Results, _ ta: Trials, _ tb: Trials, _ matched: [(before: Int, after: Int)])
        -> DiffDocument.ResultsDelta {
        let base = DiffDocument.BaselineDelta(
            name: b.baseline.name,
            customerEquity: paired(a.baseline.customerEquity, b.baseline.customerEquity, ta.ce, tb.ce),
            customerEquityTerminal: paired(a.baseline.customerEquityTerminal, b.baseline.customerEquityTerminal,
                                           ta.ceTerminal, tb.ceTerminal))
        var plans: [DiffDocument.PlanDelta] = []
        // Portfolios are compared through their plans' assumptions (AssumptionDiff), and their results
        // here, paired by name.
        var pairs = matched
        for i in a.scenarios.indices where a.scenarios[i].portfolio != nil {
            if let j = b.scenarios.indices.first(where: { b.scenarios[$0].portfolio != nil && b.scenarios[$0].name == a.scenarios[i].name }) {
                pairs.append((i, j))
            }
        }
        for (i, j) in pairs where j > 0 {
            guard let va = a.scenarios[i].vsBaseline, let vb = b.scenarios[j].vsBaseline else { continue }
            let pa = ta.plans[i - 1], pb = tb.plans[j - 1]
            let pos: (PlanTrials) -> [Double] = { p in p.npv.map { $0 > 0 ? 1 : 0 } }
            plans.append(DiffDocument.PlanDelta(
                name: b.scenarios[j].name, status: .both,
                npv: paired(va.npv, vb.npv, pa.npv, pb.npv),
                benefit: paired(va.benefit, vb.benefit, pa.benefit, pb.benefit),
                cost: paired(va.cost, vb.cost, pa.cost, pb.cost),
                bcr: bcr(va, vb, pa, pb),
                pNPVPositive: figure(va.pNPVPositive, vb.pNPVPositive, pos(pa), pos(pb),
                                     seA: va.pNPVPositiveSE, seB: vb.pNPVPositiveSE),
                paybackP50: unpairedFigure(va.paybackP50, vb.paybackP50)))
        }
        for p in b.plans where !pairs.contains(where: { $0.after == p.index }) {
            plans.append(lonePlan(p.result.name, p.vs, status: .added))
        }
        for p in a.plans where !pairs.contains(where: { $0.before == p.index }) {
            plans.append(lonePlan(p.result.name, p.vs, status: .removed))
        }
        return DiffDocument.ResultsDelta(baseline: base, plans: plans)
    }

    static func lonePlan(_ name: String, _ v: PlanComparison, status: DiffDocument.PlanDelta.Status) -> DiffDocument.PlanDelta {
        func one(_ x: Double?, _ se: Double?) -> DiffDocument.Delta {
            status == .added ? .init(before: nil, after: x, delta: nil, se: nil, seUnpaired: nil, significant: false)
                : .init(before: x, after: nil, delta: nil, se: nil, seUnpaired: nil, significant: false)
        }
        return .init(name: name, status: status, npv: one(v.npv.mean, v.npv.se), benefit: one(v.benefit.mean, v.benefit.se),
                     cost: one(v.cost.mean, v.cost.se), bcr: one(v.bcrOfMeans, v.bcrOfMeansSE),
                     pNPVPositive: one(v.pNPVPositive, v.pNPVPositiveSE), paybackP50: one(v.paybackP50, nil))
    }

    /// A mean over trials: Δ of the two summaries' means, se from the per-trial differences.
    static func paired(_ a: Summary, _ b: Summary, _ xa: [Double], _ xb: [Double]) -> DiffDocument.Delta {
        figure(a.mean, b.mean, xa, xb, seA: a.se, seB: b.se)
    }

    /// Δ = after − before; se = sd(after_i − before_i) / √n over trials where both are finite.
    static func figure(_ before: Double?, _ after: Double?, _ xa: [Double], _ xb: [Double], seA: Double?, seB: Double?)
        -> DiffDocument.Delta {
        let d = zip(xa, xb).compactMap { $0.isFinite && $1.isFinite ? $1 - $0 : nil }
        let se = d.count > 1 ? (Statistics.variance(d) / Double(d.count)).squareRoot() : nil
        let delta = before.flatMap { x in after.map { $0 - x } }
        let unpaired = seA.flatMap { x in seB.map { (x * x + $0 * $0).squareRoot() } }
        return .init(before: before, after: after, delta: delta, se: se, seUnpaired: unpaired,
                     significant: significant(delta, se))
    }

    static func unpairedFigure(_ before: Double?, _ after: Double?) -> DiffDocument.Delta {
        let delta = before.flatMap { x in after.map { $0 - x } }
        return .init(before: before, after: after, delta: delta, se: nil, seUnpaired: nil, significant: false)
    }

    /// |Δ| > 3 se; a change with no noise at all (se = 0) is significant when Δ ≠ 0.
    static func significant(_ delta: Double?, _ se: Double?) -> Bool {
        guard let delta, let se, delta.isFinite, se.isFinite else { return false }
        return abs(delta) > 3 * se
    }

    /// The BCR of means, E[B]/E[C]: se of Δ by the delta method on the paired trials,
    /// influence_i = (B_i − R·C_i) / C̄ on each side.
    static func bcr(_ va: PlanComparison, _ vb: PlanComparison, _ pa: PlanTrials, _ pb: PlanTrials) -> DiffDocument.Delta {
        guard let ra = va.bcrOfMeans, let rb = vb.bcrOfMeans else { return unpairedFigure(va.bcrOfMeans, vb.bcrOfMeans) }
        let ca = Statistics.mean(pa.cost), cb = Statistics.mean(pb.cost)
        let ia = zip(pa.benefit, pa.cost).map { ($0 - ra * $1) / ca }, ib = zip(pb.benefit, pb.cost).map { ($0 - rb * $1) / cb }
        var d = figure(ra, rb, ia, ib, seA: va.bcrOfMeansSE, seB: vb.bcrOfMeansSE)
        d.before = ra
        d.after = rb
        d.delta = rb - ra
        d.significant = significant(d.delta, d.se)
        return d
    }

    /// Ranking by expected NPV, the recommendation, and each plan's sign and 50% crossings.
    static func decision(_ a: Results, _ b: Results, _ matched: [(before: Int, after: Int)]) -> DiffDocument.Decision {
        func ranking(_ r: Results) -> [Int] {
            r.plans.sorted {
                let x = $0.vs.npv.mean ?? -.infinity, y = $1.vs.npv.mean ?? -.infinity
                return x != y ? x > y : $0.index < $1.index
            }.map(\.index)
        }
        // After-side head to head of two plans: |mean NPV difference| > 3 se (paired trials).
        func apart(_ p: String?, _ q: String?) -> Bool {
            guard let p, let q else { return false }
            guard let h = b.headToHead.first(where: { Set([$0.plan, $0.against]) == Set([p, q]) }) else { return false }
            return abs(h.meanDifference) > 3 * h.se
        }
        // The study's own decision when it has one (what its report recommends), else the plan with
        // the highest expected NPV if that is positive.
        func recommended(_ r: Results, _ order: [Int]) -> Int? {
            if let d = r.decision { return r.scenarios.indices.first { $0 > 0 && r.scenarios[$0].name == d.choice } }
            return order.first.flatMap { (r.scenarios[$0].vsBaseline?.npv.mean ?? 0) > 0 ? $0 : nil }
        }
        let oa = ranking(a), ob = ranking(b)
        // Names as the after side calls them, so that a renamed plan is still the same plan.
        func nameA(_ i: Int) -> String {
            matched.first { $0.before == i }.map { b.scenarios[$0.after].name } ?? a.scenarios[i].name
        }
        let na = oa.map(nameA), nb = ob.map { b.scenarios[$0].name }
        let ra = recommended(a, oa).map(nameA), rb = recommended(b, ob).map { b.scenarios[$0].name }
        var changes: [DiffDocument.DecisionChange] = []
        let common = Set(na).intersection(nb)
        if na.filter(common.contains) != nb.filter(common.contains) || Set(na) != Set(nb) {
            // Clear when every pair the change put in the other order is apart after it.
            var flipped: [(String, String)] = []
            for (x, p) in nb.enumerated() {
                for q in nb[(x + 1)...] {
                    if let i = na.firstIndex(of: p), let j = na.firstIndex(of: q), i > j { flipped.append((p, q)) }
                }
            }
            changes.append(.init(kind: .ranking, plan: nil, before: na.joined(separator: " > "), after: nb.joined(separator: " > "),
                                 clear: flipped.allSatisfy { apart($0.0, $0.1) }))
        }
        if ra != rb {
            let clear: Bool
            if let rb, let ra, nb.contains(ra) { clear = apart(rb, ra) } else {
                // To or from "keep the current setup": the leader's NPV is clear of 0.
                let top = ob.first.flatMap { b.scenarios[$0].vsBaseline?.npv }
                clear = top.map { abs($0.mean ?? 0) > 3 * ($0.se ?? .infinity) } ?? true
            }
            changes.append(.init(kind: .recommended, plan: nil, before: ra ?? "", after: rb ?? "", clear: clear))
        }
        for (i, j) in matched where j > 0 {
            guard let va = a.scenarios[i].vsBaseline, let vb = b.scenarios[j].vsBaseline else { continue }
            let name = b.scenarios[j].name
            if (va.pNPVPositive > 0.5) != (vb.pNPVPositive > 0.5) {
                changes.append(.init(kind: .pNPVPositiveCrosses50, plan: name, before: NumberFormat.percent(va.pNPVPositive),
                                     after: NumberFormat.percent(vb.pNPVPositive),
                                     clear: abs(vb.pNPVPositive - 0.5) > 3 * vb.pNPVPositiveSE))
            }
            if let x = va.npv.mean, let y = vb.npv.mean, (x > 0) != (y > 0) {
                changes.append(.init(kind: .npvSign, plan: name, before: x > 0 ? "positive" : "negative",
                                     after: y > 0 ? "positive" : "negative", clear: abs(y) > 3 * (vb.npv.se ?? .infinity)))
            }
        }
        var out = DiffDocument.Decision(changed: !changes.isEmpty, rankingBefore: na, rankingAfter: nb, recommendedBefore: ra,
                                        recommendedAfter: rb, changes: changes)
        out.byStudyDecision = b.decision != nil
        return out
    }
}

