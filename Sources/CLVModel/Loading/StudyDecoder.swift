/// Studies (model.md 2.1). Defaults: `study` the baseline's name, `simulation` trials 10000, seed 1,
/// clv_samples 20000; `report.locale` en (allowed: en, zh-Hans), `report.title` none.
/// A file with none of `study`, `baseline`, `plans` is a lone scenario: a study of that baseline, no plans.
struct StudyDecoder {
    static let keys = ["schema", "study", "baseline", "plans", "portfolios", "decision", "simulation", "report"]
        + TreeReader.labelKeys
    static let locales = ["en", "zh-Hans"]

    let store: SourceStore
    let sink: DiagnosticSink
    var read: TreeReader { TreeReader(sink: sink) }

    static func isStudy(_ tree: YNode) -> Bool {
        ["study", "baseline", "plans"].contains { tree.entry($0) != nil }
    }

    /// The study at `path`; nil when it could not be built (problems are in the sink).
    func decode(_ path: String) -> Study? {
        let tree: YNode
        switch store.tree(path, namedAt: nil) {
        case .success(let t): tree = t
        case .failure(let d): sink.add(d.items); return nil
        }
        guard Self.isStudy(tree) else {
            guard let base = scenario(path, namedAt: nil) else { return nil }
            return Study(name: base.scenario.name, file: path, baseline: base.scenario, plans: [],
                         simulation: SimulationSettings(), report: ReportSettings(), inputs: store.inputs)
        }
        guard let top = read.mapping(tree, "") else { return nil }
        Schema.check(top, in: tree, sink: sink)
        read.checkKeys(top, allowed: Self.keys, "")
        let name = top.first { $0.key == "study" }.flatMap { read.string($0.value, "study") }
        let simulation = top.first { $0.key == "simulation" }.map { self.simulation($0.value) } ?? SimulationSettings()
        let report = top.first { $0.key == "report" }.map { self.report($0.value) } ?? ReportSettings()

        var baseline: (scenario: Scenario, keys: [String: SourceLocation])?
        if let b = read.required(top, "baseline", in: tree, ""), let file = read.string(b.value, "baseline") {
            if let b = scenarioKeys(Paths.join(file, nextTo: path), namedAt: b.value.location) {
                baseline = (b.scenario, b.keys)
                Validator.baseline(at: b.names, sink)
            }
        }
        var plans: [Scenario] = []
        var written: [(written: String, name: String)] = []
        var planListFailed = false
        if let p = top.first(where: { $0.key == "plans" }) {
            for (i, item) in (read.list(p.value, "plans") ?? []).enumerated() {
                guard let file = read.string(item, "plans[\(i)]"),
                      let plan = scenario(Paths.join(file, nextTo: path), namedAt: item.location) else { planListFailed = true; continue }
                if let baseline { Validator.plan(plan.scenario, at: plan.keys, matches: baseline.scenario, sink) }
                plans.append(plan.scenario)
                written.append((file, plan.scenario.name))
            }
        }
        let decoder = DecisionDecoder(read: read)
        let decision = top.first { $0.key == "decision" }.flatMap { decoder.decision($0.value) }
        var portfolios = planListFailed ? [] : top.first { $0.key == "portfolios" }.map { decoder.portfolios($0.value, planFiles: written) } ?? []
        if let d = decision, d.allPortfolios, !planListFailed {
            if plans.count > DecisionDecoder.maxPlansForAll {
                sink.error(at: d.location, path: "decision.portfolios", "'all' enumerates at most \(DecisionDecoder.maxPlansForAll) plans "
                    + "(\((1 << DecisionDecoder.maxPlansForAll) - 1) combinations); this study has \(plans.count): list the portfolios under 'portfolios:'")
            } else {
                let listed = portfolios
                portfolios = listed + DecisionDecoder.all(plans.map(\.name), at: d.location)
                    .filter { p in !listed.contains { Set($0.members) == Set(p.members) } }
            }
        }
        for p in portfolios where plans.contains(where: { $0.name == p.name }) {
            sink.error(at: p.location, path: "portfolios", "portfolio '\(p.name)' has the name of a plan")
        }
        guard let baseline else { return nil }
        let listedPlans = plans
        plans += portfolios.map { Portfolio.compose($0, plans: listedPlans) }
        CorrelationDecoder.checkConsistent([baseline.scenario] + plans, sink)
        var study = Study(name: name ?? baseline.scenario.name, file: path, baseline: baseline.scenario, plans: plans,
                          simulation: simulation, report: report, inputs: store.inputs)
        study.labelled = read.labelled(top, "")
        study.decision = decision
        study.portfolios = portfolios
        return study
    }

