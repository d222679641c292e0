public import CLVEngine
import CLVModel

/// Each uncertain input's draws over the trials, as the per-input analyses (value of
/// information, the per-trial export) see them: every non-constant scalar input, each component
/// of a Dirichlet row (`PATH[DESTINATION]`), and whether each plan's risks occurred
/// (`risks.NAME.occurs`, 1 when it did; a risk listed by two plans is taken once, from the first).
/// A path written differently by two scenarios (two inputs) names the second `PATH = TEXT`.
public enum InputColumns {
    public static func of(_ run: StudyRun) -> [(name: String, values: [Double])] {
        var columns: [(name: String, values: [Double])] = []
        for e in run.inputs.entries {
            switch e.kind {
            case .scalar(let d):
                guard !d.isConstant else { continue }
                // Two scenarios may write one path differently: two inputs, told apart by their text.
                let taken = columns.contains { $0.name == e.path }
                columns.append((taken ? "\(e.path) = \(e.text)" : e.path, run.draws.column(e.slot)))
            case .occurrence, .derived:
                continue    // below: whether the plan's risk occurred; numbers computed from parameters are not inputs
            case .dirichlet:
                guard let names = GlobalSensitivity.destinations(of: e.path, in: run.study.scenarios) else { continue }
                for (c, name) in names.enumerated() { columns.append(("\(e.path)[\(name)]", run.draws.column(e.slot + c))) }
            }
        }
        var seen = Set<String>()
        for k in run.study.scenarios.indices.dropFirst() {
            for (j, r) in run.study.scenarios[k].risks.enumerated() where seen.insert(r.occursPath).inserted {
                columns.append((r.occursPath, run.trials[k].occurred.column(j)))
            }
        }
        return columns
    }
}
