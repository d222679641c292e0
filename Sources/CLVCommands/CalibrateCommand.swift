import ArgumentParser
import CLVCalibration
import CLVModel
import CLVReport
import Foundation

/// `clvsim calibrate panel|transactions FILE`: a baseline scenario from the institution's own data.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Calibrate a baseline scenario from customer data, and backtest it (docs/calibration.md).",
        subcommands: [Panel.self, Transactions.self])

    /// Flags both data kinds take.
    struct Common: ParsableArguments {
        @Option(help: "Folder for baseline.yaml (and backtest.json, backtest.md, backtest.html with --holdout).")
        var out = "calibration"

        @Option(help: ArgumentHelp("Column names by role, e.g. customer=id,period=quarter (see docs/calibration.md).", valueName: "ROLE=NAME,..."))
        var columns: String?

        @Option(help: "Dirichlet prior weight added to every destination of a transition row; 0 gives the counts exactly.")
        var prior = 0.5

        @Option(help: "New customers: auto (mean, or none for a closed cohort), mean, or none.")
        var arrivals = "auto"

        @Option(help: "Latent classes per segment (customer heterogeneity): a number, or auto (chosen by BIC, at most 6). Default: auto for transaction logs, 1 for panels.")
        var classes: String?

        @Option(help: "Hold out the last N periods: calibrate on the rest and backtest the forecast against them.")
        var holdout = 0

        @Option(help: "Horizon (periods) written into baseline.yaml.")
        var horizon = 20

        @Option(help: "Currency written into baseline.yaml.")
        var currency = "CNY"

        @Option(name: .customLong("discount-rate"), help: "Annual discount rate written into baseline.yaml.")
        var discountRate = 0.08

        @Option(help: "Scenario name (default: 'Calibrated from FILE').")
        var name: String?

        @Option(help: "Backtest Monte Carlo trials.")
        var trials = 1000

        @Option(help: "Backtest random seed.")
        var seed: UInt64 = 1

        @Option(help: "Worker threads (default: every core). Never changes a result.")
        var threads: Int?

        @Option(help: "Backtest report language: en or zh-Hans.")
        var locale = "en"

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            if let c = classes, ClassCount(c) == nil { throw ValidationError("--classes must be auto or a number from 1 to 50") }
            if ArrivalsMode(rawValue: arrivals) == nil { throw ValidationError("--arrivals must be auto, mean or none") }
            if ReportLocale(tag: locale) == nil { throw ValidationError("--locale must be en or zh-Hans") }
            if !(1...10_000_000).contains(trials) { throw ValidationError("--trials must be between 1 and 10000000") }
            if let t = threads, !(1...256).contains(t) { throw ValidationError("--threads must be between 1 and 256") }
            if !(1...10_000).contains(horizon) { throw ValidationError("--horizon must be between 1 and 10000") }
            _ = try parsedColumns()
        }

        func parsedColumns() throws -> [String: String] {
            var out: [String: String] = [:]
            for part in (columns ?? "").split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else {
                    throw ValidationError("--columns: '\(part)' is not ROLE=NAME")
                }
                out[kv[0]] = kv[1]
            }
            return out
        }

        func options() -> CalibrationOptions {
            var o = CalibrationOptions()
            o.columns = (try? parsedColumns()) ?? [:]
            o.prior = prior
            o.arrivals = ArrivalsMode(rawValue: arrivals) ?? .auto
            o.classes = classes.flatMap(ClassCount.init)
            o.holdout = holdout
            o.horizon = horizon
            o.currency = currency
            o.discountRate = discountRate
            o.name = name
            o.trials = trials
            o.seed = seed
            if let threads { o.threads = threads }
            return o
        }
    }

    struct Panel: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "panel",
            abstract: "From a customer-period panel: customer, period, state, optional segment, revenue, optional cost.")

        @Argument(help: "The panel (CSV or whitespace-separated, with a header line).")
        var file: String

        @OptionGroup var common: Common

        @Option(name: .customLong("churn-state"), help: "State a customer who disappears from the panel moves to.")
        var churnState = "churned"

        @Flag(name: .customLong("censor-missing"), help: "Treat a customer who disappears as censored, not churned.")
        var censorMissing = false

        @Option(name: .customLong("states-from"), help: "A scenario whose states and stages the panel must use.")
        var statesFrom: String?

        @Option(help: "Scenario period (month, quarter, half_year, year); needed when periods are integers.")
        var period: String?

        func validate() throws {
            if let p = period, Period(rawValue: p) == nil { throw ValidationError("--period must be month, quarter, half_year or year") }
        }

        func execute(_ console: Console) -> ExitStatus {
            var o = common.options()
            o.churnState = churnState
            o.censorMissing = censorMissing
            o.statesFrom = statesFrom
            o.period = period.flatMap(Period.init(rawValue:))
            return CalibrateCommand.finish(console, common) { () throws(Diagnostics) in try Calibration.panel(path: file, options: o) }
        }
    }

    struct Transactions: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "transactions",
            abstract: "From a transaction log: customer, date, amount; customers in recency × frequency states.")

        @Argument(help: "The transaction log (CSV or whitespace-separated, with a header line).")
        var file: String

        @OptionGroup var common: Common

        @Option(help: "Period to bucket dates into: month, quarter, half_year or year.")
        var period: String

        func validate() throws {
            if Period(rawValue: period) == nil { throw ValidationError("--period must be month, quarter, half_year or year") }
            if recency < 1 { throw ValidationError("--recency must be at least 1") }
            if !(1...1000).contains(frequency) { throw ValidationError("--frequency must be between 1 and 1000") }
        }

        @Option(help: "Recency cap K: states r0 (bought this period) … rK (K or more periods since).")
        var recency = 8

        @Option(help: "Frequency classes F: purchase periods so far, capped at F.")
        var frequency = 1

        @Flag(name: .customLong("lapse-is-churn"), help: "Make the last recency state a churn state (default: dormant, with its return rate).")
        var lapseIsChurn = false

        func execute(_ console: Console) -> ExitStatus {
            var o = common.options()
            o.period = Period(rawValue: period)
            o.recency = recency
            o.frequency = frequency
            o.lapseIsChurn = lapseIsChurn
            return CalibrateCommand.finish(console, common) { () throws(Diagnostics) in try Calibration.transactions(path: file, options: o) }
        }
    }

    /// Runs a calibration, renders every output, and only then writes them (atomically, each).
    static func finish(_ console: Console, _ c: Common, _ work: () throws(Diagnostics) -> CalibrationResult) -> ExitStatus {
        let result: CalibrationResult
        do { result = try work() } catch {
            for d in error.items { console.error(d.description) }
            return .invalidInput
        }
        var files: [(String, String)] = [("baseline.yaml", result.baselineYAML)]
        if let b = result.backtest, let yaml = result.backtestBaselineYAML {
            files.append(("backtest-baseline.yaml", yaml))
            files.append(("backtest.json", b.json()))
            let locale = ReportLocale(tag: c.locale) ?? .en
            let doc = BacktestReport.document(figures(b, result, locale: locale), locale: locale, date: ReportWriter.date())
            let md = MarkdownRenderer.render(doc)
            files += [("backtest.md", md.markdown)] + md.files + [("backtest.html", HTMLRenderer.render(doc))]
        }
        // The output folder is written as one set, as a report folder is (OutputSet): staged, synced, swapped in.
        do {
            let outputs = try OutputSet(json: nil, report: c.out, inputs: [])
            try outputs.commit(json: nil, report: files.map { ($0.0, Data($0.1.utf8)) })
        } catch {
            console.error(error.message)
            return error.status
        }
        if !c.quiet {
            for line in result.summary { console.print(line) }
            console.print("wrote \((c.out as NSString).appendingPathComponent("baseline.yaml"))")
            if let b = result.backtest {
                console.print("backtest over \(b.periods.first ?? "") … \(b.periods.last ?? "") (calibrated on \(b.calibrationPeriods.first) … \(b.calibrationPeriods.last), \(b.trials) trials):")
                console.print("  period    actual revenue   forecast mean   [P5, P95]            actual active  forecast active")
                for k in b.periods.indices {
                    console.print("  " + [pad(b.periods[k], 8), pad(Format.amount(b.actualRevenue[k]), 15, right: true),
                                          pad(Format.amount(b.revenue.mean[k]), 15, right: true),
                                          pad("[\(Format.amount(b.revenue.p5[k])), \(Format.amount(b.revenue.p95[k]))]", 22, right: true),
                                          pad(Format.grouped(b.actualActive[k], decimals: 0), 13, right: true),
                                          pad(Format.grouped(b.active.mean[k], decimals: 0), 16, right: true)].joined(separator: " "))
                }
                console.print(String(format: "  revenue total: actual %@, forecast %@ (%+.1f%%); revenue MAPE %.1f%%, active customers MAPE %.1f%%",
                                     Format.amount(b.actualRevenueTotal), Format.amount(b.revenueTotal.mean),
                                     b.revenueTotalRelative * 100, b.revenueMAPE * 100, b.activeMAPE * 100))
                console.print("wrote backtest.json, backtest.md, backtest.html in \(c.out)")
            }
        }
        return .success
    }

    static func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, n - s.count))
        return right ? fill + s : s + fill
    }

    static func figures(_ b: Backtest, _ r: CalibrationResult, locale: ReportLocale) -> BacktestFigures {
        BacktestFigures(
            title: (locale == .en ? "Backtest — " : "回测 — ") + (b.source.file.split(separator: "/").last.map(String.init) ?? b.source.file),
            source: b.source.file, sha256: b.source.sha256,
            calibration: "\(b.calibrationPeriods.first) … \(b.calibrationPeriods.last)", periods: b.periods,
            period: r.period.rawValue, currency: r.currency, trials: b.trials, seed: b.seed,
            revenue: .init(actual: b.actualRevenue, mean: b.revenue.mean, p5: b.revenue.p5, p95: b.revenue.p95, percentile: b.revenue.actualPercentile),
            active: .init(actual: b.actualActive, mean: b.active.mean, p5: b.active.p5, p95: b.active.p95, percentile: b.active.actualPercentile),
            revenueTotal: (b.actualRevenueTotal, b.revenueTotal.mean, b.revenueTotal.p5, b.revenueTotal.p95),
            revenueMAPE: b.revenueMAPE, activeMAPE: b.activeMAPE)
    }
}