    /// A scenario with its `extends` chain, decoded; nil when its files could not be read or parsed.
    func scenario(_ path: String, namedAt: SourceLocation?) -> (scenario: Scenario, keys: [String: SourceLocation])? {
        scenarioKeys(path, namedAt: namedAt).map { ($0.scenario, $0.keys) }
    }

    /// `scenario`, with where its top-level keys themselves were written.
    func scenarioKeys(_ path: String, namedAt: SourceLocation?)
        -> (scenario: Scenario, keys: [String: SourceLocation], names: [String: SourceLocation])? {
        guard let tree = Merge.resolve(path, namedAt: namedAt, store: store, sink: sink) else { return nil }
        var decoder = ScenarioDecoder(sink: sink, file: path)
        return decoder.decode(tree).map { ($0, decoder.keyLocations, decoder.keyNameLocations) }
    }

    private func simulation(_ node: YNode) -> SimulationSettings {
        var s = SimulationSettings()
        guard let fields = read.mapping(node, "simulation") else { return s }
        read.checkKeys(fields, allowed: ["trials", "seed", "clv_samples"], "simulation")
        for f in fields {
            let path = child("simulation", f.key)
            guard ["trials", "seed", "clv_samples"].contains(f.key), let x = read.integer(f.value, path) else { continue }
            if f.key == "seed" {
                if x < 0 { sink.error(at: f.value.location, path: path, "must be ≥ 0, found \(x)") } else { s.seed = UInt64(x) }
            } else if x <= 0 {
                sink.error(at: f.value.location, path: path, "must be > 0, found \(x)")
            } else if f.key == "trials" {
                if x > Limits.maxTrials {
                    sink.error(at: f.value.location, path: path, "must be at most \(Limits.maxTrials), found \(x)")
                } else {
                    s.trials = x
                }
            } else if x > Limits.maxCLVSamples {
                sink.error(at: f.value.location, path: path, "must be at most \(Limits.maxCLVSamples), found \(x)")
            } else {
                s.clvSamples = x
            }
        }
        return s
    }

    private func report(_ node: YNode) -> ReportSettings {
        var r = ReportSettings()
        guard let fields = read.mapping(node, "report") else { return r }
        read.checkKeys(fields, allowed: ["title", "locale"], "report")
        if let t = fields.first(where: { $0.key == "title" }) {
            // Text, or one per locale like a label.
            let text = read.localized(t.value, "report.title", limit: TreeReader.maxLabel, lines: false)
            r.title = text?.text ?? text?.byLocale["en"] ?? text?.byLocale.values.sorted().first
            // Kept only when written per locale: a plain title is `title` alone, as before.
            if text?.text == nil { r.titleText = text }
        }
        if let l = fields.first(where: { $0.key == "locale" }), let s = read.string(l.value, "report.locale") {
            if Self.locales.contains(s) {
                r.locale = s
            } else {
                sink.error(at: l.value.location, path: "report.locale", "unknown locale '\(s)'"
                    + Suggest.didYouMean(s, among: Self.locales) + " (allowed: en, zh-Hans)")
            }
        }
        return r
    }
}
