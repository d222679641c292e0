public import CLVModel

/// A run rebuilt from part files (`clvsim merge`): the same matrices a plain `Engine.run` fills,
/// allocated once for all trials and filled block by block as the parts are read, so that merging
/// holds nothing but the run itself (the parts are streamed, never held).
///
/// Per-trial numbers land in place. A chunk's stage sums and overflow counts are sums of
/// non-negative whole numbers (customer counts, row counts); a chunk split between shards is the
/// sum of their pieces, which is exact — hence bit for bit the engine's own sum in any order — while
/// it stays below 2^53. `finish` checks that.
public final class RunAssembly: @unchecked Sendable {
    public let study: Study
    let record: RunOptionsRecord
    let inputs: InputTable
    let models: [ScenarioModel]
    let entries: [[[CLVEntryPoint]]]
    let draws: Matrix
    let trials: [ScenarioTrials]
    let clv: [[[Matrix]]]
    /// Per chunk: how many parts added to its sums.
    private var pieces: [Int]

    public enum Failure: Error, Sendable, Equatable {
        /// A chunk split between parts has sums too large to add exactly.
        case inexactChunk(chunk: Int)
    }

    public init(_ study: Study, trials n: Int, seed: UInt64, clvSamples: Int) {
        self.study = study
        record = RunOptionsRecord(trials: n, seed: seed, clvSamples: clvSamples)
        (inputs, models) = Engine.compile(study)
        let chunks = (n + Engine.chunkSize - 1) / Engine.chunkSize
        draws = Matrix(rows: n, columns: max(inputs.width, 1))
        trials = models.map {
            ScenarioTrials(trials: n, horizon: $0.horizon, segments: $0.segments.count, chunks: chunks,
                           categories: $0.categories.count, risks: $0.risks.count,
                           responses: $0.responses.count, rates: $0.alternateDiscounts.count)
        }
        entries = models.map { $0.segments.map(CLVEntryPoint.of) }
        clv = entries.map { $0.map { $0.map { _ in Matrix(rows: clvSamples, columns: 1) } } }
        pieces = [Int](repeating: 0, count: chunks)
    }

    private func plan(_ range: Range<Int>) -> [(RunBlock, BlockSource)] {
        RunParts.plan(trials: record.trials, clvSamples: record.clvSamples, drawColumns: draws.columns, scenarios: trials,
                      clvEntries: clv.map { $0.map(\.count) }, range: range)
    }

    /// The blocks a part of trials `range` must hold, in order (what a shard of this study writes).
    public func layout(_ range: Range<Int>) -> [RunBlock] { plan(range).map(\.0) }

    /// Fills the blocks of trials `range` in part order: `read` must fill each buffer it is given
    /// completely (or throw). Per-trial and customer blocks are read in place; chunk sums are read
    /// into a small buffer and added.
    public func fill<E: Error>(_ range: Range<Int>, read: (RunBlock, UnsafeMutableRawBufferPointer) throws(E) -> Void) throws(E) {
        for c in RunParts.chunks(range) { pieces[c] += 1 }
        for (block, source) in plan(range) {
            switch source {
            case .draws:
                try read(block, UnsafeMutableRawBufferPointer(draws.rowBlock(block.rows)))
            case .trials(let k, let i):
                let m = RunParts.matrices(trials[k])[i].matrix
                if block.kind == .chunkSum {
                    let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(block.rows.count * m.columns, 1))
                    defer { scratch.deallocate() }
                    let piece = UnsafeMutableBufferPointer(rebasing: scratch[0..<(block.rows.count * m.columns)])
                    try read(block, UnsafeMutableRawBufferPointer(piece))
                    let into = m.rowBlock(block.rows)
                    for j in 0..<piece.count { into[j] += piece[j] }
                } else {
                    try read(block, UnsafeMutableRawBufferPointer(m.rowBlock(block.rows)))
                }
            case .clv(let k, let g, let e):
                try read(block, UnsafeMutableRawBufferPointer(clv[k][g][e].rowBlock(block.rows)))
            }
        }
    }

    /// The run, once every trial's part has been read.
    public func finish() throws(Failure) -> StudyRun {
        // A chunk made of pieces: every sum must be a whole number below 2^53, where adding is exact.
        let limit = 9_007_199_254_740_992.0
        for (c, n) in pieces.enumerated() where n > 1 {
            for t in trials {
                for name in RunParts.chunkSums {
                    guard let m = RunParts.matrices(t).first(where: { $0.name == name })?.matrix else { continue }
                    for j in 0..<m.columns {
                        let x = m[c, j]
                        if !(x >= 0 && x < limit && x.rounded() == x) { throw .inexactChunk(chunk: c) }
                    }
                }
            }
        }
        let means = inputs.means()
        let expected = models.enumerated().map { ExpectedPath($1, means: means, entries: entries[$0]) }
        let samples = entries.enumerated().map { sc, segs in
            segs.enumerated().map { g, es in
                es.enumerated().map { e, point in CLVSample(entry: point, values: clv[sc][g][e].column(0)) }
            }
        }
        return StudyRun(study: study, options: record, inputs: inputs, models: models, draws: draws, trials: trials,
                        clv: samples, expected: expected, stats: RunStats())
    }
}
