import ArgumentParser
import CLVAnalysis
import CLVModel
import Foundation

/// `clvsim run` flags of the what-if analytics (docs/what-if.md): stress tests, stopping at a
/// precision and Sobol indices. Kept apart from `RunCommand` so that its own flags stay as they are.
struct WhatIfOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Run batches of \(PrecisionRun.defaultBatch) trials until every plan's mean NPV has a standard error "
        + "below this share of it (e.g. 0.5%); replaces --trials.", valueName: "share"),
            transform: { (text: String) throws -> Share in
                guard let s = Share(argument: text) else {
                    throw ValidationError("--precision must be a share between 0 and 100%, such as 0.5% or 0.005")
                }
                return s
            })
    var precision: Share?

    @Option(name: .customLong("max-trials"), help: "Most trials --precision may run (default 200000).")
    var maxTrials: Int?

    @Option(help: ArgumentHelp("Fix an input in every trial at a percentile of its distribution (PATH=P90), "
                               + "its mean (PATH=mean) or a number (PATH=0.05). Repeatable.", valueName: "PATH=LEVEL"),
            transform: Stress.parse)
    var stress: [Stress] = []

    @Option(help: ArgumentHelp("Also estimate first-order and total Sobol indices of each plan's NPV by a Saltelli "
                               + "design with this many base trials ((inputs + 2) runs of N trials).", valueName: "N"))
    var sobol: Int?

    init() {}

    func validate() throws {
        if let m = maxTrials {
            guard (1...100_000_000).contains(m) else { throw ValidationError("--max-trials must be between 1 and 100000000") }
            guard precision != nil else { throw ValidationError("--max-trials goes with --precision") }
        }
        if let n = sobol, !(2...1_000_000).contains(n) { throw ValidationError("--sobol must be between 2 and 1000000") }
    }

    /// Usage check against the run's own flags.
    func check(trials: Int?) throws {
        if precision != nil && trials != nil {
            throw ValidationError("--precision chooses the number of trials; give --max-trials instead of --trials")
        }
    }

    /// The pipeline request these flags ask for.
    func request() -> StudyRequest {
        var r = StudyRequest()
        r.stress = stress
        r.precision = precision?.value
        if let m = maxTrials { r.maxTrials = m }
        r.sobol = sobol
        return r
    }

    /// Lines under the summary table, from the results.
    static func notes(_ r: Results) -> [String] {
        var lines = (r.stress ?? []).map { "Stress: \($0.summary)" }
        if let sobol = r.sensitivity?.sobol {
            for p in sobol.plans {
                let top = p.inputs.prefix(3).map { String(format: "%@ S %.2f, ST %.2f", $0.input, $0.firstOrder, $0.total) }
                lines.append("Sobol (Saltelli, N = \(sobol.n), \(sobol.runs) runs) \(p.plan): " + top.joined(separator: "; "))
            }
        }
        if let p = r.precision {
            let worst = p.reached.max { $0.relativeSE < $1.relativeSE }
            let reached = worst.map { String(format: "%.2f%% (%@)", $0.relativeSE * 100, $0.name) } ?? "–"
            lines.append("Precision: target \(String(format: "%.2f%%", p.target * 100)) of |mean NPV|, "
                         + (p.met ? "met" : "NOT met (--max-trials reached)")
                         + " at \(Format.grouped(Double(r.trials), decimals: 0)) trials; largest se/|mean| \(reached); "
                         + "passes \(p.passes.map { Format.grouped(Double($0), decimals: 0) }.joined(separator: " → "))")
        }
        return lines
    }
}
