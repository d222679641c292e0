import ArgumentParser
import CLVAnalysis
import CLVModel
import CLVShards
import Foundation

/// `--shard I/N` or `--shard auto/N`: which part of a run this process makes (docs/scale-out.md).
struct ShardSpec: Sendable, Hashable {
    /// From 0; nil for `auto`, read from the scheduler's index variable when the run starts.
    var index: Int?
    var count: Int

    /// The index variables of the schedulers: Slurm job arrays, Kubernetes Indexed Jobs.
    static let indexVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"]
    static let maxShards = 100_000

    static func parse(_ text: String) throws -> ShardSpec {
        let usage = "--shard must be I/N with 0 ≤ I < N ≤ \(maxShards), or auto/N (I from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)"
        let bits = text.split(separator: "/", omittingEmptySubsequences: false)
        guard bits.count == 2, let n = Int(bits[1]), (1...maxShards).contains(n) else { throw ValidationError(usage) }
        if bits[0] == "auto" { return ShardSpec(index: nil, count: n) }
        guard let i = Int(bits[0]), (0..<n).contains(i) else { throw ValidationError(usage) }
        return ShardSpec(index: i, count: n)
    }

    /// The shard index: given, or from the environment (the first index variable set).
    func resolve(_ environment: [String: String]) throws(CommandFailure) -> Int {
        if let index { return index }
        for name in Self.indexVariables {
            guard let v = environment[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { continue }
            guard let i = Int(v), (0..<count).contains(i) else {
                throw CommandFailure(status: .usage, lines: ["clvsim: error: --shard auto/\(count): \(name)=\(v) is not a shard index 0…\(count - 1)"])
            }
            return i
        }
        throw CommandFailure(status: .usage, lines: [
            "clvsim: error: --shard auto/\(count) reads the shard index from \(Self.indexVariables.joined(separator: " or ")), and neither is set"])
    }
}

/// The flags of a sharded run, kept apart from `RunCommand` so that its own flags stay as they are.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run only shard I of N (I from 0: trials [⌊I·n/N⌋, ⌊(I+1)·n/N⌋)) and write a part file "
                               + "for `clvsim merge`; auto/N takes I from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX.",
                               valueName: "I/N"), transform: ShardSpec.parse)
    var shard: ShardSpec?

    @Option(help: ArgumentHelp("The part file a --shard run writes.", valueName: "PART"))
    var out: String?

    init() {}

    func validate() throws {
        if out != nil && shard == nil { throw ValidationError("--out goes with --shard I/N") }
        if shard != nil && out == nil { throw ValidationError("--shard needs --out PART: the file `clvsim merge` reads") }
    }

    /// Usage check against the run's other flags.
    func check(json: String?, report: String?, trialsOut: String?, precision: Bool) throws {
        guard shard != nil else { return }
        if json != nil || report != nil || trialsOut != nil {
            throw ValidationError("--shard writes a part file (--out); the results JSON, the report and --trials-out come from "
                                  + "`clvsim merge PART... --json FILE --report DIR --trials-out FILE`")
        }
        if precision { throw ValidationError("--precision cannot be sharded: it decides the number of trials as it runs; give --trials") }
    }
}

extension RunCommand {
    /// `clvsim run STUDY --shard I/N --out PART`: runs the shard's trials and writes its part.
    func executeShard(_ spec: ShardSpec, out: String, console: Console,
                      environment: [String: String] = ProcessInfo.processInfo.environment) -> ExitStatus {
        let index: Int
        do { index = try spec.resolve(environment) } catch {
            for line in error.lines { console.error(line) }
            return error.status
        }
        let loaded: Study
        do { loaded = try StudyPipeline.load(study) } catch { return failShard(error, console) }
        for w in loaded.warnings { console.error(w.description) }
        do {
            _ = try OutputSet(files: [(option: "--out", path: out)], report: nil, inputs: loaded.inputs.map(\.path))
        } catch {
            console.error(error.message)
            return error.status
        }
        let interrupt = Signals.install()
        defer { interrupt.remove() }
        var request = studyRequest(console, isCancelled: { interrupt.isSet })
        let bar = !quiet && console.errIsTerminal ? ProgressBar(console) : nil
        if let bar { request.progress = { bar.update($0) } }
        let outcome: StudyPipeline.ShardOutcome, prepared: Study
        do {
            (prepared, _) = try StudyPipeline.prepare(loaded, request)
            outcome = try StudyPipeline.runShard(prepared, request, shard: index, of: spec.count)
        } catch {
            bar?.finish()
            return failShard(error, console)
        }
        bar?.finish()
        if interrupt.isSet { console.error(Signals.message); return .runtimeFailure }
        let o = StudyPipeline.options(prepared, request)
        let header = PartHeader(study: loaded, studyPath: study, seed: o.seed, trials: o.trials, clvSamples: o.clvSamples,
                                stress: whatIf.stress, sobol: prepared.plans.isEmpty ? nil : whatIf.sobol,
                                shard: index, of: spec.count)
        let bytes: Int
        do { bytes = try PartWriter.write(outcome.run, range: outcome.trials, sobol: outcome.sobol, header: header, to: out) } catch {
            console.error(error.description)
            return .runtimeFailure
        }
        if !quiet {
            let t = outcome.trials
            console.print("\(loaded.name) — shard \(index)/\(spec.count): trials [\(t.lowerBound), \(t.upperBound)) of "
                          + "\(Format.grouped(Double(o.trials), decimals: 0))"
                          + (outcome.sobol.map { ", Sobol rows [\($0.range.lowerBound), \($0.range.upperBound)) of \($0.n)" } ?? "")
                          + String(format: ", %.2f s → %@ (%@)", outcome.seconds, out, StudyPipeline.byteText(Double(bytes))))
        }
        return .success
    }

    private func failShard(_ error: PipelineError, _ console: Console) -> ExitStatus {
        switch error {
        case .cancelled: console.error(Signals.message)
        default: for line in error.lines { console.error(line) }
        }
        return error.exitStatus
    }
}
