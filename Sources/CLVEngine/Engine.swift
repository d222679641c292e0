public import CLVModel
import CLVNumerics
import Dispatch
import Synchronization

/// How to run a study. Flags override the study's `simulation` block.
public struct RunOptions: Sendable {
    public var trials: Int
    public var seed: UInt64
    public var clvSamples: Int
    /// Worker threads; never changes a result.
    public var threads: Int
    /// Called from worker threads with the fraction of work done (0...1).
    public var progress: (@Sendable (Double) -> Void)?
    /// Polled between chunks; when it returns true the run stops and throws `EngineError.cancelled`.
    public var isCancelled: (@Sendable () -> Bool)?
    /// Input values to use instead of drawing them (rows: trials, columns: the study's input
    /// slots, as in `StudyRun.draws`), for designed experiments such as a Saltelli design.
    /// Process noise is drawn as usual, keyed by the trial.
    public var inputs: Matrix?
    /// Only these trials (a shard: `clvsim run --shard`); nil for all. Results are still indexed by
    /// trial over all `trials`, and every simulated trial is bit for bit what a full run gives it.
    public var trialRange: Range<Int>?
    /// How the rows' binomials are drawn: by default `BinomialLanes.engineISA`. Never changes a
    /// result; the tests run every choice this processor has and compare.
    var lanes: LaneChoice = .engineDefault
    /// Whether the terminal value is also valued at the alternate and hurdle rates
    /// (`TrialSimulator.valuesAtRates`): nil for when the study's NPV is on the terminal basis.
    /// Never changes a result; the tests force it on and compare.
    var valuesAtRates: Bool? = nil

    public init(trials: Int, seed: UInt64, clvSamples: Int, threads: Int,
                progress: (@Sendable (Double) -> Void)? = nil, isCancelled: (@Sendable () -> Bool)? = nil) {
        self.trials = trials
        self.seed = seed
        self.clvSamples = clvSamples
        self.threads = threads
        self.progress = progress
        self.isCancelled = isCancelled
    }

    /// The study's own settings, on every core.
    public init(_ study: Study) {
        self.init(trials: study.simulation.trials, seed: study.simulation.seed,
                  clvSamples: study.simulation.clvSamples, threads: Engine.defaultThreads)
    }
}

public enum EngineError: Error, Sendable, Equatable {
    case cancelled
    /// An input's draw was not a finite number (parameters at the edge of what the sampler can do).
    /// `trial` is 1-based; the lowest such trial is reported, whatever the thread count.
    case drawFailed(input: String, distribution: String, trial: Int)
}

/// Sampled customer lifetime values of one entry point of one segment.
public struct CLVSample: Sendable {
    public let entry: CLVEntryPoint
    public let values: [Double]
}

/// Everything a run produced, by trial index; the analysis reads it.
public final class StudyRun: Sendable {
    public let study: Study
    public let options: RunOptionsRecord
    public let inputs: InputTable
    /// Baseline first, then plans.
    public let models: [ScenarioModel]
    /// Every input's draw in every trial (rows: trials, columns: input slots).
    public let draws: Matrix
    public let trials: [ScenarioTrials]
    /// Per scenario, per segment, per entry point.
    public let clv: [[[CLVSample]]]
    public let expected: [ExpectedPath]
    /// How long the phases took and how much work they did (never part of results).
    public let stats: RunStats

    init(study: Study, options: RunOptionsRecord, inputs: InputTable, models: [ScenarioModel], draws: Matrix,
         trials: [ScenarioTrials], clv: [[[CLVSample]]], expected: [ExpectedPath], stats: RunStats) {
        self.study = study
        self.options = options
        self.inputs = inputs
        self.models = models
        self.draws = draws
        self.trials = trials
        self.clv = clv
        self.expected = expected
        self.stats = stats
    }
}

/// Work and wall-clock time of a run's phases, for `clvsim run --stats` and the benchmarks.
public struct RunStats: Sendable {
    /// Population trials: trials × scenarios simulated, and seconds.
    public var trialScenarios = 0
    public var populationSeconds = 0.0
    /// Individual customers and customer-periods simulated for the CLV distributions, and seconds.
    public var customers = 0
    public var customerPeriods = 0
    public var clvSeconds = 0.0
}

/// The settings a run used (what results record).
public struct RunOptionsRecord: Sendable, Hashable {
    public let trials: Int
    public let seed: UInt64
    public let clvSamples: Int
}

/// The Monte Carlo engine (model.md 3).
public enum Engine {
    /// How this run draws the rows' binomials: the binomial lanes' kernel variant chosen for this
    /// processor (`BinomialLanes.engineISA`), e.g. "AVX2 lanes", or "scalar".
    public static var binomialKernel: String { BinomialLanes.engineISA.map { "\($0) lanes" } ?? "scalar" }

