/// `decision:` and `portfolios:` of a study file (docs/scenario-format.md, "Decisions").
struct DecisionDecoder {
    static let keys = ["budget", "max_p_loss", "rank_by", "risk_aversion", "hurdle_rates", "portfolios"]
    /// `portfolios: all` enumerates every combination of at most this many plans (2^8 − 1 = 255).
    static let maxPlansForAll = 8
    static let portfolioKeys = ["name", "plans"] + TreeReader.labelKeys

    let read: TreeReader
    var sink: DiagnosticSink { read.sink }

    func decision(_ node: YNode) -> DecisionSettings? {
        guard let fields = read.mapping(node, "decision") else { return nil }
        read.checkKeys(fields, allowed: Self.keys, "decision")
        var d = DecisionSettings(location: node.location)
        func field(_ k: String) -> YEntry? { fields.first { $0.key == k } }
        if let f = field("budget"), let x = read.number(f.value, "decision.budget") {
            if x < 0 || !x.isFinite { sink.error(at: f.value.location, path: "decision.budget", "must be ≥ 0, found \(fmt(x))") } else { d.budget = x }
        }
        if let f = field("max_p_loss"), let x = read.number(f.value, "decision.max_p_loss") {
            if !(0...1).contains(x) {
                sink.error(at: f.value.location, path: "decision.max_p_loss", "must be a probability in [0, 1], found \(fmt(x))")
            } else { d.maxPLoss = x }
        }
        if let f = field("risk_aversion"), let x = read.number(f.value, "decision.risk_aversion") {
            if !(x > 0) || !x.isFinite {
                sink.error(at: f.value.location, path: "decision.risk_aversion", "must be > 0 (per unit of currency), found \(fmt(x))")
            } else { d.riskAversion = x }
        }
        if let f = field("rank_by"), let s = read.string(f.value, "decision.rank_by") {
            let allowed = DecisionSettings.RankBy.allCases.map(\.rawValue)
            if let r = DecisionSettings.RankBy(rawValue: s) {
                d.rankBy = r
                if r == .certaintyEquivalent && field("risk_aversion") == nil {
                    sink.error(at: f.value.location, path: "decision.rank_by",
                               "ranking by certainty_equivalent needs 'risk_aversion' in the decision block")
                }
            } else {
                sink.error(at: f.value.location, path: "decision.rank_by", "unknown ranking '\(s)'"
                    + Suggest.didYouMean(s, among: allowed) + " (allowed: \(allowed.joined(separator: ", ")))")
            }
        }
        if let f = field("hurdle_rates"), let items = read.list(f.value, "decision.hurdle_rates") {
            let xs = items.enumerated().compactMap { read.number($1, "decision.hurdle_rates[\($0)]") }
            if items.count != 2 {
                sink.error(at: f.value.location, path: "decision.hurdle_rates", "expected two annual rates [low, high], found \(items.count)")
            } else if xs.count == 2 {
                if !(xs[0] > -1) || !(xs[0] < xs[1]) || !(xs[1] <= 10) {
                    sink.error(at: f.value.location, path: "decision.hurdle_rates",
                               "expected −1 < low < high ≤ 10, found [\(fmt(xs[0])), \(fmt(xs[1]))]")
                } else { d.hurdleRates = xs }
            }
        }
        if let f = field("portfolios"), let s = read.string(f.value, "decision.portfolios") {
            if s == "all" { d.allPortfolios = true } else {
                sink.error(at: f.value.location, path: "decision.portfolios", "expected 'all', found '\(s)' (list portfolios under the top-level 'portfolios:' key)")
            }
        }
        return d
    }

    /// `portfolios:`: each item a list of plans, or `{name:, plans: [...], label:}`. A plan is named
    /// by its file as written under `plans:`, that file's name without `.yaml`, or the plan's `name:`.
    func portfolios(_ node: YNode, planFiles: [(written: String, name: String)]) -> [PortfolioSpec] {
        var out: [PortfolioSpec] = []
        for (i, item) in (read.list(node, "portfolios") ?? []).enumerated() {
            let path = "portfolios[\(i)]"
            var listNode = item, name: String?, label: LocalizedText?
            if item.entries != nil {
                guard let fields = read.mapping(item, path) else { continue }
                read.checkKeys(fields, allowed: Self.portfolioKeys, path)
                guard let p = read.required(fields, "plans", in: item, path) else { continue }
                listNode = p.value
                name = fields.first { $0.key == "name" }.flatMap { read.string($0.value, child(path, "name")) }
                label = read.labelled(fields, path).label
            }
            guard let items = read.list(listNode, child(path, "plans")) else { continue }
            var members: [Int] = []
            for (j, x) in items.enumerated() {
                guard let s = read.string(x, "\(path)[\(j)]") else { continue }
                let k = planFiles.firstIndex { Self.names($0.written, $0.name).contains(s) }
                guard let k else {
                    let all = planFiles.flatMap { Self.names($0.written, $0.name) }
                    sink.error(at: x.location, path: "\(path)[\(j)]", "no plan '\(s)' in this study" + Suggest.didYouMean(s, among: all))
                    continue
                }
                if members.contains(k) {
                    sink.error(at: x.location, path: "\(path)[\(j)]", "plan '\(s)' is listed twice in this portfolio")
                    continue
                }
                members.append(k)
            }
            if items.count < 2 {
                sink.error(at: listNode.location, path: path, "a portfolio needs at least two plans, found \(items.count)")
                continue
            }
            guard members.count == items.count else { continue }
            let n = name ?? members.map { planFiles[$0].name }.joined(separator: " + ")
            if let first = out.first(where: { $0.name == n || Set($0.members) == Set(members) }) {
                sink.error(at: item.location, path: path, "portfolio '\(n)' repeats the one at line \(first.location.line)")
                continue
            }
            out.append(PortfolioSpec(name: n, label: label, members: members, location: item.location))
        }
        return out
    }

    /// How a plan may be named in a portfolio.
    static func names(_ written: String, _ name: String) -> [String] {
        let file = Paths.fileName(written)
        let stem = file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file.hasSuffix(".yml") ? String(file.dropLast(4)) : file
        return [written, file, stem, name]
    }

    /// `portfolios: all`: every combination of two or more plans, smallest first, in plan order.
    static func all(_ planNames: [String], at location: SourceLocation) -> [PortfolioSpec] {
        let n = planNames.count
        guard n >= 2 else { return [] }
        let lists = (1..<(1 << n)).filter { $0.nonzeroBitCount >= 2 }.map { m in (0..<n).filter { m & (1 << $0) != 0 } }
            .sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
        return lists.map { members in
             PortfolioSpec(name: members.map { planNames[$0] }.joined(separator: " + "), label: nil, members: members,
                                 location: location)
        }
    }
}
