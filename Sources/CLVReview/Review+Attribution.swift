import CLVAnalysis
import CLVEngine
import CLVModel

extension Review {
    /// Splits each plan's ΔNPV across `factors` (the changed inputs, then "other changes").
    ///
    /// v(S) is a plan's expected NPV in the study where the factors in S have their after value and
    /// the rest their before value; every v(S) is a run at the same seed and trials, so the
    /// differences are paired. With k ≤ 6 factors, Shapley values
    /// φ_i = Σ_{S ⊆ N∖{i}} |S|! (k − |S| − 1)! / k! · (v(S ∪ {i}) − v(S)) (2^k runs, order-free);
    /// else a waterfall in the stated order, step i = v({1…i}) − v({1…i−1}) (k + 1 runs).
    static func attribute(_ a: Study, _ b: Study, _ diff: AssumptionDiff, _ factors: [DiffDocument.Factor],
                          a ta: Trials, b tb: Trials, _ sr: StudyRequest,
                          stage: (Int) -> (@Sendable (Double) -> Void)?) throws(ReviewError) -> DiffDocument.Attribution {
        let k = factors.count
        let inputs = diff.changedInputs
        let hasOther = factors.last?.path == "other"
        let plans = diff.matched.filter { $0.after > 0 }
        // Expected NPV per matched plan (in `plans` order) of the mixed study `mask` (bit i: factor i after).
        var memo: [Int: [Double]] = [:]
        memo[0] = plans.map { Summary(ta.plans[$0.before - 1].npv).mean ?? .nan }
        memo[(1 << k) - 1] = plans.map { Summary(tb.plans[$0.after - 1].npv).mean ?? .nan }
        var runs = 2
        var o = StudyPipeline.options(b, sr)
        o.clvSamples = 1    // NPV comes from the population trials alone
        func value(_ mask: Int) throws(ReviewError) -> [Double] {
            if let v = memo[mask] { return v }
            let after = Set(inputs.indices.filter { mask & (1 << $0) != 0 }.map { inputs[$0] })
            let study: Study, index: [Int]
            if hasOther && mask & (1 << (k - 1)) != 0 {
                // The after study, with the inputs not in S taken back to their before value.
                study = mixed(b, from: a, pairs: diff.matched.map { ($0.after, $0.before) }, paths: Set(inputs).subtracting(after))
                index = plans.map(\.after)
            } else {
                study = mixed(a, from: b, pairs: diff.matched.map { ($0.before, $0.after) }, paths: after)
                index = plans.map(\.before)
            }
            o.progress = stage(runs)
            let run: StudyRun
            do { run = try Engine.run(study, options: o) } catch {
                if case .drawFailed(let input, let text, let trial) = error {
                    throw ReviewError.runFailed("clvsim: error: \(input): cannot draw from \(text) in trial \(trial); no output was written")
                }
                throw ReviewError.runFailed("clvsim: interrupted; no output was written")
            }
            runs += 1
            let v = index.map { Summary(PlanTrials(run: run, plan: $0).npv).mean ?? .nan }
            memo[mask] = v
            return v
        }
        var contributions = [[Double]](repeating: [Double](repeating: 0, count: k), count: plans.count)
        var interaction: [Double?] = [Double?](repeating: nil, count: plans.count)
        let method: DiffDocument.Attribution.Method = k <= maxShapleyFactors ? .shapley : .sequential
        if method == .shapley {
            var fact = [1.0]
            for n in 1...max(k, 1) { fact.append(fact[n - 1] * Double(n)) }
            for mask in 0..<(1 << k) { _ = try value(mask) }
            for i in 0..<k {
                for s in 0..<(1 << k) where s & (1 << i) == 0 {
                    let size = s.nonzeroBitCount
                    let w = fact[size] * fact[k - size - 1] / fact[k]
                    let with = memo[s | (1 << i)]!, without = memo[s]!
                    for p in plans.indices { contributions[p][i] += w * (with[p] - without[p]) }
                }
            }
            for p in plans.indices {
                let main = (0..<k).reduce(0.0) { $0 + memo[1 << $1]![p] - memo[0]![p] }
                interaction[p] = memo[(1 << k) - 1]![p] - memo[0]![p] - main
            }
        } else {
            var previous = memo[0]!
            for i in 0..<k {
                let v = try value((1 << (i + 1)) - 1)
                for p in plans.indices { contributions[p][i] = v[p] - previous[p] }
                previous = v
            }
        }
        let out = plans.enumerated().map { p, pair in
            let before = memo[0]![p], after = memo[(1 << k) - 1]![p]
            return DiffDocument.PlanAttribution(
                plan: b.scenarios[pair.after].name, before: before, after: after, delta: after - before,
                contributions: contributions[p], residual: after - before - contributions[p].reduce(0, +),
                interaction: interaction[p])
        }
        return DiffDocument.Attribution(method: method, runs: runs, factors: factors, plans: out)
    }

    /// `base` with the inputs at `paths` given the value they have in `other`, scenario by scenario
    /// (`pairs`: index in base → index in other). Draws stay keyed by path, so the mix is paired.
    static func mixed(_ base: Study, from other: Study, pairs: [(Int, Int)], paths: Set<String>) -> Study {
        guard !paths.isEmpty else { return base }
        var s = base
        for (i, j) in pairs {
            let src = other.scenarios[j]
            let values = Dictionary(src.uncertainInputs.map { ($0.path, $0) }, uniquingKeysWith: { x, _ in x })
            var rows: [String: DirichletRow] = [:]
            for g in src.segments { for t in g.transitions { if case .dirichlet(let d) = t.row { rows[d.path] = d } } }
            var sc = s.scenarios[i]
            sc.mapUncertain { u in
                guard paths.contains(u.path), let v = values[u.path] else { return }
                u.distribution = v.distribution
                u.text = v.text
            }
            for g in sc.segments.indices {
                for t in sc.segments[g].transitions.indices {
                    if case .dirichlet(let d) = sc.segments[g].transitions[t].row, paths.contains(d.path), let r = rows[d.path],
                       src.states == sc.states {
                        sc.segments[g].transitions[t].row = .dirichlet(r)
                    }
                }
            }
            if i == 0 { s.baseline = sc } else { s.plans[i - 1] = sc }
        }
        return s
    }
}
