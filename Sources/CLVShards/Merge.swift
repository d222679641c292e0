public import CLVAnalysis
public import CLVEngine
public import CLVModel
import Foundation

/// `clvsim merge`: part files back into one run, analysed as a plain run is.
///
/// 1. Every part's header is read (nothing else yet) and checked: the same tool version as this
///    clvsim, the same study, input files, seed, trials, CLV samples, `--stress` and `--sobol` as
///    the other parts (the value most parts agree on is the reference, so the odd part is named),
///    and the same input files as on disk now (the study is loaded again to be analysed).
/// 2. The parts' trial ranges (and Sobol design rows) must tile the run exactly once: a missing,
///    duplicated or overlapping part is refused, naming it.
/// 3. The bodies are streamed one part at a time into a `RunAssembly`, checked against their
///    SHA-256, and the run is analysed by `StudyPipeline.analyseMerged`.
public enum Merge {
    /// The headers of `paths`, checked as one run's parts (steps 1–2), with the study they come from.
    public static func check(_ paths: [String]) throws(PartError) -> (parts: [PartFile], study: Study, stress: [Stress]) {
        guard !paths.isEmpty else { throw PartError(nil, "no part files given") }
        var parts: [PartFile] = []
        for p in paths { parts.append(try PartFile(path: p)) }
        for p in parts where p.header.tool != Tool.version {
            throw PartError(p.path, "written by clvsim \(p.header.tool); this is clvsim \(Tool.version): merge with the version that ran the shards")
        }
        try agree(parts, "study file", { $0.study })
        try agree(parts, "seed", { $0.seed })
        try agree(parts, "trials", { String($0.trials) })
        try agree(parts, "CLV samples", { String($0.clvSamples) })
        try agree(parts, "--stress", { $0.stress.map { "\($0.path)=\($0.level)\($0.value.map { ":\($0)" } ?? "")" }.joined(separator: ", ") })
        try agree(parts, "--sobol", { $0.sobol.map(String.init) ?? "none" })
        try agree(parts, "input files", { $0.inputs.map { "\($0.file) \($0.sha256)" }.joined(separator: "; ") }) { a, b in
            differingInput(a.header.inputs, b.header.inputs)
        }
        let h = parts[0].header
        // The study as it is on disk now must be what the shards ran.
        let study: Study
        do { study = try StudyPipeline.load(h.study) } catch {
            throw PartError(h.study, "cannot load the study the parts were run from: " + (error.lines.first ?? ""))
        }
        let now = study.inputs.map { PartHeader.Input(file: $0.path, sha256: $0.sha256) }
        if now != h.inputs {
            let why = differingInput(now, h.inputs) ?? "its input files differ"
            throw PartError(now.first { f in !h.inputs.contains(f) }?.file ?? h.study,
                            "changed since the parts were written (\(why)); run the shards again")
        }
        var stress: [Stress] = []
        for s in h.stress {
            guard let x = s.stress else { throw PartError(parts[0].path, "corrupted part file: unreadable --stress") }
            stress.append(x)
        }
        try Cover.check(parts.map { Cover.Piece(path: $0.path, shard: $0.header.shard, shards: $0.header.shards, rows: $0.header.range) },
                        total: h.trials, what: "trials")
        if let n = h.sobol, !study.plans.isEmpty {
            var pieces: [Cover.Piece] = []
            for p in parts {
                guard let rows = p.header.sobolRows else { throw PartError(p.path, "holds no rows of the --sobol \(n) design") }
                pieces.append(Cover.Piece(path: p.path, shard: p.header.shard, shards: p.header.shards, rows: rows))
            }
            try Cover.check(pieces, total: n, what: "Sobol design rows")
        }
        return (parts, study, stress)
    }

    /// Steps 1–3: the merged run, analysed. `request` carries the threads, the git commit to record
    /// (with `--report`) and cancellation; trials, seed and the rest come from the parts.
    public static func run(_ paths: [String], _ request: StudyRequest) throws(MergeFailure) -> StudyOutcome {
        var stats = MergeStats()
        return try run(paths, request, stats: &stats)
    }

