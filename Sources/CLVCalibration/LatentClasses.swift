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
    }

    static let maxIterations = 2000
    static let tolerance = 1e-10

    static func fit(_ patterns: [Pattern], states S: Int, classes G: Int, destinations: [[Int]], active: [Bool]) -> Fit {
        let total = patterns.reduce(0) { $0 + $1.weight }
        guard G > 1, !patterns.isEmpty else {
            return Fit(shares: [1] + Array(repeating: 0, count: max(G - 1, 0)),
                       responsibilities: patterns.map { _ in [1] + Array(repeating: 0, count: max(G - 1, 0)) },
                       logLikelihood: 0, iterations: 0)
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
            for k in 0..<G { resp[p][k] = k == c ? 0.7 : 0.3 / Double(G - 1) }
        }
        var logP = [[Double]](repeating: Array(repeating: 0, count: S * S), count: G)
        var pi = [Double](repeating: 1 / Double(G), count: G)
        var previous = -Double.infinity, ll = 0.0, iterations = 0
        var ls = [Double](repeating: 0, count: G)
        for it in 1...maxIterations {
            iterations = it
            // M-step.
            for c in 0..<G {
                var counts = [Double](repeating: 0, count: S * S)
                var w = 0.0
                for (p, pat) in patterns.enumerated() {
                    let g = resp[p][c] * pat.weight
                    w += g
                    for (a, b, n) in pat.moves { counts[a * S + b] += g * n }
                }
                pi[c] = max(w / total, 1e-300)
                for a in 0..<S where !destinations[a].isEmpty {
                    // A tiny floor keeps log P finite for moves a class never made.
                    let floor = 1e-9
                    let row = destinations[a].reduce(0) { $0 + counts[a * S + $1] } + floor * Double(destinations[a].count)
                    for b in destinations[a] { logP[c][a * S + b] = log((counts[a * S + b] + floor) / row) }
                }
            }
            // E-step.
            ll = 0
            for (p, pat) in patterns.enumerated() {
                var m = -Double.infinity
                for c in 0..<G {
                    var l = log(pi[c])
                    for (a, b, n) in pat.moves { l += n * logP[c][a * S + b] }
                    ls[c] = l
                    m = max(m, l)
                }
                var z = 0.0
                for c in 0..<G { ls[c] = exp(ls[c] - m); z += ls[c] }
                for c in 0..<G { resp[p][c] = ls[c] / z }
                ll += pat.weight * (m + log(z))
            }
            if abs(ll - previous) <= tolerance * abs(ll) { break }
            previous = ll
        }
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
        return Fit(shares: rank.map { pi[$0] }, responsibilities: resp.map { r in rank.map { r[$0] } },
                   logLikelihood: ll, iterations: iterations)
    }
}
