public import CLVModel
import CLVEngine
import Foundation

/// `--arrivals`: how new customers are estimated.
public enum ArrivalsMode: String, Sendable, CaseIterable {
    /// `mean`, unless no customer first appeared in the later half of the calibration periods:
    /// then the data are a closed cohort (such as CDNOW's first-quarter-1997 customers) and `none`.
    case auto
    /// The mean number of new customers per period over periods 2…T, as `gamma(mean, sd)`.
    case mean
    /// A closed cohort: no arrivals.
    case none
}

/// How many latent classes each segment is split into (customer heterogeneity).
public enum ClassCount: Sendable, Hashable {
    case fixed(Int)
    /// The number with the lowest BIC, adding classes from 1 while the BIC falls, at most this many.
    case bic(Int)

    /// `auto` (BIC, at most 6) or a number.
    public init?(_ text: String) {
        if text == "auto" { self = .bic(6) } else if let n = Int(text), n >= 1, n <= 50 { self = .fixed(n) } else { return nil }
    }
}

/// What `clvsim calibrate` is asked to do.
public struct CalibrationOptions: Sendable {
    /// `role=column name`, from `--columns`.
    public var columns: [String: String] = [:]
    /// Dirichlet prior weight added to every destination of a row (0: the counts exactly).
    public var prior = 0.5
    public var churnState = "churned"
    public var censorMissing = false
    public var arrivals = ArrivalsMode.auto
    public var statesFrom: String?
    /// The scenario period: required for transaction logs, and for panels with integer periods.
    public var period: Period?
    public var recency = 8
    public var frequency = 1
    /// Latent classes per segment (nil: chosen by BIC for transaction logs, 1 for panels).
    public var classes: ClassCount?
    public var lapseIsChurn = false
    public var holdout = 0
    public var horizon = 20
    public var currency = "CNY"
    public var discountRate = 0.08
    public var name: String?
    public var trials = 1000
    public var seed: UInt64 = 1
    public var threads = Engine.defaultThreads

    public init() {}
}

/// What a calibration produced; nothing is written yet.
public struct CalibrationResult: Sendable {
    public var baselineYAML: String
    /// The baseline calibrated on all but the held-out periods, as simulated by the backtest.
    public var backtestBaselineYAML: String?
    public var backtest: Backtest?
    /// Currency and period unit, for the report.
    public var currency: String
    public var period: Period
    /// Lines for the console: what was read and estimated.
    public var summary: [String]
    /// Whether the data were estimated as they streamed (a panel's `PanelStream`, a log's tallies) rather than kept whole.
    var streamed = false
}

/// Calibrates a baseline scenario from data (panel or transaction log) and backtests it.
public enum Calibration {
    /// A customer-period panel: customer, period, state, optional segment, revenue, optional cost.
    public static func panel(path: String, options o: CalibrationOptions) throws(Diagnostics) -> CalibrationResult {
        var allowed: [String]? = nil
        var knownStages: [String: Stage] = [:]
        if let from = o.statesFrom {
            let study = try Loader.loadStudy(path: from)
            allowed = study.baseline.states.map(\.name)
            for s in study.baseline.states { knownStages[s.name] = s.stage }
        }
        // One class (the panel default): estimated as the file streams past, when every customer's
        // rows come in period order; otherwise (or with latent classes) the rows are kept.
        var stream: PanelStream? = (o.classes ?? .fixed(1)) == .fixed(1) ? PanelStream(stageOf: { [o, knownStages] name in
            !o.censorMissing && name == o.churnState ? .churn : knownStages[name] ?? guessStage(name)
        }) : nil
        var panel = try PanelData.read(path: path, columns: o.columns, allowedStates: allowed, statesFile: o.statesFrom, stream: stream)
        if let s = stream, s.unsorted {
            stream = nil
            panel = try PanelData.read(path: path, columns: o.columns, allowedStates: allowed, statesFile: o.statesFrom)
        }
        var problems: [Diagnostic] = []
        let states = panel.stateNames.count
        let churn: Int? = o.censorMissing ? nil : panel.addState(o.churnState)
        if let stream, panel.stateNames.count > states { stream.stateAdded(o.churnState) }
        stream?.finish(churnState: churn)
        if let c = churn, let st = knownStages[panel.stateNames[c]], st != .churn {
            problems.append(.data(o.statesFrom ?? path, 0, 0, "--churn-state '\(o.churnState)' has stage \(st.rawValue), not churn"))
        }
        if allowed != nil, let c = churn, knownStages[panel.stateNames[c]] == nil {
            problems.append(.data(o.statesFrom ?? path, 0, 0, "--churn-state '\(o.churnState)' is not a state of \(o.statesFrom!)"))
        }
        let stages = panel.stateNames.enumerated().map { i, n in i == churn ? .churn : knownStages[n] ?? guessStage(n) }
        let guessed = panel.stateNames.enumerated().map { i, n in i != churn && knownStages[n] == nil }
        guard let period = o.period ?? panel.kind.scenarioPeriod else {
            throw Diagnostics([.data(path, 0, 0, "periods are integers: give the scenario's period with --period month|quarter|half_year|year")])
        }
        if !problems.isEmpty { throw Diagnostics(problems) }
        if let stream {
            let src = StreamedPanel(stream: stream, panel: panel, stageGuessed: guessed, churnState: churn)
            var r = try calibrate(src, file: path, sha256: panel.sha256, rows: panel.rows, lastPeriod: panel.lastPeriod,
                                  period: period, classes: .fixed(1), command: "panel", options: o,
                                  actual: { t in (stream.actualRevenue[t - stream.firstPeriod], stream.actualActive[t - stream.firstPeriod]) },
                                  activeStates: nil)
            r.streamed = true
            return r
        }
        let src = PanelStates(panel: panel, stages: stages, stageGuessed: guessed, churnState: churn)
        return try calibrate(src, file: path, sha256: panel.sha256, rows: panel.rows, lastPeriod: panel.lastPeriod,
                             period: period, classes: o.classes ?? .fixed(1), command: "panel", options: o,
                             actual: { t in
                                 var revenue = 0.0, active = 0.0
                                 for rows in panel.customers {
                                     for r in rows where Int(r.period) == t {
                                         revenue += r.revenue
                                         if stages[Int(r.state)] != .churn { active += 1 }
                                     }
                                 }
                                 return (revenue, active)
                             }, activeStates: nil)
    }

