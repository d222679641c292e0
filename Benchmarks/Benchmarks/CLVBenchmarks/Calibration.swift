import Benchmark
import CLVCalibration
import CLVModel
import Foundation

/// A synthetic transaction log of `rows` rows: `customers` customers, dates in date order over
/// five years (60 months), amounts 5.00–204.99; `scripts/bench_compare.py`'s `write_transactions`.
/// Row k is customer 7919·k mod `customers` in month ⌊60k / rows⌋: each run of `customers`
/// consecutive rows names every customer once and spans 60·customers/rows months, so with
/// rows ≥ customers every row is a distinct customer-month. Written once into the temporary
/// folder (10 M rows ≈ 330 MB) and reused; never committed.
func syntheticTransactionLog(rows: Int, customers: Int) -> String {
    let path = NSTemporaryDirectory() + "clvsim-bench-transactions-\(rows).csv"
    if FileManager.default.fileExists(atPath: path) { return path }
    guard let f = fopen(path + ".tmp", "w") else { fatalError("cannot write \(path)") }
    fputs("customer,date,amount\n", f)
    var line = [UInt8](repeating: 0, count: 64)
    for k in 0..<rows {
        // Scattered customers (7919 is prime and coprime with the counts used), months in order.
        let c = (k &* 7919) % customers, m = k * 60 / rows
        let y = 2020 + m / 12, mo = m % 12 + 1, d = k % 28 + 1
        let cents = 500 + (k &* 2_654_435_761) % 20_000
        let s = "C\(c),\(y)-\(mo < 10 ? "0" : "")\(mo)-\(d < 10 ? "0" : "")\(d),\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)\n"
        line = Array(s.utf8)
        fwrite(line, 1, line.count, f)
    }
    fclose(f)
    rename(path + ".tmp", path)
    return path
}

/// A synthetic panel: `customers` customers × `quarters` quarters from 2020Q1, sorted by customer
/// (so it streams), four states, revenue and cost; the same rows as `scripts/bench_compare.py`'s.
func syntheticPanel(customers: Int, quarters: Int) -> String {
    let path = NSTemporaryDirectory() + "clvsim-bench-panel-\(customers)x\(quarters).csv"
    if FileManager.default.fileExists(atPath: path) { return path }
    guard let f = fopen(path + ".tmp", "w") else { fatalError("cannot write \(path)") }
    fputs("customer,period,state,revenue,cost\n", f)
    let states = ["new", "active", "cross_sold", "at_risk"]
    for c in 0..<customers {
        for t in 0..<quarters {
            let h = (c &* 2_654_435_761 &+ t &* 40503) % 1000
            let s = "C\(c),\(2020 + t / 4)Q\(t % 4 + 1),\(states[t == 0 ? 0 : 1 + h % 3]),\(50 + h % 400).\(h % 100 < 10 ? "0" : "")\(h % 100),\(20 + h % 30)\n"
            let bytes = Array(s.utf8)
            fwrite(bytes, 1, bytes.count, f)
        }
    }
    fclose(f)
    rename(path + ".tmp", path)
    return path
}

/// `clvsim calibrate` on 10-million-row files, read, counted, EM, YAML (and with `--holdout 6` the
/// backtest): the files are generated at setup into the temporary folder and reused by later
/// runs (delete `$TMPDIR/clvsim-bench-*` to regenerate); never committed.
///
/// The log's 10 M rows are 10 M distinct customer-months (1 M customers, each in 10 of 60
/// months): what a transaction log keeps per customer must not grow with them.
func calibrationBenchmarks() {
    let config = Benchmark.Configuration(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], timeUnits: .seconds,
                                         warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 1)
    func log() -> String { syntheticTransactionLog(rows: 10_000_000, customers: 1_000_000) }
    func panel() -> String { syntheticPanel(customers: 1_000_000, quarters: 10) }
    func calibrate(_ benchmark: Benchmark, _ body: () throws(Diagnostics) -> CalibrationResult) {
        benchmark.startMeasurement()
        do { blackHole(try body().baselineYAML) } catch {
            fatalError("calibration failed: \(error.items.map(\.description).joined(separator: "\n"))")
        }
        benchmark.stopMeasurement()
    }
    Benchmark("Calibrate: transaction log, 10 M rows (10 M distinct customer-months, 1 M customers), month periods",
              configuration: config, closure: { benchmark in
        var o = CalibrationOptions()
        o.period = .month
        let path = log()
        calibrate(benchmark) { () throws(Diagnostics) in try Calibration.transactions(path: path, options: o) }
    }, setup: { _ = log() })
    Benchmark("Calibrate: the same log with --holdout 6 (backtest, 1000 trials, 2 threads)",
              configuration: config, closure: { benchmark in
        var o = CalibrationOptions()
        o.period = .month
        o.holdout = 6
        o.threads = 2
        let path = log()
        calibrate(benchmark) { () throws(Diagnostics) in try Calibration.transactions(path: path, options: o) }
    }, setup: { _ = log() })
    Benchmark("Calibrate: panel, 10 M rows, 1 M customers x 10 quarters (streamed)", configuration: config, closure: { benchmark in
        let path = panel()
        calibrate(benchmark) { () throws(Diagnostics) in try Calibration.panel(path: path, options: CalibrationOptions()) }
    }, setup: { _ = panel() })
}
