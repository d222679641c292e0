import CLVModel
import Foundation

/// Weighted sums behind one state's value estimate.
struct ValueStats {
    var n = 0.0, sum = 0.0, sumSq = 0.0
    var costN = 0.0, costSum = 0.0, costSq = 0.0
    var minRevenue = Double.infinity

    var mean: Double { n > 0 ? sum / n : 0 }
    /// Customer-to-customer standard deviation (weighted, with n − 1).
    var sd: Double { n > 1 ? max(0, (sumSq - sum * sum / n) / (n - 1)).squareRoot() : 0 }
    var se: Double { n > 0 ? sd / n.squareRoot() : 0 }
    var costMean: Double { costN > 0 ? costSum / costN : 0 }
    var costSE: Double { costN > 1 ? (max(0, (costSq - costSum * costSum / costN) / (costN - 1)) / costN).squareRoot() : 0 }
}

/// The estimates of one output segment: a data segment, or one latent class of it.
struct SegmentEstimate {
    var name: String
    var dataSegment: String
    /// 1-based latent class (0 when there is one class), and its mixing weight in the data segment.
    var latentClass: Int
    var share: Double
    /// Customers (expected, for latent classes) observed in the calibration window.
    var customers: Double
    /// Observed transitions between consecutive periods, [from][to], weighted by class membership.
    var counts: [[Double]]
    var values: [ValueStats]
    /// Customers in each state at the cut.
    var initial: [Double]
    /// New customers per period of `arrivalPeriods`, per entry state.
    var arrivals: [[Double]]
}

/// Everything a baseline is written from.
struct Estimates {
    var stateNames: [String]
    var stages: [Stage]
    var stageGuessed: [Bool]
    var active: [Bool]
    /// Per state: the destinations of its Dirichlet row (observed anywhere, or structural), in state order.
    var destinations: [[Int]]
    var segments: [SegmentEstimate]
    var kind: PeriodKind
    var firstPeriod: Int
    var cut: Int
    /// Periods over which arrivals are averaged: first + 1 ... cut.
    var arrivalPeriods: Int { cut - firstPeriod }
    var customerPeriods: Int
    var latent: [LatentClasses.Fit]
}

/// Counts transitions, values, initial stock and arrivals from every customer's path.
enum Estimator {
    static func estimate(_ src: any MoveSource, cut: Int, classes: ClassCount) -> Estimates {
        // Computed properties of the source, read once (they are arrays built on each access).
        let stateNames = src.stateNames, stages = src.stages, active = src.active, segmentNames = src.segmentNames
        let S = stateNames.count
        let G = segmentNames.count
        // Pass 1: each customer's transitions, deduplicated into patterns per data segment.
        var patternIndex: [[Int32]: Int32] = [:]
        var patterns: [LatentClasses.Pattern] = []
        var patternOf = [Int32](repeating: -1, count: src.customerCount)
        var observed = [Set<Int>](repeating: [], count: S)
        var path = CustomerPath()
        // A customer's distinct moves (from·S + to) and their counts: few, so a sorted array.
        var cells: [Int32] = [], counts: [Int32] = []
        var key: [Int32] = []
        var customerPeriods = 0
        for i in 0..<src.customerCount {
            guard let m = src.moves(i, cut: cut, path: &path, cells: &cells, counts: &counts) else { continue }
            customerPeriods += m.periods
            let atCut = m.atCut
            key.removeAll(keepingCapacity: true)
            key.append(Int32(m.segment))
            key.append(atCut)
            for j in cells.indices { key.append(cells[j]); key.append(counts[j]) }
            if let k = patternIndex[key] {
                patternOf[i] = k
                patterns[Int(k)].weight += 1
            } else {
                let k = Int32(patterns.count)
                patternIndex[key] = k
                patternOf[i] = k
                for c in cells { observed[Int(c) / S].insert(Int(c) % S) }
                var moves: [(Int, Int, Double)] = []
                for j in stride(from: 2, to: key.count, by: 2) { moves.append((Int(key[j]) / S, Int(key[j]) % S, Double(key[j + 1]))) }
                patterns.append(LatentClasses.Pattern(segment: m.segment, atCut: Int(atCut), moves: moves, weight: 1))
            }
        }
        var destinations: [[Int]] = []
        for s in 0..<S {
            destinations.append(stages[s] == .churn ? [] : Array(observed[s].union(src.structuralDestinations(s))).sorted())
        }
        // Latent classes, per data segment.
        var fits: [LatentClasses.Fit] = []
        var respOf = [[Double]](repeating: [], count: patterns.count)
        var outIndex: [[Int]] = []     // [data segment][class] -> output segment
        var out: [SegmentEstimate] = []
        let periods = max(cut - src.firstPeriod, 0)
        for g in 0..<G {
            let mine = patterns.indices.filter { patterns[$0].segment == g }
            let fit: LatentClasses.Fit
            switch classes {
            case .fixed(let n):
                fit = LatentClasses.fit(mine.map { patterns[$0] }, states: S, classes: n, destinations: destinations, active: active)
            case .bic(let most):
                fit = LatentClasses.fitByBIC(mine.map { patterns[$0] }, states: S, maxClasses: most, destinations: destinations, active: active)
            }
            let classes = fit.classes
            fits.append(fit)
            for (j, p) in mine.enumerated() { respOf[p] = fit.responsibilities[j] }
            var idx: [Int] = []
            for c in 0..<classes {
                idx.append(out.count)
                let segName = segmentNames[g]
                let name = classes == 1 ? segName : (G == 1 && segName == "customers" ? "c\(c + 1)" : "\(segName)_c\(c + 1)")
                out.append(SegmentEstimate(
                    name: name, dataSegment: segName, latentClass: classes == 1 ? 0 : c + 1, share: fit.shares[c],
                    customers: 0, counts: Array(repeating: Array(repeating: 0, count: S), count: S),
                    values: Array(repeating: ValueStats(), count: S), initial: Array(repeating: 0, count: S),
                    arrivals: Array(repeating: Array(repeating: 0, count: periods), count: S)))
            }
            outIndex.append(idx)
        }
        for (p, pat) in patterns.enumerated() {
            for (c, r) in respOf[p].enumerated() where r > 0 {
                let o = outIndex[pat.segment][c]
                let w = r * pat.weight
                out[o].customers += w
                for (a, b, n) in pat.moves { out[o].counts[a][b] += w * n }
                if pat.atCut >= 0 && stages[pat.atCut] != .churn { out[o].initial[pat.atCut] += w }
            }
        }
        // Pass 2: values and arrivals, weighted by each customer's class membership.
        if let log = src as? RecencyFrequencyStates {
            addValues(log, cut: cut, patternOf: patternOf, respOf: respOf, outIndex: outIndex, into: &out)
        } else if let paths = src as? any PathSource {
            addValues(paths, cut: cut, patternOf: patternOf, respOf: respOf, outIndex: outIndex, into: &out)
        }
        return Estimates(stateNames: stateNames, stages: stages, stageGuessed: src.stageGuessed, active: active,
                         destinations: destinations, segments: out, kind: src.kind, firstPeriod: src.firstPeriod,
                         cut: cut, customerPeriods: customerPeriods, latent: fits)
    }