    /// A transaction log: customer, date, amount; recency × frequency states per period.
    public static func transactions(path: String, options o: CalibrationOptions) throws(Diagnostics) -> CalibrationResult {
        var problems: [Diagnostic] = []
        if o.recency < 1 { problems.append(.data(path, 0, 0, "--recency must be at least 1")) }
        if o.frequency < 1 { problems.append(.data(path, 0, 0, "--frequency must be at least 1")) }
        guard let period = o.period else {
            throw Diagnostics(problems + [.data(path, 0, 0, "give the period to bucket dates into with --period month|quarter|half_year|year")])
        }
        if !problems.isEmpty { throw Diagnostics(problems) }
        // Each customer keeps its last `holdout` purchase periods uncounted: the backtest's cut and
        // the actual figures after it come from the same read.
        let log = try TransactionLog.read(path: path, period: period, columns: o.columns, recency: o.recency,
                                          frequency: o.frequency, lapseIsChurn: o.lapseIsChurn, window: max(o.holdout, 1))
        let src = RecencyFrequencyStates(log: log)
        var r = try calibrate(src, file: path, sha256: log.sha256, rows: log.rows, lastPeriod: log.lastPeriod,
                              period: period, classes: o.classes ?? .bic(6), command: "transactions", options: o,
                              actual: { t in
                                  // Every purchase after the cut is in its customer's window.
                                  var revenue = 0.0, active = 0.0
                                  for k in 0..<log.customers {
                                      if let x = log.tallies.windowAmount(k, period: t) { revenue += x; active += 1 }
                                  }
                                  return (revenue, active)
                              }, activeStates: src.active)
        r.streamed = log.streamed
        if !log.streamed {
            r.summary.insert("rows are not in date order per customer: the log was read whole (memory grows with its customer-periods; sort it by date or by customer to stream it)", at: 1)
        }
        return r
    }

