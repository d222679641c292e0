/// Turns a merged scenario tree into a `Scenario` (model.md 2.2, 2.3), reporting every problem.
///
/// Defaults: `name` the file name without extension, `currency` CNY, `period` year, `discount_rate` 0,
/// `terminal_value` none. `schema: clvsim/1`, `horizon`, `states` and `segments` are required.
struct ScenarioDecoder {
    static let topKeys = ["schema", "name", "extends", "currency", "period", "horizon", "discount_rate",
                          "terminal_value", "parameters", "states", "segments", "costs", "effects", "ramp", "risks", "correlations",
                          "label", "description", "labels"]

    var read: TreeReader
    let file: String
    var sink: DiagnosticSink { read.sink }
    var states: [State] = []
    var horizon = 1
    /// Where each top-level key's value was written (after the merge), for study-level checks.
    var keyLocations: [String: SourceLocation] = [:]
    /// Where each top-level key itself was written.
    var keyNameLocations: [String: SourceLocation] = [:]

    init(sink: DiagnosticSink, file: String) {
        self.read = TreeReader(sink: sink)
        self.file = file
    }

    /// The scenario, or nil when the tree is not even a mapping; check `sink.hasErrors` before use.
    mutating func decode(_ tree: YNode) -> Scenario? {
        guard let top = read.mapping(tree, "") else { return nil }
        read.checkKeys(top, allowed: Self.topKeys, "")
        for e in top {
            keyLocations[e.key] = e.value.location
            keyNameLocations[e.key] = e.keyLocation
        }

        let fileStem = Paths.fileName(file).split(separator: ".").first.map(String.init) ?? file
        let name = top.first { $0.key == "name" }.flatMap { read.string($0.value, "name") } ?? fileStem
        let currency = top.first { $0.key == "currency" }.flatMap { read.string($0.value, "currency") } ?? "CNY"
        let period = top.first { $0.key == "period" }.flatMap {
            choice($0.value, "period", Period.self)
        } ?? .year
        let terminal = top.first { $0.key == "terminal_value" }.flatMap {
            choice($0.value, "terminal_value", TerminalValue.self)
        } ?? .none
        // Parameters first: fixed ones may be used in any number below (`horizon: years * 4`).
        var parameters: [Parameter] = []
        if let p = top.first(where: { $0.key == "parameters" }) {
            (parameters, read.scope) = ParameterDecoder(read: read).decode(p.value)
        }
        if let h = read.required(top, "horizon", in: tree, ""), let x = read.integer(h.value, "horizon") {
            if x <= 0 {
                sink.error(at: h.value.location, path: "horizon", "must be > 0, found \(x)")
            } else if x > Limits.maxHorizon {
                sink.error(at: h.value.location, path: "horizon", "must be at most \(Limits.maxHorizon) periods, found \(x)")
            } else {
                horizon = x
            }
        }
        var rate = 0.0
        if let r = top.first(where: { $0.key == "discount_rate" }), let x = read.number(r.value, "discount_rate") {
            // A negative rate weighs the far future more than the present: customer values and the
            // terminal value of any customer who never churns grow without bound.
            if x < 0 { sink.error(at: r.value.location, path: "discount_rate", "must be ≥ 0, found \(fmt(x))") } else { rate = x }
        }
        if let s = read.required(top, "states", in: tree, "") { decodeStates(s.value) }

        var segments: [Segment] = []
        if let s = read.required(top, "segments", in: tree, ""), let entries = read.mapping(s.value, "segments") {
            if entries.isEmpty { sink.error(at: s.value.location, path: "segments", "no segments") }
            for e in entries { segments.append(decodeSegment(e.key, e.value)) }
        }
        for g in segments {
            for tr in g.trends {
                if let s = tr.season, s.count != period.periodsPerYear {
                    sink.error(at: tr.location, path: child(child("segments", g.name), "season"),
                               "a season has one multiplier per period of the year: \(period.periodsPerYear) for period \(period.rawValue), found \(s.count)")
                }
            }
        }
        let plan = PlanDecoder(read: read, states: states, segments: segments.map(\.name), horizon: horizon)
        let costs = top.first { $0.key == "costs" }.map { plan.costs($0.value) } ?? []
        let effects = top.first { $0.key == "effects" }.map { plan.effects($0.value) } ?? []
        let ramp = top.first { $0.key == "ramp" }.flatMap { plan.ramp($0.value) }
        let risks = top.first { $0.key == "risks" }.map { plan.risks($0.value, costs: costs) } ?? []

        var scenario = Scenario(name: name, file: file, currency: currency, period: period, horizon: horizon,
                                discountRate: rate, terminalValue: terminal, states: states, segments: segments,
                                costs: costs, effects: effects, ramp: ramp, risks: risks)
        scenario.parameters = parameters
        scenario.labelled = read.labelled(top, "")
        if let l = top.first(where: { $0.key == "labels" }) { scenario.inputLabels = read.labelMap(l.value, "labels") }
        Divergence.check(scenario, at: keyLocations["terminal_value"] ?? keyLocations["discount_rate"] ?? tree.location, sink)
        if let c = top.first(where: { $0.key == "correlations" }) {
            scenario.correlations = CorrelationDecoder(read: read).decode(c.value, of: scenario)
        }
        return scenario
    }

