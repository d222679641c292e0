import Foundation

/// A finite mixture of Markov chains fitted by EM: customer heterogeneity as latent classes.
///
/// Each customer belongs to one of `G` classes with probability π_c; within class c its
/// transitions follow the chain P_c. The likelihood of a customer with transition counts n_ab is
/// Σ_c π_c Π_ab P_c[a,b]^n_ab. EM alternates responsibilities
/// γ_c ∝ π_c Π P_c[a,b]^n_ab (E-step) with π_c = mean γ_c and P_c[a,b] ∝ Σ γ_c n_ab (M-step).
/// Customers with identical counts share one pattern, so the cost is per distinct pattern.
///
/// Unlike splitting customers by their observed frequency, membership is probabilistic and the
/// class chains are maximum-likelihood estimates of the mixture, so a class's forecast does not
/// inherit the selection effect of sorting customers by the very data it is estimated from.
enum LatentClasses {
    struct Pattern {
        var segment: Int
        var atCut: Int
        /// (from, to, count).
        var moves: [(Int, Int, Double)]
        /// Customers with this pattern.
        var weight: Double
    }

    struct Fit {
        var shares: [Double]
        /// Per pattern, per class.
        var responsibilities: [[Double]]
        var logLikelihood: Double
        var iterations: Int
        /// Free parameters (per class, a probability per destination less one per row; G − 1 shares).
        var parameters: Int
        /// Customers fitted (the n of BIC).
        var customers: Double
        var classes: Int { shares.count }
        /// Bayesian information criterion −2 log L + k log n: lower is better.
        var bic: Double { -2 * logLikelihood + Double(parameters) * log(max(customers, 1)) }
    }

    /// The fit with the lowest BIC among 1, 2, … classes (at most `maxClasses`), adding classes
    /// while the BIC falls.
    static func fitByBIC(_ patterns: [Pattern], states S: Int, maxClasses: Int, destinations: [[Int]], active: [Bool]) -> Fit {
        var best = fit(patterns, states: S, classes: 1, destinations: destinations, active: active)
        guard maxClasses > 1 else { return best }
        for g in 2...maxClasses {
            let next = fit(patterns, states: S, classes: g, destinations: destinations, active: active)
            if next.bic >= best.bic { break }
            best = next
        }
        return best
    }

    static let maxIterations = 2000
    static let tolerance = 1e-10

    static func fit(_ patterns: [Pattern], states S: Int, classes G: Int, destinations: [[Int]], active: [Bool]) -> Fit {
        let total = patterns.reduce(0) { $0 + $1.weight }
        guard !patterns.isEmpty else {
            return Fit(shares: [1] + Array(repeating: 0, count: max(G - 1, 0)), responsibilities: [],
                       logLikelihood: 0, iterations: 0, parameters: 0, customers: 0)
        }
        // Deterministic start: patterns ranked by their share of moves into active states, split
        // into G groups of equal weight.
        func activity(_ p: Pattern) -> Double {
            let n = p.moves.reduce(0) { $0 + $1.2 }, a = p.moves.reduce(0) { $0 + (active[$1.1] ? $1.2 : 0) }
            return (a + 0.5) / (n + 1)
        }
        let order = patterns.indices.sorted { (activity(patterns[$0]), $0) < (activity(patterns[$1]), $1) }
        var resp = [[Double]](repeating: Array(repeating: 0, count: G), count: patterns.count)
        var cum = 0.0
        for p in order {
            let mid = cum + patterns[p].weight / 2
            cum += patterns[p].weight
            let c = min(G - 1, Int(mid / total * Double(G)))
            for k in 0..<G { resp[p][k] = G == 1 ? 1 : k == c ? 0.7 : 0.3 / Double(G - 1) }
        }
        // Flat arrays: the EM loops run over every pattern's moves ~1000 times.
        var offsets = [0], cells: [Int] = [], counts: [Double] = []
        for pat in patterns {
            for (a, b, n) in pat.moves { cells.append(a * S + b); counts.append(n) }
            offsets.append(cells.count)
        }
        let weights = patterns.map(\.weight)
        var flatResp = resp.flatMap { $0 }
        var logP = [Double](repeating: 0, count: G * S * S)
        var pi = [Double](repeating: 1 / Double(G), count: G)
        var previous = -Double.infinity, ll = 0.0, iterations = 0
        var ls = [Double](repeating: 0, count: G)
        var classCounts = [Double](repeating: 0, count: G * S * S)
        var classWeight = [Double](repeating: 0, count: G)
        let P = patterns.count
        offsets.withUnsafeBufferPointer { off in
        cells.withUnsafeBufferPointer { cell in
        counts.withUnsafeBufferPointer { cnt in
        weights.withUnsafeBufferPointer { wt in
        flatResp.withUnsafeMutableBufferPointer { r in
        logP.withUnsafeMutableBufferPointer { lp in
        classCounts.withUnsafeMutableBufferPointer { cc in
        for it in 1...maxIterations {
            iterations = it
            // M-step.
            for k in 0..<cc.count { cc[k] = 0 }
            for c in 0..<G { classWeight[c] = 0 }
            for p in 0..<P {
                for c in 0..<G {
                    let g = r[p * G + c] * wt[p]
                    classWeight[c] += g
                    let base = c * S * S
                    for m in off[p]..<off[p + 1] { cc[base + cell[m]] += g * cnt[m] }
                }
            }
            for c in 0..<G {
                pi[c] = max(classWeight[c] / total, 1e-300)
                let base = c * S * S
                for a in 0..<S where !destinations[a].isEmpty {
                    // A tiny floor keeps log P finite for moves a class never made.
                    let floor = 1e-9
                    let row = destinations[a].reduce(0) { $0 + cc[base + a * S + $1] } + floor * Double(destinations[a].count)
                    for b in destinations[a] { lp[base + a * S + b] = log((cc[base + a * S + b] + floor) / row) }
                }
            }
            // E-step.
            ll = 0
            for p in 0..<P {
                var m = -Double.infinity
                for c in 0..<G {
                    var l = log(pi[c])
                    let base = c * S * S
                    for k in off[p]..<off[p + 1] { l += cnt[k] * lp[base + cell[k]] }
                    ls[c] = l
                    m = max(m, l)
                }
                var z = 0.0
                for c in 0..<G { ls[c] = exp(ls[c] - m); z += ls[c] }
                for c in 0..<G { r[p * G + c] = ls[c] / z }
                ll += wt[p] * (m + log(z))
            }
            if abs(ll - previous) <= tolerance * abs(ll) { break }
            previous = ll
        }
        }}}}}}}
        for p in 0..<P { for c in 0..<G { resp[p][c] = flatResp[p * G + c] } }
        // Classes in order of activity (c1 the least active), so names are stable.
        var classActivity = [Double](repeating: 0, count: G)
        for c in 0..<G {
            var a = 0.0, n = 0.0
            for (p, pat) in patterns.enumerated() {
                for (_, b, k) in pat.moves { n += resp[p][c] * pat.weight * k; if active[b] { a += resp[p][c] * pat.weight * k } }
            }
            classActivity[c] = n > 0 ? a / n : 0
        }
        let rank = (0..<G).sorted { (classActivity[$0], $0) < (classActivity[$1], $1) }
        let rows = destinations.reduce(0) { $0 + max($1.count - 1, 0) }
        return Fit(shares: rank.map { pi[$0] }, responsibilities: resp.map { r in rank.map { r[$0] } },
                   logLikelihood: ll, iterations: iterations, parameters: G * rows + G - 1, customers: total)
    }
}