    static func calibrate(_ src: any CalibrationSource, file: String, sha256: String, rows: Int, lastPeriod: Int, period: Period,
                          classes: ClassCount, command: String, options o: CalibrationOptions,
                          actual: (Int) -> (Double, Double), activeStates: [Bool]?) throws(Diagnostics) -> CalibrationResult {
        let periods = lastPeriod - src.firstPeriod + 1
        var problems: [Diagnostic] = []
        if o.holdout < 0 || (o.holdout > 0 && o.holdout > periods - 2) {
            problems.append(.data(file, 0, 0, "--holdout \(o.holdout): the data have \(periods) periods; at least 2 must remain for calibration"))
        }
        if o.prior < 0 { problems.append(.data(file, 0, 0, "--prior must be ≥ 0")) }
        if !problems.isEmpty { throw Diagnostics(problems) }
        let name = o.name ?? "Calibrated from \(file.split(separator: "/").last.map(String.init) ?? file)"
        var summary = ["read \(rows) rows, \(src.customerCount) customers, periods \(src.kind.label(src.firstPeriod)) … \(src.kind.label(lastPeriod))"]

        func header(_ e: Estimates, horizon: Int, note: String) -> ScenarioHeader {
            var arrivals = o.arrivals != .none
            if o.arrivals == .auto {
                let total = (0..<e.arrivalPeriods).map { k in e.segments.reduce(0.0) { $0 + $1.arrivals.reduce(0.0) { $0 + $1[k] } } }
                let late = total.suffix(max(1, total.count / 2))
                if total.count >= 2 && late.allSatisfy({ $0 == 0 }) { arrivals = false }
            }
            return ScenarioHeader(
                name: name, currency: o.currency, period: period, horizon: horizon, discountRate: o.discountRate,
                prior: o.prior, arrivals: arrivals,
                provenance: ["Calibrated by \(Tool.name) \(Tool.version) `calibrate \(command)`\(note).",
                             "Source: \(file) (\(rows) rows), sha256 \(sha256).",
                             arrivals ? "Arrivals: mean new customers per period (--arrivals \(o.arrivals.rawValue))."
                                 : "Arrivals: none (\(o.arrivals == .none ? "--arrivals none" : "--arrivals auto: no new customers in the later half of the window: a closed cohort")).",
                             "Review the stages and the settings above before using this baseline."])
        }
        let full = src.estimate(cut: lastPeriod, classes: classes)
        let fullHeader = header(full, horizon: o.horizon, note: "")
        if !fullHeader.arrivals && o.arrivals == .auto { summary.append("arrivals: none (no new customers in the later half of the window: a closed cohort)") }
        var result = CalibrationResult(baselineYAML: BaselineWriter.yaml(full, fullHeader), currency: o.currency,
                                       period: period, summary: summary)
        guard o.holdout > 0 else { return result }

        let cut = lastPeriod - o.holdout
        let est = src.estimate(cut: cut, classes: classes)
        let yaml = BaselineWriter.yaml(est, header(est, horizon: o.holdout, note: ", holding out the last \(o.holdout) periods for the backtest"))
        result.backtestBaselineYAML = yaml
        let study = try loadGenerated(yaml)
        let draws: (revenue: [[Double]], active: [[Double]])
        do {
            draws = try BacktestRunner.run(study, activeStates: activeStates, trials: o.trials, seed: o.seed, threads: o.threads)
        } catch {
            throw Diagnostics([.data(file, 0, 0, "backtest simulation failed: \(error)")])
        }
        let figures = (cut + 1...lastPeriod).map(actual)
        let totals = (0..<o.trials).map { k in draws.revenue.reduce(0.0) { $0 + $1[k] } }.sorted()
        result.backtest = Backtest(
            periods: (cut + 1...lastPeriod).map(src.kind.label),
            calibrationPeriods: (src.kind.label(src.firstPeriod), src.kind.label(cut)),
            source: (file, sha256), trials: o.trials, seed: o.seed,
            actualRevenue: figures.map(\.0), actualActive: figures.map(\.1),
            revenue: BacktestRunner.band(draws.revenue, actual: figures.map(\.0)),
            active: BacktestRunner.band(draws.active, actual: figures.map(\.1)),
            revenueTotal: (totals.reduce(0, +) / Double(o.trials),
                           CLVAnalysisBridge.quantile(totals, 0.05), CLVAnalysisBridge.quantile(totals, 0.95)))
        return result
    }

    /// Loads generated YAML with clvsim's own loader (from a private temporary folder, removed
    /// afterwards), so the backtest simulates exactly the text that is written.
    static func loadGenerated(_ yaml: String) throws(Diagnostics) -> Study {
        let dir = NSTemporaryDirectory() + "clvsim-calibrate-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
        let path = dir + "/baseline.yaml"
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try yaml.write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw Diagnostics([.data(dir, 0, 0, "cannot write a temporary file: \(error.localizedDescription)")])
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do { return try Loader.loadStudy(path: path) } catch {
            // A generated file that does not load is a bug of the calibration, reported as such.
            throw Diagnostics(error.items.map { Diagnostic(at: $0.location, "internal error: calibrated baseline does not load: \($0.message)") })
        }
    }

    /// A state's stage from its name, for panels without `--states-from` (marked for review).
    static func guessStage(_ name: String) -> Stage {
        let n = name.lowercased()
        if ["churn", "lost", "closed", "attrit", "dead", "gone", "left"].contains(where: n.contains) { return .churn }
        if ["new", "onboard", "acqui", "prospect", "lead"].contains(where: n.contains) { return .acquisition }
        if ["cross", "expan", "upsell", "up_sold", "multi", "premium"].contains(where: n.contains) { return .expansion }
        return .retention
    }
}

import CLVAnalysis

enum CLVAnalysisBridge {
    static func quantile(_ sorted: [Double], _ p: Double) -> Double { Statistics.quantile(sorted: sorted, p) }
}