    /// Trials per unit of work. Fixed, so that chunk-level sums never depend on the thread count.
    public static let chunkSize = 64
    /// Customers per unit of CLV work.
    static let customerChunk = 512

    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Compiles every scenario of `study` against one input table.
    public static func compile(_ study: Study) -> (InputTable, [ScenarioModel]) {
        var inputs = InputTable()
        var models: [ScenarioModel] = []
        let rates = study.decision?.hurdleGrid ?? []
        for (k, sc) in study.scenarios.enumerated() {
            models.append(ScenarioModel(sc, isPlan: k > 0, inputs: &inputs, rates: rates))
        }
        return (inputs, models)
    }

    /// Runs `study`: the population Monte Carlo of every scenario, individual-customer CLV
    /// samples, and the expected-value paths. Bit-identical for any `threads`.
    public static func run(_ study: Study, options o: RunOptions) throws(EngineError) -> StudyRun {
        Numerics.silenceGSL()
        let (inputs, models) = compile(study)
        let n = o.trials
        let chunks = (n + chunkSize - 1) / chunkSize
        // A shard runs the chunks its trials touch, and only its trials in them (Shards/RunParts.swift).
        let range = o.trialRange.map { $0.clamped(to: 0..<n) } ?? 0..<n
        let firstChunk = range.lowerBound / chunkSize
        let chunkCount = range.isEmpty ? 0 : (range.upperBound - 1) / chunkSize - firstChunk + 1
        let draws = Matrix(rows: n, columns: max(inputs.width, 1))
        // Correlation.swift; designed input values (o.inputs) come as they are.
        let correlated = o.inputs == nil ? CorrelatedDraws(study, inputs: inputs, seed: o.seed, trials: n) : nil
        let derived = inputs.derivedEntries
        let results = models.map {
            ScenarioTrials(trials: n, horizon: $0.horizon, segments: $0.segments.count, chunks: chunks,
                           categories: $0.categories.count, risks: $0.risks.count,
                           responses: $0.responses.count, rates: $0.alternateDiscounts.count)
        }
        let entries = models.map { $0.segments.map(CLVEntryPoint.of) }
        // CLV jobs: (scenario, segment, entry, range of trials whose customers the job simulates).
        var clvJobs: [(sc: Int, g: Int, e: Int, range: Range<Int>)] = []
        let clvOut: [[[Matrix]]] = entries.map { $0.map { $0.map { _ in Matrix(rows: o.clvSamples, columns: 1) } } }
        for (sc, segs) in entries.enumerated() {
            for (g, es) in segs.enumerated() {
                for e in es.indices {
                    // Jobs are ranges of trials holding about `customerChunk` customers each.
                    let populated = min(n, o.clvSamples, range.upperBound)
                    let span = max(1, customerChunk * min(n, o.clvSamples) / max(o.clvSamples, 1))
                    for lo in stride(from: range.lowerBound, to: populated, by: span) {
                        clvJobs.append((sc, g, e, lo..<min(lo + span, populated)))
                    }
                }
            }
        }
        let jobs = clvJobs
        let totalWork = Double(chunkCount + jobs.count)
        let counter = Atomic<Int>(0), done = Atomic<Int>(0), cancelled = Atomic<Bool>(false)
        // (trial, input entry) of the first draw that could not be made; lowest trial wins.
        let drawFailure = Mutex<(trial: Int, entry: Int)?>(nil)
        let threads = max(1, min(o.threads, 256))

        // Each of `threads` iterations is one worker with its own simulators and random stream
        // (a gsl_rng must never be shared between threads); work units are taken in order.
        let workers = WorkerSets(models: models, count: threads, lanes: o.lanes,
                                 valuesAtRates: o.valuesAtRates ?? (study.baseline.terminalValue == .clv))
        func worker(_ body: @Sendable (WorkerSets.Set, Int) -> Void, count: Int) {
            DispatchQueue.concurrentPerform(iterations: threads) { w in
                let sims = workers.set(w)
                while true {
                    if cancelled.load(ordering: .relaxed) { return }
                    if let c = o.isCancelled, c() { cancelled.store(true, ordering: .relaxed); return }
                    let k = counter.wrappingAdd(1, ordering: .relaxed).oldValue
                    if k >= count { return }
                    body(sims, k)
                    let finished = done.wrappingAdd(1, ordering: .relaxed).newValue
                    o.progress?(Double(finished) / totalWork)
                }
            }
        }

        // Phase 1: population trials, chunk by chunk; each thread keeps its own simulators.
        var stats = RunStats()
        var clock = ContinuousClock.now
        func lap() -> Double {
            let now = ContinuousClock.now, d = now - clock
            clock = now
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        worker({ sims, k in
            let chunk = firstChunk + k
            for trial in max(chunk * chunkSize, range.lowerBound)..<min((chunk + 1) * chunkSize, range.upperBound) {
                // Also polled per trial: a chunk of long-horizon trials can take seconds (debug builds),
                // and Ctrl-C should stop the run within a second.
                if let c = o.isCancelled, c() { cancelled.store(true, ordering: .relaxed); return }
                let row = draws.row(trial)
                if let given = o.inputs {
                    for k in 0..<row.count { row[k] = given[trial, k] }
                    InputTable.settle(derived, row)     // numbers computed from parameters follow them
                } else if let bad = inputs.draw(seed: o.seed, trial: trial, stream: sims.stream, into: row, correlated: correlated) {
                    drawFailure.withLock { f in if f == nil || trial < f!.trial { f = (trial, bad) } }
                    cancelled.store(true, ordering: .relaxed)
                    return
                }
                for (k, sim) in sims.trials.enumerated() {
                    sim.run(trial: trial, seed: o.seed, draws: UnsafeBufferPointer(row), into: results[k], chunk: chunk)
                }
            }
        }, count: chunkCount)
        if let f = drawFailure.withLock({ $0 }) {
            let e = inputs.entries[f.entry]
            throw .drawFailed(input: e.path, distribution: e.text, trial: f.trial + 1)
        }
        if cancelled.load(ordering: .relaxed) { throw .cancelled }
        stats.populationSeconds = lap()
        stats.trialScenarios = range.count * models.count

        // Phase 2: individual customers.
        counter.store(0, ordering: .relaxed)
        let customerPeriods = Matrix(rows: max(jobs.count, 1), columns: 1)
        worker({ sims, k in
            let job = jobs[k]
            let sim = sims.clv[job.sc]
            customerPeriods[k, 0] = Double(sim.run(segment: job.g, entry: entries[job.sc][job.g][job.e], trials: job.range, of: n, customers: o.clvSamples,
                    seed: o.seed, draws: draws, effectScale: results[job.sc].effectScale,
                    into: clvOut[job.sc][job.g][job.e].storage))
        }, count: jobs.count)
        if cancelled.load(ordering: .relaxed) { throw .cancelled }
        stats.clvSeconds = lap()
        stats.customerPeriods = Int(customerPeriods.column(0).reduce(0, +))
        stats.customers = entries.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } * o.clvSamples

        let means = inputs.means()
        let expected = models.enumerated().map { ExpectedPath($1, means: means, entries: entries[$0]) }
        let clv = entries.enumerated().map { sc, segs in
            segs.enumerated().map { g, es in
                es.enumerated().map { e, point in CLVSample(entry: point, values: clvOut[sc][g][e].column(0)) }
            }
        }
        return StudyRun(study: study, options: RunOptionsRecord(trials: n, seed: o.seed, clvSamples: o.clvSamples),
                        inputs: inputs, models: models, draws: draws, trials: results, clv: clv, expected: expected,
                        stats: stats)
    }
}

