public import CLVModel
import CLVNumerics

#if canImport(Glibc)
import Glibc
#endif

/// Correlated inputs (`correlations:`), imposed across trials by Iman–Conover (1982).
///
/// Every correlated input is drawn for all trials first, from its usual stream (seed, trial,
/// path), so its marginal distribution is exactly what an uncorrelated run draws. Then:
/// 1. van der Waerden scores a_i = Φ⁻¹(i/(n+1)) are shuffled independently per input (Fisher–Yates
///    on a stream keyed `correlations.PATH`, so the result depends only on the seed, the trial
///    count and the files) into an n×k matrix S;
/// 2. the target Spearman matrix R_s (repaired if not positive semi-definite) becomes the normal-score
///    Pearson matrix C = 2·sin(π·R_s/6) (exact for normal scores), with Cholesky factor P;
///    S's own correlation has factor Q, and T = S·(P·Q⁻¹)ᵀ has correlation exactly C;
/// 3. each input's sorted draws are placed so that their ranks match the ranks of T's column.
/// Trial i's value of a correlated input therefore depends on the trial count (its rank among n):
/// unlike the other inputs, it is not the same in a run with more trials.
public enum Correlations {
    /// The study's correlations as a matrix over the inputs they name.
    public struct Target: Sendable {
        /// Input paths, first-listed order.
        public let paths: [String]
        /// Spearman matrix (row-major k×k) after repair.
        public let spearman: [Double]
        /// A warning when the listed matrix was not positive semi-definite.
        public let warnings: [Diagnostic]
    }

    /// The target matrix of `study`; nil when it lists no correlations. A matrix that is not positive
    /// semi-definite is replaced by a nearby one (eigenvalue clipping, unit diagonal) and a warning
    /// names each listed pair whose value changed.
    public static func target(_ study: Study) -> Target? {
        let specs = study.correlations
        guard let firstSpec = specs.first else { return nil }
        var paths: [String] = []
        for c in specs { for p in [c.first, c.second] where !paths.contains(p) { paths.append(p) } }
        let k = paths.count
        var r = [Double](repeating: 0, count: k * k)
        for i in 0..<k { r[i * k + i] = 1 }
        for c in specs {
            let i = paths.firstIndex(of: c.first)!, j = paths.firstIndex(of: c.second)!
            r[i * k + j] = c.spearman
            r[j * k + i] = c.spearman
        }
        var warnings: [Diagnostic] = []
        if !SymmetricMatrix.isPositiveSemiDefinite(r, n: k) {
            let fixed = SymmetricMatrix.repairedCorrelation(r, n: k)
            let changes = specs.compactMap { c -> String? in
                let i = paths.firstIndex(of: c.first)!, j = paths.firstIndex(of: c.second)!
                let v = fixed[i * k + j]
                return abs(v - c.spearman) >= 0.0005
                    ? "\(c.first) ~ \(c.second) \(fmt(c.spearman)) → \(fmt(v))" : nil
            }
            warnings.append(Diagnostic(.warning, at: firstSpec.location, path: "correlations",
                                       "the correlations are not positive semi-definite (no joint distribution has them); "
                                       + "using a nearby valid matrix (eigenvalues clipped, unit diagonal): " + changes.joined(separator: "; ")))
            r = fixed
        }
        return Target(paths: paths, spearman: r, warnings: warnings)
    }

    private static func fmt(_ x: Double) -> String {
        let s = String(format: "%.3f", x)
        return s.hasPrefix("-") ? "−" + s.dropFirst() : s
    }
}

/// The draws of a study's correlated inputs in every trial, rearranged by Iman–Conover.
struct CorrelatedDraws: Sendable {
    /// Input slots, and their values by trial (row-major n × slots.count).
    let slots: [Int]
    let values: [Double]

    /// Overwrites the correlated slots of trial `trial`'s draws.
    @inline(__always)
    func apply(trial: Int, into row: UnsafeMutableBufferPointer<Double>) {
        let k = slots.count, base = trial * k
        for j in 0..<k { row[slots[j]] = values[base + j] }
    }

