import CLVModel
import CLVAnalysis
import CLVEngine
import Foundation

/// Forecast against actual over the held-out periods (`--holdout N`).
public struct Backtest: Sendable {
    /// Mean, 5th and 95th percentile of the forecast per period, and the actual's percentile in it.
    public struct Band: Sendable {
        public var mean: [Double]
        public var p5: [Double]
        public var p95: [Double]
        /// Share of trials below the actual (ties count half), per period.
        public var actualPercentile: [Double]
    }

    public var periods: [String]
    public var calibrationPeriods: (first: String, last: String)
    public var source: (file: String, sha256: String)
    public var trials: Int
    public var seed: UInt64
    public var actualRevenue: [Double]
    public var actualActive: [Double]
    public var revenue: Band
    public var active: Band
    /// The 6-month (N-period) revenue total: forecast mean, P5, P95.
    public var revenueTotal: (mean: Double, p5: Double, p95: Double)

    public var actualRevenueTotal: Double { actualRevenue.reduce(0, +) }
    /// (forecast − actual) / actual of the revenue total over the held-out periods.
    public var revenueTotalRelative: Double { (revenueTotal.mean - actualRevenueTotal) / actualRevenueTotal }
    /// Mean absolute percentage error per period (a fraction).
    public var revenueMAPE: Double { Self.mape(revenue.mean, actualRevenue) }
    public var activeMAPE: Double { Self.mape(active.mean, actualActive) }

    static func mape(_ f: [Double], _ a: [Double]) -> Double {
        let terms = zip(f, a).filter { $0.1 != 0 }.map { abs($0.0 - $0.1) / abs($0.1) }
        return terms.isEmpty ? .nan : terms.reduce(0, +) / Double(terms.count)
    }

    /// `backtest.json` (schema `clvsim-backtest/1`).
    public func json() -> String {
        func band(_ b: Band) -> JSON {
            .object([("mean", .array(b.mean.map(JSON.num))), ("p5", .array(b.p5.map(JSON.num))), ("p95", .array(b.p95.map(JSON.num)))])
        }
        let doc: JSON = .object([
            ("schema", .string("clvsim-backtest/1")),
            ("tool", .object([("name", .string(Tool.name)), ("version", .string(Tool.version))])),
            ("source", .object([("file", .string(source.file)), ("sha256", .string(source.sha256))])),
            ("calibration", .object([("from", .string(calibrationPeriods.first)), ("to", .string(calibrationPeriods.last))])),
            ("seed", .uint(seed)), ("trials", .int(Int64(trials))),
            ("periods", .array(periods.map { .string($0) })),
            ("actual", .object([("revenue", .array(actualRevenue.map(JSON.num))),
                                ("active_customers", .array(actualActive.map(JSON.num)))])),
            ("forecast", .object([("revenue", band(revenue)), ("active_customers", band(active)),
                                  ("revenue_total", .object([("mean", .num(revenueTotal.mean)), ("p5", .num(revenueTotal.p5)),
                                                             ("p95", .num(revenueTotal.p95))]))])),
            ("actual_percentile", .object([("revenue", .array(revenue.actualPercentile.map(JSON.num))),
                                           ("active_customers", .array(active.actualPercentile.map(JSON.num)))])),
            ("error", .object([("revenue_total_relative", .num(revenueTotalRelative)),
                               ("revenue_mape", .num(revenueMAPE)),
                               ("active_customers_mape", .num(activeMAPE))])),
        ])
        return doc.rendered()
    }
}

/// Runs the calibrated baseline through clvsim's own engine for the held-out periods.
enum BacktestRunner {
    /// Simulates `study` (its baseline's horizon = the holdout) and summarises revenue and active
    /// customers per period. Revenue is the cash flow of a copy with costs and acquisition costs
    /// removed; active customers are, for `activeStates`, the cash flow of a copy that earns 1 per
    /// customer in an active state, or the engine's non-churn count when `activeStates` is nil.
    static func run(_ study: Study, activeStates: [Bool]?, trials: Int, seed: UInt64, threads: Int) throws -> (revenue: [[Double]], active: [[Double]]) {
        var revenueStudy = study
        for g in revenueStudy.baseline.segments.indices {
            revenueStudy.baseline.segments[g].acquisitionCost = nil
            for v in revenueStudy.baseline.segments[g].value.indices { revenueStudy.baseline.segments[g].value[v].cost = nil }
        }
        let options = RunOptions(trials: trials, seed: seed, clvSamples: 0, threads: threads)
        let T = study.baseline.horizon
        let run = try Engine.run(revenueStudy, options: options)
        let revenue = (1...T).map { t in (0..<trials).map { run.trials[0].cashFlow[$0, t] } }
        guard let activeStates else {
            return (revenue, (1...T).map { t in (0..<trials).map { run.trials[0].customers[$0, t] } })
        }
        var counting = revenueStudy
        for g in counting.baseline.segments.indices {
            counting.baseline.segments[g].value = study.baseline.states.indices.filter { activeStates[$0] }.map { s in
                StateValue(state: s, revenue: .constant(1, path: "segments.\(study.baseline.segments[g].name).value.\(study.baseline.states[s].name).revenue",
                                                        location: SourceLocation(file: study.file, line: 0, column: 0)))
            }
        }
        let countRun = try Engine.run(counting, options: options)
        return (revenue, (1...T).map { t in (0..<trials).map { countRun.trials[0].cashFlow[$0, t] } })
    }

    static func band(_ draws: [[Double]], actual: [Double]) -> Backtest.Band {
        var b = Backtest.Band(mean: [], p5: [], p95: [], actualPercentile: [])
        for (t, x) in draws.enumerated() {
            let s = x.sorted()
            b.mean.append(Statistics.sum(x) / Double(x.count))
            b.p5.append(Statistics.quantile(sorted: s, 0.05))
            b.p95.append(Statistics.quantile(sorted: s, 0.95))
            let below = x.reduce(0.0) { $0 + ($1 < actual[t] ? 1 : $1 == actual[t] ? 0.5 : 0) }
            b.actualPercentile.append(below / Double(x.count))
        }
        return b
    }
}