/// How the engine draws the rows' binomials (`RunOptions.lanes`).
enum LaneChoice: Sendable, Hashable {
    /// `BinomialLanes.engineISA`: the best kernel variant, or what `CLVSIM_LANES` asks for.
    case engineDefault
    /// One row after another with the scalar sampler.
    case scalar
    /// The lane kernel's variant `isa`.
    case lanes(BinomialLanes.ISA)

    /// The kernel variant to draw with, nil for the scalar sampler.
    var isa: BinomialLanes.ISA? {
        switch self {
        case .engineDefault: BinomialLanes.engineISA
        case .scalar: nil
        case .lanes(let isa): isa
        }
    }
}

/// One set of simulators per worker, created by the worker itself on first use.
final class WorkerSets: @unchecked Sendable {
    final class Set {
        let stream: RandomStream
        let trials: [TrialSimulator]
        let clv: [CLVSimulator]
        init(_ models: [ScenarioModel], lanes: LaneChoice, valuesAtRates: Bool) {
            let s = RandomStream()
            stream = s
            trials = models.map { TrialSimulator($0, stream: s, lanes: lanes.isa) }
            for t in trials { t.valuesAtRates = valuesAtRates }
            for plan in trials.dropFirst() { plan.reuse(trials[0]) }
            clv = models.map { CLVSimulator($0, stream: s, lanes: lanes.isa) }
        }
    }
    let models: [ScenarioModel]
    let lanes: LaneChoice
    /// `TrialSimulator.valuesAtRates`: whether the study's NPV is on the terminal basis.
    let valuesAtRates: Bool
    /// Slot w is only ever touched by worker w.
    private let sets: UnsafeMutableBufferPointer<Set?>

    init(models: [ScenarioModel], count: Int, lanes: LaneChoice, valuesAtRates: Bool = true) {
        self.models = models
        self.lanes = lanes
        self.valuesAtRates = valuesAtRates
        sets = .allocate(capacity: count)
        sets.initialize(repeating: nil)
    }

    deinit {
        _ = sets.deinitialize()
        sets.deallocate()
    }

    func set(_ w: Int) -> Set {
        if let s = sets[w] { return s }
        let s = Set(models, lanes: lanes, valuesAtRates: valuesAtRates)
        sets[w] = s
        return s
    }
}

import Foundation
