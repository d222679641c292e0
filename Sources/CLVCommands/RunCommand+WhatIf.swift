import ArgumentParser
import CLVAnalysis
import CLVEngine
import CLVModel
import Foundation

/// `clvsim run` flags of the what-if analytics (docs/what-if.md): stress tests and stopping at a
/// precision. Kept apart from `RunCommand` so that its own flags stay as they are.
struct WhatIfOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Run batches of \(PrecisionRun.defaultBatch) trials until every plan's mean NPV has a standard error "
        + "below this share of it (e.g. 0.5%); replaces --trials.", valueName: "share"))
    var precision: String?

    @Option(name: .customLong("max-trials"), help: "Most trials --precision may run (default 200000).")
    var maxTrials: Int?

    /// The trial cap of a precision run without `--max-trials`.
    static let defaultMaxTrials = 200_000

    @Option(help: ArgumentHelp("Fix an input in every trial at a percentile of its distribution (PATH=P90), "
                               + "its mean (PATH=mean) or a number (PATH=0.05). Repeatable.", valueName: "PATH=LEVEL"))
    var stress: [String] = []

    @Option(help: ArgumentHelp("Also estimate first-order and total Sobol indices of each plan's NPV by a Saltelli "
                               + "design with this many base trials ((inputs + 2) runs of N trials).", valueName: "N"))
    var sobol: Int?

    init() {}

    /// `0.5%` → 0.005; `0.005` → 0.005.
    var precisionShare: Double? {
        guard let p = precision?.trimmingCharacters(in: .whitespaces) else { return nil }
        if p.hasSuffix("%") { return Double(p.dropLast()).map { $0 / 100 } }
        return Double(p)
    }

    func validate() throws {
        if precision != nil {
            guard let s = precisionShare, s > 0, s < 1 else {
                throw ValidationError("--precision must be a share between 0 and 100%, such as 0.5% or 0.005")
            }
        }
        if let m = maxTrials {
            guard (1...100_000_000).contains(m) else { throw ValidationError("--max-trials must be between 1 and 100000000") }
            guard precision != nil else { throw ValidationError("--max-trials goes with --precision") }
        }
        for s in stress { do { _ = try Stress(parsing: s) } catch { throw ValidationError(error.description) } }
        if let n = sobol, !(2...1_000_000).contains(n) { throw ValidationError("--sobol must be between 2 and 1000000") }
    }

    /// Usage check against the run's own flags.
    func check(trials: Int?) throws {
        if precision != nil && trials != nil {
            throw ValidationError("--precision chooses the number of trials; give --max-trials instead of --trials")
        }
    }

    /// Applies `--stress` to `study`; prints the problem and returns nil when a stress cannot be
    /// applied. (Correlation warnings are validation warnings: `Console.loadStudy` prints them.)
    func applyStress(to study: inout Study, _ console: Console) -> [Stress.Applied]? {
        guard !stress.isEmpty else { return [] }
        do {
            let (s, applied) = try Stress.apply(stress.map { try Stress(parsing: $0) }, to: study)
            study = s
            return applied
        } catch {
            console.error("clvsim: error: \(error)")
            return nil
        }
    }

    /// A plain run, or runs in batches until the precision is reached.
    func run(_ study: Study, options: RunOptions) throws(EngineError) -> (StudyRun, PrecisionRun?) {
        guard let share = precisionShare else { return (try Engine.run(study, options: options), nil) }
        let p = try PrecisionRun(study, options: options, target: share, maxTrials: maxTrials ?? Self.defaultMaxTrials)
        return (p.run, p)
    }

    /// The results document: model.md 6 plus `sensitivity`, `stress` and `precision`.
    func document(_ analysis: Analysis, _ whatIf: WhatIf, stress applied: [Stress.Applied], precision: PrecisionRun?) -> JSON {
        analysis.results.json(whatIf: whatIf, stress: applied, precision: precision)
    }

    /// Lines under the summary table.
    func notes(_ applied: [Stress.Applied], _ precision: PrecisionRun?, sobol: SaltelliSobol? = nil) -> [String] {
        var lines = applied.map { "Stress: \($0.summary)" }
        if let sobol {
            for p in sobol.plans {
                let top = p.items.prefix(3).map { String(format: "%@ S %.2f, ST %.2f", $0.input, $0.firstOrder, $0.total) }
                lines.append("Sobol (Saltelli, N = \(sobol.n), \(sobol.runs) runs) \(p.name): " + top.joined(separator: "; "))
            }
        }
        if let p = precision {
            let worst = p.reached.max { $0.relative < $1.relative }
            let reached = worst.map { String(format: "%.2f%% (%@)", $0.relative * 100, $0.name) } ?? "–"
            lines.append("Precision: target \(String(format: "%.2f%%", p.target * 100)) of |mean NPV|, "
                         + (p.met ? "met" : "NOT met (--max-trials reached)")
                         + " at \(Format.grouped(Double(p.run.options.trials), decimals: 0)) trials; largest se/|mean| \(reached); "
                         + "passes \(p.passes.map { Format.grouped(Double($0), decimals: 0) }.joined(separator: " → "))")
        }
        return lines
    }
}
