public import CLVEngine
public import CLVModel

/// First-order and total Sobol indices of each plan's NPV from a Saltelli design
/// (`clvsim run --sobol N`), beside the binned estimate that `GlobalSensitivity` takes from the
/// run itself.
///
/// Design (Saltelli et al. 2010): A is a run of N trials at the study's seed; B a run of N
/// trials at a second seed; for each uncertain input i, AB_i is A with input i's values taken
/// from B (a Dirichlet row moves as one input; a risk's occurrence draw is an input). With f the
/// plan's NPV per trial and V the variance of f over A and B together:
///
///     S_i  = mean(f_B · (f_ABi − f_A)) / V            (first order)
///     ST_i = mean((f_A − f_ABi)²) / (2V)               (total, Jansen)
///
/// AB_i reuses A's trials, so it also reuses A's process noise (moves, arrivals, revenue are
/// keyed by trial): f_ABi − f_A isolates input i. B's noise is independent of A's, so V and
/// the first-order numerator keep the customer-level randomness in the denominator only.
/// Costs (k + 2) runs of N trials for k uncertain inputs. Inputs are taken as independent: a
/// study's `correlations:` hold within A and B but are broken in AB_i, as in any Saltelli design.
public struct SaltelliSobol: Sendable {
    public struct Item: Sendable {
        public var input: String
        public var firstOrder: Double
        public var total: Double
    }
    public struct Plan: Sendable {
        public var name: String
        /// Sorted by total index, largest first.
        public var items: [Item]
    }

    /// Base sample size N and the number of runs made (k + 2).
    public let n: Int
    public let runs: Int
    public let plans: [Plan]

    /// The second seed of the design, derived from the study's (documented so runs can be redone).
    public static func secondSeed(_ seed: UInt64) -> UInt64 { seed &+ 0x9E37_79B9_7F4A_7C15 }

    public init(_ study: Study, options base: RunOptions, n: Int) throws(EngineError) {
        self.init(study, evaluations: try Self.evaluate(study, options: base, n: n))
    }

    /// The design's plan NPVs for rows `range` of the N base trials (all when nil): what one shard
    /// of `clvsim run --shard I/K --sobol N` computes. Each row of A, B and every AB_i depends on
    /// that row alone (its draws and its process noise), so the rows split freely.
    public struct Evaluations: Sendable {
        public let n: Int
        public let range: Range<Int>
        /// [run][plan][row − range.lowerBound]: run 0 is A, 1 is B, 2 + i is AB_i.
        public var npv: [[[Double]]]

        public init(n: Int, range: Range<Int>, npv: [[[Double]]]) {
            self.n = n
            self.range = range
            self.npv = npv
        }
    }

    /// Uncertain inputs of a study (drawn, not constant): the design's inputs, in table order.
    static func designInputs(_ table: InputTable) -> [InputTable.Entry] {
        table.entries.filter { e in
            if case .scalar(let d) = e.kind { return !d.isConstant }
            if case .derived = e.kind { return false }     // follows its parameters
            return true
        }
    }

    /// Runs of the design, k + 2 for k uncertain inputs: A, B, then AB_i for each input.
    public static func designRuns(_ study: Study) -> Int { designInputs(Engine.compile(study).0).count + 2 }

    /// Runs (k + 2) × rows of the design.
    public static func evaluate(_ study: Study, options base: RunOptions, n: Int, rows: Range<Int>? = nil)
        throws(EngineError) -> Evaluations {
        let range = rows ?? 0..<n
        var o = base
        o.trials = n
        o.clvSamples = 1          // CLV samples do not enter NPV
        o.inputs = nil
        o.progress = nil
        o.trialRange = rows
        let a = try Engine.run(study, options: o)
        var ob = o
        ob.seed = Self.secondSeed(o.seed)
        let b = try Engine.run(study, options: ob)
        let planIndices = Array(1..<a.models.count)
        func npv(_ r: StudyRun) -> [[Double]] { planIndices.map { Array(PlanTrials(run: r, plan: $0).npv[range]) } }
        var out = [npv(a), npv(b)]
        for e in designInputs(a.inputs) {
            let ab = Matrix(rows: n, columns: a.draws.columns)
            for t in range {
                for c in 0..<a.draws.columns {
                    ab[t, c] = c >= e.slot && c < e.slot + e.width ? b.draws[t, c] : a.draws[t, c]
                }
            }
            var oab = o
            oab.inputs = ab
            out.append(npv(try Engine.run(study, options: oab)))
        }
        return Evaluations(n: n, range: range, npv: out)
    }

    /// The indices from the design's NPVs over all N rows.
    public init(_ study: Study, evaluations ev: Evaluations) {
        precondition(ev.range == 0..<ev.n, "Sobol indices need every row of the design")
        let n = ev.n
        let (table, models) = Engine.compile(study)
        let inputs = Self.designInputs(table)
        let planIndices = Array(1..<models.count)
        let fA = ev.npv[0], fB = ev.npv[1]
        var first = [[Double]](repeating: [], count: planIndices.count), total = first
        for i in inputs.indices {
            let fAB = ev.npv[2 + i]
            for p in planIndices.indices {
                let all = fA[p] + fB[p]
                let v = Statistics.variance(all)
                var s1 = 0.0, st = 0.0
                for t in 0..<n {
                    s1 += fB[p][t] * (fAB[p][t] - fA[p][t])
                    st += (fA[p][t] - fAB[p][t]) * (fA[p][t] - fAB[p][t])
                }
                first[p].append(v > 0 ? s1 / Double(n) / v : .nan)
                total[p].append(v > 0 ? st / Double(2 * n) / v : .nan)
            }
        }
        self.n = n
        runs = inputs.count + 2
        plans = planIndices.indices.map { p in
            Plan(name: models[planIndices[p]].scenario.name,
                 items: inputs.indices.map { Item(input: inputs[$0].path, firstOrder: first[p][$0], total: total[p][$0]) }
                    .sorted { ($0.total.isNaN ? -1 : $0.total) > ($1.total.isNaN ? -1 : $1.total) })
        }
    }
}