    /// Nil when the study lists no correlations.
    init?(_ study: Study, inputs: InputTable, seed: UInt64, trials n: Int) {
        guard let target = Correlations.target(study) else { return nil }
        let ranks = Self.ranks(target, seed: seed, trials: n)
        let stream = RandomStream()
        var slots: [Int] = [], columns: [[Double]] = []
        for (v, path) in target.paths.enumerated() {
            for e in inputs.entries where e.path == path {
                var x = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    switch e.kind {
                    case .scalar(.constant(let c)): x[i] = c
                    case .scalar(let d):
                        stream.reset(seed: seed, trial: UInt64(i), key: e.key)
                        x[i] = InputTable.sample(d, stream)
                    case .occurrence:
                        stream.reset(seed: seed, trial: UInt64(i), key: e.key)
                        x[i] = stream.uniform()
                    case .dirichlet, .derived: continue
                    }
                }
                // Dirichlet rows, numbers computed from parameters and distributions whose
                // arguments use them are never correlated (the loader refuses them).
                if case .dirichlet = e.kind { continue }
                if e.formula != nil { continue }
                let sorted = x.sorted()
                columns.append((0..<n).map { sorted[ranks[v][$0]] })
                slots.append(e.slot)
            }
        }
        self.slots = slots
        var values = [Double](repeating: 0, count: n * slots.count)
        for (j, c) in columns.enumerated() { for i in 0..<n { values[i * slots.count + j] = c[i] } }
        self.values = values
    }

    /// For each input of `target`, the 0-based rank each trial's value must have.
    static func ranks(_ target: Correlations.Target, seed: UInt64, trials n: Int) -> [[Int]] {
        let k = target.paths.count
        guard n >= 3 else { return [[Int]](repeating: Array(0..<n), count: k) }
        // 1. Shuffled van der Waerden scores, one column per input.
        let scores = (1...n).map { Quantiles.normal(Double($0) / Double(n + 1), mean: 0, sd: 1) }
        let stream = RandomStream()
        var s = [[Double]](repeating: [], count: k)
        for v in 0..<k {
            var col = scores
            stream.reset(seed: seed, trial: 0, key: StreamKey.hash("correlations." + target.paths[v]))
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(stream.next() % UInt64(i + 1))
                col.swapAt(i, j)
            }
            s[v] = col
        }
        // 2. Target normal-score correlation C and its factor P; the scores' own correlation E = Q·Qᵀ.
        var c = target.spearman
        for i in 0..<k { for j in 0..<k where i != j { c[i * k + j] = 2 * sin(Double.pi * c[i * k + j] / 6) } }
        let identity = (0..<(k * k)).map { $0 / k == $0 % k ? 1.0 : 0 }
        let p = SymmetricMatrix.cholesky(c, n: k)
            ?? SymmetricMatrix.cholesky(SymmetricMatrix.repairedCorrelation(c, n: k), n: k) ?? identity
        var e = [Double](repeating: 0, count: k * k)
        let ss = scores.reduce(0) { $0 + $1 * $1 }
        for a in 0..<k {
            for b in a..<k {
                var x = 0.0
                for i in 0..<n { x += s[a][i] * s[b][i] }
                e[a * k + b] = x / ss
                e[b * k + a] = x / ss
            }
        }
        let q = SymmetricMatrix.cholesky(e, n: k) ?? identity
        // M = P·Q⁻¹ (Q lower-triangular: solve Mᵀ from Qᵀ·Mᵀ = Pᵀ by back substitution, row by row of M).
        var m = [Double](repeating: 0, count: k * k)
        for r in 0..<k {
            // Row r of M solves x·Q = P[r,·], i.e. Qᵀ·xᵀ = P[r,·]ᵀ.
            for col in stride(from: k - 1, through: 0, by: -1) {
                var acc = p[r * k + col]
                for l in (col + 1)..<max(col + 1, k) { acc -= m[r * k + l] * q[l * k + col] }
                m[r * k + col] = acc / q[col * k + col]
            }
        }
        // 3. T = S·Mᵀ; ranks of T's columns.
        var out: [[Int]] = []
        for v in 0..<k {
            var t = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var x = 0.0
                for l in 0..<k { x += m[v * k + l] * s[l][i] }
                t[i] = x
            }
            let order = (0..<n).sorted { (t[$0], $0) < (t[$1], $1) }
            var rank = [Int](repeating: 0, count: n)
            for (r, i) in order.enumerated() { rank[i] = r }
            out.append(rank)
        }
        return out
    }
}

/// Validation that needs more than the files: the checks made on a loaded study before it is
/// compiled (today: a correlation matrix that had to be repaired, `Correlations.target`).
/// `clvsim validate` prints these with the loader's own diagnostics; `clvsim run` and
/// `clvsim sensitivity` print them with the study's warnings.
public enum StudyChecks {
    /// `study.warnings` followed by the further warnings, sorted by file, line and column, each once.
    public static func warnings(_ study: Study) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return (study.warnings + (Correlations.target(study)?.warnings ?? [])).filter { seen.insert($0).inserted }.sorted {
            ($0.location, $0.keyPath, $0.message) < ($1.location, $1.keyPath, $1.message)
        }
    }
}