    /// `run`, reporting how the parts were read.
    public static func run(_ paths: [String], _ request: StudyRequest, stats: inout MergeStats) throws(MergeFailure) -> StudyOutcome {
        let started = Date()
        let (parts, loaded, stress): ([PartFile], Study, [Stress])
        do { (parts, loaded, stress) = try check(paths) } catch { throw .part(error) }
        let h = parts[0].header
        var r = request
        r.trials = h.trials
        r.seed = UInt64(h.seed)
        r.clvSamples = h.clvSamples
        r.stress = stress
        r.sobol = h.sobol
        r.precision = nil
        let (study, applied): (Study, [Stress.Applied])
        do { (study, applied) = try StudyPipeline.prepare(loaded, r) } catch { throw .pipeline(error) }
        let assembly = RunAssembly(study, trials: h.trials, seed: UInt64(h.seed) ?? 0, clvSamples: h.clvSamples)
        let plans = study.plans.count
        let runs = h.sobol != nil && plans > 0 ? SaltelliSobol.designRuns(study) : 0
        var sobol = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: h.sobol ?? 0), count: plans), count: runs)
        // In trial order, one part open at a time.
        for p in parts.sorted(by: { ($0.header.trialRange[0], $0.header.shard) < ($1.header.trialRange[0], $1.header.shard) }) {
            if let c = request.isCancelled, c() { throw .pipeline(.cancelled) }
            if runs > 0, p.header.sobolColumns != runs * plans {
                throw .part(PartError(p.path, "its --sobol design has \(p.header.sobolColumns ?? 0) columns, this study's \(runs * plans)"))
            }
            do { try p.readBody(into: assembly, sobol: &sobol, stats: &stats) } catch { throw .part(error) }
            stats.parts += 1
        }
        let run: StudyRun
        do { run = try assembly.finish() } catch {
            throw .part(PartError(nil, "cannot merge bit-identically: a chunk of \(Engine.chunkSize) trials split between parts "
                                  + "has stage sums of 2^53 customers or more; shard at multiples of \(Engine.chunkSize) trials"))
        }
        let evaluations = runs > 0 ? SaltelliSobol.Evaluations(n: h.sobol!, range: 0..<h.sobol!, npv: sobol) : nil
        do {
            return try StudyPipeline.analyseMerged(study, run: run, stress: applied, sobol: evaluations, r,
                                                   readSeconds: Date().timeIntervalSince(started))
        } catch {
            throw .pipeline(error)
        }
    }

    /// Refuses when the parts disagree on a setting: the odd part is named against the value most share.
    static func agree(_ parts: [PartFile], _ what: String, _ key: (PartHeader) -> String,
                      detail: ((PartFile, PartFile) -> String?)? = nil) throws(PartError) {
        var counts: [String: Int] = [:]
        for p in parts { counts[key(p.header), default: 0] += 1 }
        guard counts.count > 1 else { return }
        // The reference: the value most parts share; on a tie, the first part's.
        let best = counts.values.max()!
        let reference = parts.first { counts[key($0.header)] == best }!
        let odd = parts.first { key($0.header) != key(reference.header) }!
        let why = detail?(odd, reference) ?? "\(what) \(key(odd.header)), not \(key(reference.header))"
        throw PartError(odd.path, "not a part of the same run as \(reference.path): \(why)")
    }

    /// `FILE has sha256 abc…, not def…`, for the first input file that differs.
    static func differingInput(_ a: [PartHeader.Input], _ b: [PartHeader.Input]) -> String? {
        for x in a {
            guard let y = b.first(where: { $0.file == x.file }) else { return "\(x.file) is not among the other's inputs" }
            if y.sha256 != x.sha256 { return "\(x.file) has SHA-256 \(x.sha256.prefix(12))…, not \(y.sha256.prefix(12))…" }
        }
        for y in b where !a.contains(where: { $0.file == y.file }) { return "\(y.file) is missing from its inputs" }
        return nil
    }
}

/// How a merge read its parts: the evidence that it streams them (one part open at a time, reads
/// of at most `PartFile.readLimit` bytes straight into the run), whatever their number and size.
public struct MergeStats: Sendable {
    public var parts = 0
    /// Body bytes read, and the largest single read.
    public var bytesRead = 0, largestRead = 0
    /// Part bodies open at once, now and at most.
    public var openParts = 0, mostOpenParts = 0
    /// The largest single read `PartFile` makes.
    public static var readLimit: Int { PartFile.readLimit }
    public init() {}
}

/// Why a merge failed: a part (exit 1) or the pipeline (its own exit status).
public enum MergeFailure: Error, Sendable {
    case part(PartError)
    case pipeline(PipelineError)
}
