import ArgumentParser
import CLVAnalysis
import CLVEngine
import CLVModel
import Foundation

/// `clvsim sensitivity STUDY`: the tornado on the expected-value path (mean inputs, no risks) and
/// the break-even of each effect on the expected NPV over the study's trials (risks included).
struct SensitivityCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "What drives each plan's NPV, and how good each effect must be to break even.",
        discussion: """
            Tornado: computed exactly on the expected-value path (every input at its mean, no risks), \
            for each uncertain input the plan's NPV with the input at its P10 and at its P90. \
            Break-even: for each effect, the smallest change at which the plan's expected NPV over \
            the study's trials and seed, risks included, reaches 0 (the same figure as in the results \
            of `clvsim run`). Global sensitivity from the trials is in the results JSON of `clvsim run`.
            """)

    @Argument(help: "A study file, or a single scenario file.")
    var study: String

    @Option(help: "Write the sensitivity JSON (clvsim-sensitivity/1) to this file.")
    var json: String?

    @Option(help: "Bars shown per plan (the JSON has all).")
    var top: Int = 10

    @Option(help: ArgumentHelp("Fix an input first (PATH=P90, PATH=mean, PATH=0.05). Repeatable.", valueName: "PATH=LEVEL"))
    var stress: [String] = []

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if top < 0 { throw ValidationError("--top must be ≥ 0") }
        for s in stress { do { _ = try Stress(parsing: s) } catch { throw ValidationError(error.description) } }
    }

    func execute(_ console: Console) -> ExitStatus {
        let signals = Signals.install()
        defer { signals.remove() }
        var loaded: Study
        do { loaded = try StudyPipeline.load(study) } catch {
            for line in error.lines { console.error(line) }
            return error.exitStatus
        }
        for w in loaded.warnings { console.error(w.description) }
        let outputs: OutputSet
        do { outputs = try OutputSet(json: json, report: nil, inputs: loaded.inputs.map(\.path)) } catch {
            console.error(error.message)
            return error.status
        }
        var applied: [Stress.Applied] = []
        do {
            (loaded, applied) = try Stress.apply(stress.map { try Stress(parsing: $0) }, to: loaded)
        } catch {
            console.error("clvsim: error: \(error)")
            return .usage
        }
        let w: WhatIf
        do {
            w = try WhatIf(study: loaded, options: RunOptions(loaded))
        } catch {
            if case .drawFailed(let input, let text, let trial) = error {
                console.error("clvsim: error: \(input): cannot draw from \(text) in trial \(trial); no output was written")
            } else {
                console.error(Signals.message)
            }
            return .runtimeFailure
        }
        if !quiet { console.print(Self.render(w, study: loaded, stress: applied, top: top)) }
        if let json {
            let doc = SensitivityDocument(study: loaded, whatIf: w, stress: applied)
            do { try outputs.commit(json: Data(doc.rendered().utf8), report: [], isCancelled: { signals.isSet }) } catch {
                console.error(error.message)
                return error.status
            }
        }
        return .success
    }

    /// A number as written in an input: 4 significant digits, or a grouped amount when large.
    static func value(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return abs(x) >= 1e4 ? Format.amount(x) : String(format: "%.4g", x)
    }

    static func render(_ w: WhatIf, study: Study, stress: [Stress.Applied], top: Int) -> String {
        let currency = study.baseline.currency
        var lines = ["\(study.name) — tornado on the expected-value path (mean inputs, no risks; \(w.basis.rawValue) basis, \(currency))"]
        for s in stress { lines.append("Stress: \(s.summary)") }
        let pl = Int((w.tornado.lowPercentile * 100).rounded()), ph = Int((w.tornado.highPercentile * 100).rounded())
        for (k, p) in w.tornado.plans.enumerated() {
            lines.append("")
            lines.append("\(p.name): NPV at mean inputs without risks \(Format.amount(p.expectedNPV))")
            let shown = p.bars.prefix(top)
            let iw = max(30, shown.map(\.input.count).max() ?? 0)
            lines.append("  " + Format.pad("input (top \(shown.count) of \(p.bars.count) by swing)", iw, right: false)
                         + Format.pad("P\(pl)", 10) + Format.pad("P\(ph)", 10) + Format.pad("NPV at P\(pl)", 13)
                         + Format.pad("NPV at P\(ph)", 13) + Format.pad("swing", 10))
            for b in shown {
                let lo = b.kind == .risk ? "occurs" : value(b.lowValue), hi = b.kind == .risk ? "not" : value(b.highValue)
                lines.append("  " + Format.pad(b.input, iw, right: false) + Format.pad(lo, 10) + Format.pad(hi, 10)
                             + Format.pad(Format.amount(b.npvLow), 13) + Format.pad(Format.amount(b.npvHigh), 13)
                             + Format.pad(Format.amount(b.swing), 10))
            }
            if k < w.breakEven.plans.count, !w.breakEven.plans[k].items.isEmpty {
                let be = w.breakEven.plans[k]
                let npv = be.items.first.map { " \(Format.amount($0.npvAssumed))" } ?? ""
                lines.append("  Break-even (expected NPV\(npv) over \(Format.grouped(Double(be.trials), decimals: 0)) trials, risks included):")
                for item in w.breakEven.plans[k].items { lines.append("    " + item.sentence) }
            }
        }
        if w.tornado.plans.isEmpty { lines.append(""); lines.append("No plans: nothing to compare with the baseline.") }
        return lines.joined(separator: "\n")
    }
}
