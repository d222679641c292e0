public import CLVEngine
import Foundation
import CLVModel

/// The per-trial table `clvsim run --trials-out FILE.csv` writes: what @RISK users take to a
/// spreadsheet, and enough to recompute every figure of the results that is a function of the
/// trials (summaries, P(NPV > 0), head-to-head, EVPI).
///
/// One row per trial: `seed`, `trial` (1-based), every uncertain input's draw (`InputColumns`:
/// scalar inputs by path, Dirichlet components as `PATH[DESTINATION]`, each risk's occurrence as
/// 1 or 0), then per scenario `NAME: customer_equity` and `NAME: customer_equity_terminal`, and
/// per plan `NAME: benefit`, `NAME: cost_pv`, `NAME: npv`. Numbers in shortest round-trip form
/// (they read back to the same doubles); empty cells for non-finite values. RFC 4180 quoting.
public enum TrialsExport {
    public static func csv(run: StudyRun, plans: [PlanTrials]) -> String {
        let inputs = InputColumns.of(run)
        let names = run.study.scenarios.map(\.name)
        var header = ["seed", "trial"] + inputs.map(\.name)
        for n in names { header += ["\(n): customer_equity", "\(n): customer_equity_terminal"] }
        for k in plans.indices { header += ["\(names[k + 1]): benefit", "\(names[k + 1]): cost_pv", "\(names[k + 1]): npv"] }
        var out = header.map(quote).joined(separator: ",") + "\n"
        out.reserveCapacity(run.options.trials * header.count * 12)
        for i in 0..<run.options.trials {
            var row = [String(run.options.seed), String(i + 1)]
            for c in inputs { row.append(number(c.values[i])) }
            for tr in run.trials { row += [number(tr.ce[i, 0]), number(tr.ceTerminal[i, 0])] }
            for p in plans { row += [number(p.benefit[i]), number(p.cost[i]), number(p.npv[i])] }
            out += row.joined(separator: ",") + "\n"
        }
        return out
    }

    static func number(_ x: Double) -> String { x.isFinite ? JSON.format(x) : "" }

    /// A field, quoted when it holds a comma, a quote or a line break.
    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