    /// One of an enum's raw values, with a suggestion when misspelt.
    func choice<E: RawRepresentable & CaseIterable>(_ node: YNode, _ path: String, _: E.Type) -> E? where E.RawValue == String {
        guard let s = read.string(node, path) else { return nil }
        if let v = E(rawValue: s) { return v }
        let allowed = E.allCases.map(\.rawValue)
        sink.error(at: node.location, path: path, "unknown \(path.split(separator: ".").last.map(String.init) ?? path) '\(s)'"
            + Suggest.didYouMean(s, among: allowed) + " (allowed: \(allowed.joined(separator: ", ")))")
        return nil
    }

    private mutating func decodeStates(_ node: YNode) {
        guard let entries = read.mapping(node, "states") else { return }
        if entries.isEmpty { sink.error(at: node.location, path: "states", "no states") }
        for e in entries {
            let path = child("states", e.key)
            NameRules.check(e.key, "state", forbidden: NameRules.identifier, at: e.keyLocation, path: path, sink)
            var stage = Stage.retention
            var labelled = Labelled()
            if let fields = read.mapping(e.value, path) {
                read.checkKeys(fields, allowed: ["stage"] + TreeReader.labelKeys, path)
                labelled = read.labelled(fields, path)
                if let s = read.required(fields, "stage", in: e.value.isNull ? YNode(kind: e.value.kind, location: e.keyLocation) : e.value, path),
                   let v = choice(s.value, child(path, "stage"), Stage.self) { stage = v }
            }
            var st = State(name: e.key, stage: stage)
            st.labelled = labelled
            states.append(st)
        }
    }

    /// The index of state `name`, or an error at `location` with a suggestion.
    func state(_ name: String, at location: SourceLocation, _ path: String) -> Int? {
        if let i = states.firstIndex(where: { $0.name == name }) { return i }
        sink.error(at: location, path: path, "unknown state '\(name)'" + Suggest.didYouMean(name, among: states.map(\.name)))
        return nil
    }
}

/// Every file starts with `schema: clvsim/1` (model.md 2).
enum Schema {
    static let current = "clvsim/1"

    static func check(_ top: [YEntry], in tree: YNode, sink: DiagnosticSink) {
        guard let e = top.first(where: { $0.key == "schema" }) else {
            sink.error(at: tree.location, "missing 'schema: \(current)'")
            return
        }
        if e.value.scalarText != current {
            sink.error(at: e.value.location, path: "schema", "unsupported schema \(e.value.kindName); expected '\(current)'")
        }
    }
}
