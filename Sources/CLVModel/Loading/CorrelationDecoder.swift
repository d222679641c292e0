/// `correlations:` of a scenario: a list of `{ between: [PATH, PATH], spearman: ρ }`.
///
/// Each path must be an uncertain input of the scenario (a number drawn from a distribution) or
/// a risk's occurrence draw (`risks.NAME.occurs`); Dirichlet rows and constants cannot be
/// correlated. A pair may be listed once; ρ must lie in [−1, 1]. Whether the pairs together form
/// a valid (positive semi-definite) correlation matrix is checked by the engine, which repairs
/// it with a warning.
struct CorrelationDecoder {
    static let keys = ["between", "spearman"]
    let read: TreeReader
    var sink: DiagnosticSink { read.sink }

    func decode(_ node: YNode, of scenario: Scenario) -> [CorrelationSpec] {
        let inputs = scenario.uncertainInputs
        // Numbers computed from parameters have no draws of their own: correlate the parameters.
        var computed: [String: String] = [:]
        for u in inputs {
            switch u.formula {
            case .expression: computed[u.path] = "is computed from parameters"
            case .distribution: computed[u.path] = "is drawn with arguments computed from parameters"
            case nil: break
            }
        }
        let uncertain = Set(inputs.filter { $0.formula == nil && !$0.distribution.isConstant }.map(\.path))
        let constant = Set(inputs.map(\.path)).subtracting(uncertain).subtracting(computed.keys)
        let occurs = Set(scenario.risks.map(\.occursPath))
        let dirichlet = Set(scenario.dirichletPaths)
        var out: [CorrelationSpec] = []
        for (n, item) in (read.list(node, "correlations") ?? []).enumerated() {
            let path = "correlations[\(n)]"
            guard let fields = read.mapping(item, path) else { continue }
            read.checkKeys(fields, allowed: Self.keys, path)
            let between = read.required(fields, "between", in: item, path)
            let rho = read.required(fields, "spearman", in: item, path)
            var paths: [String] = []
            if let between, let list = read.list(between.value, child(path, "between")) {
                if list.count != 2 {
                    sink.error(at: between.value.location, path: child(path, "between"),
                               "expected two input paths, found \(list.count)")
                }
                for (i, x) in list.prefix(2).enumerated() {
                    guard let p = read.string(x, child(path, "between[\(i)]")) else { continue }
                    let at = child(path, "between[\(i)]")
                    if let why = computed[p] {
                        sink.error(at: x.location, path: at, "'\(p)' \(why) and cannot be correlated; correlate the parameters it uses (parameters.NAME)")
                    } else if dirichlet.contains(p) {
                        sink.error(at: x.location, path: at, "'\(p)' is a Dirichlet row; a whole row cannot be correlated")
                    } else if constant.contains(p) {
                        sink.error(at: x.location, path: at, "'\(p)' is a constant; only uncertain inputs can be correlated")
                    } else if !uncertain.contains(p) && !occurs.contains(p) {
                        sink.error(at: x.location, path: at, "unknown input path '\(p)'"
                            + Suggest.didYouMean(p, among: uncertain.union(occurs).sorted()))
                    } else {
                        paths.append(p)
                    }
                }
            }
            var value: Double?
            if let rho, let x = read.number(rho.value, child(path, "spearman")) {
                if !(-1...1).contains(x) {
                    sink.error(at: rho.value.location, path: child(path, "spearman"), "must lie in [-1, 1], found \(fmt(x))")
                } else { value = x }
            }
            guard paths.count == 2, let value else { continue }
            if paths[0] == paths[1] {
                sink.error(at: between!.value.location, path: child(path, "between"), "an input is not correlated with itself")
                continue
            }
            let spec = CorrelationSpec(first: paths[0], second: paths[1], spearman: value, location: item.location)
            if out.contains(where: { $0.pair == spec.pair }) {
                sink.error(at: item.location, path: path, "the pair \(paths[0]) ~ \(paths[1]) is listed twice")
                continue
            }
            out.append(spec)
        }
        return out
    }

    /// A pair given different values by the baseline and a plan (or two plans): the draws are
    /// shared by every scenario of a study, so a pair can have only one correlation.
    static func checkConsistent(_ scenarios: [Scenario], _ sink: DiagnosticSink) {
        var seen: [Set<String>: CorrelationSpec] = [:]
        for s in scenarios {
            for c in s.correlations {
                if let first = seen[c.pair] {
                    if first.spearman != c.spearman {
                        sink.error(at: c.location, path: "correlations",
                                   "\(c.first) ~ \(c.second) is \(fmt(c.spearman)) here but \(fmt(first.spearman)) at "
                                   + "\(first.location): the scenarios of a study share their draws, so a pair has one correlation")
                    }
                } else { seen[c.pair] = c }
            }
        }
    }
}
