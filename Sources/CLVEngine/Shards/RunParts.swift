public import CLVModel

/// One contiguous block of a run's per-trial outputs, as a part file stores it
/// (`clvsim run --shard`, `clvsim merge`; docs/scale-out.md).
///
/// A part holds, for its trials, every number the run keeps by trial — the input draws, each
/// scenario's matrices of `ScenarioTrials` (found by reflection, so a matrix added there is
/// sharded with no change here) and the individual-customer CLVs of the customers who live in
/// those trials — plus the per-chunk sums of the chunks its trials touch.
public struct RunBlock: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Rows are trials.
        case perTrial
        /// Rows are chunks of `Engine.chunkSize` trials; a shard holds the sums over its own trials
        /// of the chunks it touches, and merging adds the pieces of a chunk split between shards.
        case chunkSum
        /// Rows are individual customers of one CLV sample (customer j lives in trial j mod n).
        case customers
    }
    /// `draws`, `trials[K].NAME`, `clv[K][G][E]`.
    public let name: String
    public let kind: Kind
    /// Doubles per row.
    public let columns: Int
    /// The rows this block covers.
    public let rows: Range<Int>

    /// Bytes of the block in a part file (exact doubles).
    public var bytes: Int { rows.count * columns * MemoryLayout<Double>.size }

    /// `name kind columns lo..<hi`, for comparing layouts.
    public var signature: String { "\(name) \(kind.rawValue) \(columns) \(rows.lowerBound)..<\(rows.upperBound)" }
}

/// Where a block's numbers live in a run or an assembly.
enum BlockSource {
    case draws
    case trials(scenario: Int, matrix: Int)
    case clv(scenario: Int, segment: Int, entry: Int)
}

/// The rows of shard I of N (`clvsim run --shard I/N`): trials, or rows of a Saltelli design.
public enum RunRange {
    /// [⌊I·n/N⌋, ⌊(I+1)·n/N⌋), I counting from 0.
    public static func of(shard i: Int, of count: Int, rows n: Int) -> Range<Int> {
        (i * n / count)..<((i + 1) * n / count)
    }
}

enum RunParts {
    /// `ScenarioTrials` matrices whose rows are chunks of trials, not trials.
    static let chunkSums: Set<String> = ["stageSums", "overflowCounts"]

    /// A scenario's matrices in declaration order.
    static func matrices(_ t: ScenarioTrials) -> [(name: String, matrix: Matrix)] {
        Mirror(reflecting: t).children.compactMap { c in (c.value as? Matrix).map { (c.label ?? "?", $0) } }
    }

    /// The chunks that trials `range` touch.
    static func chunks(_ range: Range<Int>) -> Range<Int> {
        range.isEmpty ? 0..<0 : (range.lowerBound / Engine.chunkSize)..<((range.upperBound - 1) / Engine.chunkSize + 1)
    }

    /// The blocks of trials `range`, in part order: draws; each scenario's matrices; each CLV sample's
    /// customers living in those trials (customers j = m·n + k, k in range, in runs of m).
    static func plan(trials n: Int, clvSamples: Int, drawColumns: Int, scenarios: [ScenarioTrials], clvEntries: [[Int]],
                     range: Range<Int>) -> [(RunBlock, BlockSource)] {
        var out: [(RunBlock, BlockSource)] = [(RunBlock(name: "draws", kind: .perTrial, columns: drawColumns, rows: range), .draws)]
        for (k, t) in scenarios.enumerated() {
            for (i, m) in matrices(t).enumerated() {
                let chunked = chunkSums.contains(m.name)
                // A new matrix of ScenarioTrials is sharded by trial; one with other rows must be taught here.
                precondition(chunked || m.matrix.rows == n, "ScenarioTrials.\(m.name) is neither per trial nor a known chunk sum")
                out.append((RunBlock(name: "trials[\(k)].\(m.name)", kind: chunked ? .chunkSum : .perTrial,
                                     columns: m.matrix.columns, rows: chunked ? chunks(range) : range),
                            .trials(scenario: k, matrix: i)))
            }
        }
        for (k, segs) in clvEntries.enumerated() {
            for (g, entries) in segs.enumerated() {
                for e in 0..<entries {
                    var base = 0
                    while base + range.lowerBound < clvSamples && !range.isEmpty {
                        let rows = (base + range.lowerBound)..<min(base + range.upperBound, clvSamples)
                        out.append((RunBlock(name: "clv[\(k)][\(g)][\(e)]", kind: .customers, columns: 1, rows: rows),
                                    .clv(scenario: k, segment: g, entry: e)))
                        base += n
                    }
                }
            }
        }
        return out
    }
}

extension StudyRun {
    /// The blocks a part of trials `range` holds, in order.
    public func partLayout(_ range: Range<Int>) -> [RunBlock] { plan(range).map(\.0) }

    private func plan(_ range: Range<Int>) -> [(RunBlock, BlockSource)] {
        RunParts.plan(trials: options.trials, clvSamples: options.clvSamples, drawColumns: draws.columns, scenarios: trials,
                      clvEntries: clv.map { $0.map(\.count) }, range: range)
    }

    /// Visits the bytes of every block of trials `range`, in part order (exact doubles, host byte order).
    /// The run must have simulated those trials (`RunOptions.trialRange`).
    public func forEachPartBlock<E: Error>(_ range: Range<Int>, _ body: (RunBlock, UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        for (block, source) in plan(range) {
            switch source {
            case .draws:
                try body(block, UnsafeRawBufferPointer(draws.rowBlock(block.rows)))
            case .trials(let k, let i):
                try body(block, UnsafeRawBufferPointer(RunParts.matrices(trials[k])[i].matrix.rowBlock(block.rows)))
            case .clv(let k, let g, let e):
                var failure: E? = nil
                clv[k][g][e].values.withUnsafeBytes { v in
                    do throws(E) { try body(block, UnsafeRawBufferPointer(rebasing: v[(block.rows.lowerBound * 8)..<(block.rows.upperBound * 8)])) } catch {
                        failure = error
                    }
                }
                if let failure { throw failure }
            }
        }
    }
}

extension Matrix {
    /// Rows `r` as one contiguous buffer.
    func rowBlock(_ r: Range<Int>) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: storage[(r.lowerBound * columns)..<(r.upperBound * columns)])
    }
}
