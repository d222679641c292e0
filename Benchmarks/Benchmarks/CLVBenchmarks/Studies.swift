import Benchmark
import CLVAnalysis
import CLVEngine
import CLVModel
import CLVReport
import Foundation

/// Where the peer's benchmark studies live: `$CLVSIM_BENCH_STUDIES`, else `shared/bench/studies`
/// beside the work tree (this file is Benchmarks/Benchmarks/CLVBenchmarks/Studies.swift).
let studiesFolder: String = {
    if let p = ProcessInfo.processInfo.environment["CLVSIM_BENCH_STUDIES"], !p.isEmpty { return p }
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.deletingLastPathComponent().appendingPathComponent("shared/bench/studies").path
}()

/// The shipped example studies of the work tree.
let scenariosFolder: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("scenarios").path
}()

func load(_ path: String) -> Study {
    do {
        return try Loader.loadStudy(path: path)
    } catch {
        fatalError("cannot load \(path): \(error.items.map(\.description).joined(separator: "\n"))")
    }
}

func run(_ study: Study, trials: Int, clvSamples: Int, threads: Int) -> StudyRun {
    do {
        return try Engine.run(study, options: RunOptions(trials: trials, seed: study.simulation.seed,
                                                         clvSamples: clvSamples, threads: threads))
    } catch {
        fatalError("run failed: \(error)")
    }
}

/// A study as `clvsim run` takes it through the pipeline: run, analysis and the what-if
/// analytics, giving the `Results` every output renders.
func pipeline(_ study: Study, trials: Int, clvSamples: Int, threads: Int) -> StudyOutcome {
    var request = StudyRequest()
    request.trials = trials
    request.clvSamples = clvSamples
    request.threads = threads
    do {
        return try StudyPipeline.run(study, request)
    } catch {
        fatalError("run failed: \(error.lines.joined(separator: "\n"))")
    }
}

/// Whole-program stages on the benchmark studies: loading, trials, CLV sampling, analysis.
func studyBenchmarks() {
    let small = "\(studiesFolder)/bank-small/study.yaml"
    let retail = "\(scenariosFolder)/retail-bank/study.yaml"
    let slow = Benchmark.Configuration(metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
                                       timeUnits: .milliseconds, warmupIterations: 1,
                                       maxDuration: .seconds(10), maxIterations: 10)

    Benchmark("Load: bank-small (YAML, merge, validate)", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(load(small)) }
    }

    // Engine.run has no per-trial entry point, so "one trial" is a 100-trial run on one thread
    // with a single CLV sample per entry point: divide the time by 100 (3 scenarios per trial).
    Benchmark("Trials: bank-small, 100 trials, 1 thread (÷100 = one trial)", configuration: slow) { benchmark in
        let study = load(small)
        benchmark.startMeasurement()
        blackHole(run(study, trials: 100, clvSamples: 1, threads: 1))
        benchmark.stopMeasurement()
    }

    // Individual-customer CLV sampling: one trial, 20 000 customers per segment, entry and scenario
    // (4 segments × 1 entry × 3 scenarios = 240 000 customers on bank-small).
    Benchmark("CLV: bank-small, 1 trial, 20000 samples, 2 threads", configuration: slow) { benchmark in
        let study = load(small)
        benchmark.startMeasurement()
        blackHole(run(study, trials: 1, clvSamples: 20_000, threads: 2))
        benchmark.stopMeasurement()
    }

    // A whole study as the CLI runs it, less start-up: load, engine on every core, analysis and
    // the what-if analytics (StudyPipeline, as `clvsim run`).
    Benchmark("Study: bank-small, 10000 trials, 2 threads (load + run + analysis)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], timeUnits: .milliseconds,
                                   warmupIterations: 0, maxDuration: .seconds(30), maxIterations: 3)) { benchmark in
        blackHole(pipeline(load(small), trials: 10_000, clvSamples: 20_000, threads: 2).results)
    }

    Benchmark("Study: retail-bank (shipped), study settings, 2 threads", configuration: slow) { benchmark in
        let study = load(retail)
        blackHole(pipeline(study, trials: study.simulation.trials, clvSamples: study.simulation.clvSamples, threads: 2).results)
    }

    Benchmark("Analysis: bank-small, 10000 trials (summaries, plan metrics, CLV statistics)",
              configuration: slow) { benchmark in
        let r = run(load(small), trials: 10_000, clvSamples: 20_000, threads: 2)
        benchmark.startMeasurement()
        blackHole(Analysis(r))
        benchmark.stopMeasurement()
    }

    // The board report as `clvsim run --report` renders it (files are not written): document
    // model with its SVG charts, then Markdown and HTML.
    Benchmark("Report: retail-bank, build + Markdown + HTML (no file I/O)", configuration: slow) { benchmark in
        let study = load(retail)
        let results = pipeline(study, trials: study.simulation.trials, clvSamples: study.simulation.clvSamples, threads: 2).results
        let context = ReportContext(date: "2025-11-29", locale: .en)
        benchmark.startMeasurement()
        let document = ReportBuilder.build(results, context: context)
        blackHole(MarkdownRenderer.render(document).markdown)
        blackHole(HTMLRenderer.render(document))
        benchmark.stopMeasurement()
    }
}
