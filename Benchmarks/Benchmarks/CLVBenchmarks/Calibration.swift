import Benchmark
import CLVCalibration
import Foundation

/// A synthetic transaction log of `rows` rows: `customers` customers, dates in date order over
/// five years (60 months), amounts 5.00–204.99. Written once per process into the temporary
/// folder (10 M rows ≈ 330 MB); never committed.
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

/// `clvsim calibrate transactions` on a 10-million-row log: read, states, EM, YAML (no backtest).
func calibrationBenchmarks() {
    let config = Benchmark.Configuration(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], timeUnits: .seconds,
                                         warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 1)
    Benchmark("Calibrate: transaction log, 10 M rows, 1 M customers, month periods", configuration: config) { benchmark in
        let path = syntheticTransactionLog(rows: 10_000_000, customers: 1_000_000)
        var o = CalibrationOptions()
        o.period = .month
        benchmark.startMeasurement()
        do { blackHole(try Calibration.transactions(path: path, options: o).baselineYAML) } catch {
            fatalError("calibration failed: \(error)")
        }
        benchmark.stopMeasurement()
    }
    Benchmark("Calibrate: panel, 10 M rows, 1 M customers x 10 quarters (streamed)", configuration: config) { benchmark in
        let path = syntheticPanel(customers: 1_000_000, quarters: 10)
        benchmark.startMeasurement()
        do { blackHole(try Calibration.panel(path: path, options: CalibrationOptions()).baselineYAML) } catch {
            fatalError("calibration failed: \(error)")
        }
        benchmark.stopMeasurement()
    }
}
