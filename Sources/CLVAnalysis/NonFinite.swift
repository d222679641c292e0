public import CLVEngine
import CLVModel

/// Results that are not numbers: a customer equity or a plan's NPV that overflowed to ±∞ or is
/// undefined (NaN) in some trial — effects that push revenue × customers past 1.8·10^308, say.
/// Summaries leave such trials out, and P(NPV > 0) would count them as "not positive" without a
/// word; a run that has any is stopped instead, with this message (issue 11, item 9).
public enum NonFinite {
    /// `customer equity of 'Plan A' is +∞ in trial 3 …`, for the first scenario and trial found; nil when every value is finite.
    public static func problem(in run: StudyRun) -> String? {
        for (k, t) in run.trials.enumerated() {
            let name = run.study.scenarios[k].name
            // The figures plan metrics are on: with terminal_value none, the with-terminal column is
            // secondary (and undefined when a state never churns at discount 0, shown as –).
            var checked = [("customer equity", t.ce)]
            if run.study.baseline.terminalValue == .clv { checked.append(("customer equity with terminal value", t.ceTerminal)) }
            for (label, m) in checked {
                for i in 0..<m.rows where !m[i, 0].isFinite {
                    return "\(label) of '\(name)' is \(text(m[i, 0])) in trial \(i + 1): a value overflows the range of "
                        + "numbers (about ±1.8e308); check the effects, counts and amounts that multiply into it"
                }
            }
            if k > 0 {
                let p = PlanTrials(run: run, plan: k)
                if let i = p.npv.firstIndex(where: { !$0.isFinite }) {
                    return "the NPV of '\(name)' is \(text(p.npv[i])) in trial \(i + 1) (benefit \(text(p.benefit[i])), "
                        + "cost \(text(p.cost[i]))): it cannot be summarised"
                }
            }
        }
        return nil
    }

    static func text(_ x: Double) -> String { x.isNaN ? "undefined (NaN)" : x == .infinity ? "+∞" : x == -.infinity ? "−∞" : "\(x)" }
}