    /// Values and arrivals of a transaction log, from each customer's sums per purchase state.
    static func addValues(_ src: RecencyFrequencyStates, cut: Int, patternOf: [Int32], respOf: [[Double]], outIndex: [[Int]],
                          into out: inout [SegmentEstimate]) {
        var sums: [ValueSum] = []
        let entry = src.index(r: 0, f: 1)
        for i in 0..<src.customerCount where patternOf[i] >= 0 {
            guard let first = src.values(i, cut: cut, into: &sums) else { continue }
            let resp = respOf[Int(patternOf[i])]
            for (c, r) in resp.enumerated() where r > 0 {
                let o = outIndex[0][c]
                for v in sums {
                    let s = src.index(r: 0, f: v.level)
                    out[o].values[s].n += r * Double(v.count)
                    out[o].values[s].sum += r * v.sum
                    out[o].values[s].sumSq += r * v.sumSq
                    out[o].values[s].minRevenue = min(out[o].values[s].minRevenue, v.minimum)
                }
                if first > src.firstPeriod {
                    out[o].arrivals[entry][first - src.firstPeriod - 1] += r
                }
            }
        }
    }

    /// Values and arrivals of a panel, from each customer's path.
    static func addValues(_ src: any PathSource, cut: Int, patternOf: [Int32], respOf: [[Double]], outIndex: [[Int]],
                          into out: inout [SegmentEstimate]) {
        let stages = src.stages
        var path = CustomerPath()
        for i in 0..<src.customerCount where patternOf[i] >= 0 {
            guard src.observations(i, cut: cut, into: &path) else { continue }
            let resp = respOf[Int(patternOf[i])]
            for (c, r) in resp.enumerated() where r > 0 {
                let o = outIndex[path.segment][c]
                for t in path.states.indices {
                    let s = Int(path.states[t])
                    guard s >= 0, stages[s] != .churn else { continue }
                    let x = path.revenue[t]
                    if !x.isNaN {
                        out[o].values[s].n += r
                        out[o].values[s].sum += r * x
                        out[o].values[s].sumSq += r * x * x
                        out[o].values[s].minRevenue = min(out[o].values[s].minRevenue, x)
                    }
                    let y = path.cost[t]
                    if !y.isNaN {
                        out[o].values[s].costN += r
                        out[o].values[s].costSum += r * y
                        out[o].values[s].costSq += r * y * y
                    }
                }
                if path.first > src.firstPeriod, let s0 = path.states.first, s0 >= 0 {
                    out[o].arrivals[Int(s0)][path.first - src.firstPeriod - 1] += r
                }
            }
        }
    }
}
