import CLVAnalysis
import CLVModel

extension ReportBuilder {
    // MARK: Assumptions

    func assumptions() -> Section {
        let a = results.assumptions
        // Grouped: each segment's inputs, then costs, effects and risks; the raw path in small type.
        func group(_ path: String) -> (Int, String) {
            let parts = Names.split(path)
            switch parts.first {
            case "segments" where parts.count > 1:
                return ((settings.segments.firstIndex(of: parts[1]) ?? 0), s.segmentGroup(names.segment(parts[1])))
            case "costs": return (1000, s.costsGroup)
            case "effects": return (1001, s.effectsGroup)
            case "risks": return (1002, s.risksGroup)
            default: return (1003, s.otherGroup)
            }
        }
        let sorted = a.inputs.enumerated().sorted { x, y in
            let gx = group(x.element.path).0, gy = group(y.element.path).0
            return gx != gy ? gx < gy : x.offset < y.offset
        }.map(\.element)
        var rows: [[String]] = [], last = ""
        for e in sorted {
            let unit = Unit.of(e.path)
            let range = e.constant ? s.constant : zip(e.p5, e.p95).map { lo, hi in
                lo.isFinite && hi.isFinite ? "\(unit.format(lo, fmt)) – \(unit.format(hi, fmt))" : "–"
            }.joined(separator: "; ")
            let g = group(e.path).1
            // The group column names the segment: the label need not repeat it.
            var label = names.input(e.path)
            if e.path.hasPrefix("segments."), let colon = label.firstIndex(where: { $0 == ":" || $0 == "：" }) {
                label = String(label[label.index(after: colon)...]).trimmingSpaces.capitalizedFirst
            }
            rows.append([g == last ? "" : g, label, explain(e.distribution, unit: unit), range,
                         e.usedBy.isEmpty ? s.allScenarios : e.usedBy.map(names.scenario).joined(separator: s.t(", ", "、")), e.path])
            last = g
        }
        var blocks: [Block] = [
            .heading(s.inputsHeading),
            .table(Table(header: [s.groupColumn, s.input, s.distribution, s.p5p95, s.usedBy, s.pathColumn], rows: rows,
                         numeric: [3], small: [5])),
            .note(s.inputsNote + " " + s.parameterNote),
        ]
        if !plans.isEmpty {
            blocks.append(.heading(s.effectsHeading))
            var counters: [String: Int] = [:]
            let effects = a.effects.map { e -> [String] in
                let i = counters[e.plan, default: 0]
                counters[e.plan] = i + 1
                let name = names.label("effect.\(e.plan)#\(i)") ?? names.effect(target: Names.split(e.target), change: e.change)
                let unit: Unit = e.change == "relative" ? .percent : e.change == "multiply" ? .plain : e.target.hasPrefix("transitions") ? .points : Unit.of("x." + e.target)
                return [names.scenario(e.plan), name, e.segments?.map(names.segment).joined(separator: s.t(", ", "、")) ?? s.allSegments,
                        s.changeKind(e.change), explain(e.amount, unit: unit), e.target]
            }
            let unit = chartContext.periodUnit
            func fade(_ f: Double?) -> String? { f.flatMap { $0 > 0 ? Self.value($0) : nil } }
            let ramps: [[Inline]] = a.ramps.flatMap { r -> [[Inline]] in
                let plan = names.scenario(r.plan)
                var out: [[Inline]]
                if let from = r.from, let to = r.to, let until = r.until {
                    out = [[.text(s.ramp(plan: plan, from: Self.value(from), to: Self.value(to), until: Self.value(until),
                                         fade: fade(r.fade), end: Self.value(until + (r.fade ?? 0)), unit: unit))]]
                } else if let from = r.from, let to = r.to {
                    out = [[.text(s.ramp(plan: plan, from: Self.value(from), to: Self.value(to), unit: unit))]]
                } else {
                    out = [[.text(s.noRamp(plan: plan))]]
                }
                // Effects with their own window, named as in the table above.
                let planEffects = a.effects.filter { $0.plan == r.plan }
                for w in r.effects ?? [] {
                    let change = w.effect < planEffects.count ? planEffects[w.effect].change : "relative"
                    let name = names.label("effect.\(r.plan)#\(w.effect)") ?? names.effect(target: Names.split(w.target), change: change)
                    out.append([.text(s.effectRamp(plan: plan, effect: name, from: Self.value(w.from), to: Self.value(w.to),
                                                   until: w.until.map(Self.value), fade: fade(w.fade),
                                                   end: Self.value((w.until ?? 0) + (w.fade ?? 0)), unit: unit))])
                }
                return out
            }
            blocks.append(.table(Table(header: [s.plan, s.target, s.segments, s.change, s.amount, s.pathColumn], rows: effects,
                                       small: [5])))
            blocks.append(.list(ramps))
        }
        return Section(id: "assumptions", title: s.assumptions, blocks: blocks)
    }

    /// A distribution as written, in words with formatted numbers: `beta(0.012, 0.003)` →
    /// "beta, mean 1.2%, sd 0.3%"; a constant alone.
    func explain(_ text: String, unit: Unit) -> String {
        let t = text.trimmingSpaces
        guard let open = t.firstIndex(of: "("), t.hasSuffix(")") else {
            if let x = Double(t) { return unit.format(x, fmt) }
            return t
        }
        let name = String(t[..<open]).trimmingSpaces.lowercased()
        let inner = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
        let args = inner.split(separator: ",").map { String($0).trimmingSpaces }
        func v(_ i: Int) -> String { i < args.count ? (Double(args[i]).map { unit.format($0, fmt) } ?? args[i]) : "?" }
        switch name {
        case "pert", "triangular":
            return s.en ? "\(name == "pert" ? "PERT" : "triangular"): min \(v(0)), most likely \(v(1)), max \(v(2))"
                        : "\(name == "pert" ? "PERT" : "三角")分布：最小 \(v(0))，最可能 \(v(1))，最大 \(v(2))"
        case "uniform": return s.en ? "uniform from \(v(0)) to \(v(1))" : "均匀分布：\(v(0)) 至 \(v(1))"
        case "normal", "lognormal", "gamma", "beta":
            let zh = ["normal": "正态", "lognormal": "对数正态", "gamma": "伽马", "beta": "贝塔"][name] ?? name
            return s.en ? "\(name), mean \(v(0)), sd \(v(1))" : "\(zh)分布：均值 \(v(0))，标准差 \(v(1))"
        case "beta_ab": return s.en ? "beta, α = \(args.first ?? "?"), β = \(args.count > 1 ? args[1] : "?")" : "贝塔分布：α = \(args.first ?? "?")，β = \(args.count > 1 ? args[1] : "?")"
        case "discrete", "dirichlet":
            let items = args.map { a -> String in
                let kv = a.split(separator: ":", maxSplits: 1).map { String($0).trimmingSpaces }
                guard kv.count == 2 else { return a }
                let key = name == "dirichlet" ? names.state(kv[0]) : (Double(kv[0]).map { unit.format($0, fmt) } ?? kv[0])
                let w = Double(kv[1]).map { name == "dirichlet" ? NumberFormat.grouped($0) : NumberFormat.percent($0, decimals: 0) } ?? kv[1]
                return "\(key) \(w)"
            }
            let head = name == "dirichlet" ? s.t("Dirichlet row (weights)", "狄利克雷分布（权重）") : s.t("discrete", "离散分布")
            return head + (s.en ? ": " : "：") + items.joined(separator: s.t(", ", "、"))
        default: return t
        }
    }

    /// A risk's probability as written: a number as a percentage, a distribution explained.
    func probabilityText(_ text: String) -> String { explain(text, unit: .percent) }

    /// A model input for people: up to four significant decimals, thousands separators.
    static func value(_ x: Double) -> String {
        let a = abs(x)
        let d = a >= 1000 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a >= 0.01 ? 3 : 4
        var t = NumberFormat.grouped(x, decimals: d)
        if t.contains(".") {
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
        }
        return t
    }

    // MARK: Method

    func method() -> Section {
        var blocks: [Block] = [.paragraph([.text(s.methodText(
            periods: settings.horizon, unit: chartContext.periodUnit, rate: NumberFormat.percent(settings.discountRate),
            trials: NumberFormat.grouped(Double(results.trials))))])]
        blocks.append(.note(s.basis(terminal: settings.terminalValue == "clv")))
        blocks.append(.note(s.ratioDefinitions))
        blocks.append(.note(s.paybackBasis))
        blocks += runNotes()
        var se: [[String]] = []
        for p in plans {
            se.append([s.seNPV(planName(p.result)), fmt.money(p.vs.npv.mean), fmt.money(p.vs.npv.se)])
            se.append([s.seP(planName(p.result)), NumberFormat.percent(p.vs.pNPVPositive),
                       NumberFormat.percent(p.vs.pNPVPositiveSE, decimals: 2)])
            if let r = p.vs.bcrOfMeans {
                se.append([s.seBCR(planName(p.result)), s.ratioShort(r), NumberFormat.number(p.vs.bcrOfMeansSE, decimals: 3)])
            }
        }
        for r in results.scenarios {
            se.append([s.seCE(planName(r)), fmt.money(r.customerEquity.mean), fmt.money(r.customerEquity.se)])
        }
        blocks.append(.heading(s.seHeading))
        blocks.append(.table(Table(header: [s.figure, s.estimate, s.standardError], rows: se, numeric: [1, 2])))
        let checked = results.scenarios.first?.check?.trials ?? 0
        blocks.append(.heading(s.checkHeading))
        blocks.append(.paragraph([.text(s.checkText(trials: NumberFormat.grouped(Double(checked))))]))
        var rows: [[String]] = []
        for r in results.scenarios {
            guard let check = r.check else { continue }     // a summary analysis has none (`clvsim report` refuses it)
            for (basis, reference, c) in [(s.horizonBasis, r.analytic.customerEquity, check.horizon),
                                          (s.terminalBasis, r.analytic.customerEquityTerminal, check.terminal)] {
                rows.append([planName(r), basis, fmt.money(reference), fmt.money(c.expected), fmt.money(c.monteCarlo),
                             fmt.money(c.se), NumberFormat.number(c.z, decimals: 1)])
            }
        }
        blocks.append(.table(Table(header: [s.scenario, s.basisColumn, s.atMeanInputs, s.exactExpectation,
                                            s.monteCarloSameTrials, s.seOfDifference, s.zScore],
                                   rows: rows, numeric: [2, 3, 4, 5, 6])))
        return Section(id: "method", title: s.method, blocks: blocks)
    }
}

/// The unit of an input, from its path: how the appendix writes its numbers.
enum Unit {
    case percent, points, money, count, periods, plain

    static func of(_ path: String) -> Unit {
        let p = Names.split(path)
        let last = p.last.map { $0.split(separator: "#").first.map(String.init) ?? $0 } ?? ""
        if p.first == "effects" && last == "multiply" { return .plain }   // a factor
        if p.contains("transitions") { return p.first == "effects" && last == "absolute" ? .points : .percent }
        if p.first == "effects" { return last == "relative" ? .percent : p.contains("revenue") || p.contains("cost") || p.contains("acquisition_cost") ? .money : .plain }
        if p.first == "risks" {
            switch last {
            case "probability", "cost_overrun", "effect_scale", "occurs": return .percent
            case "delay": return .periods
            default: return .plain
            }
        }
        if p.first == "costs" || last == "acquisition_cost" || last == "revenue" || last == "cost" { return .money }
        if p.contains("initial") || p.contains("arrivals") { return .count }
        return .plain
    }

    func format(_ x: Double, _ fmt: NumberFormat) -> String {
        switch self {
        case .percent: return NumberFormat.percent(x, decimals: abs(x) < 0.1 && x != 0 ? 2 : 1).trimmedZeros
        case .points: return NumberFormat.grouped(x * 100, decimals: 2).trimmedDecimalZeros + s_pt(fmt)
        case .money: return abs(x) >= 1e4 ? fmt.money(x) : fmt.moneyFull(x)
        case .count: return NumberFormat.grouped(x)
        case .periods, .plain: return ReportBuilder.value(x)
        }
    }
    private func s_pt(_ fmt: NumberFormat) -> String { fmt.locale == .en ? " pt" : " 个百分点" }
}

extension String {
    /// "12.50%" → "12.5%", "3.0%" → "3%".
    var trimmedZeros: String {
        guard hasSuffix("%") else { return self }
        return String(dropLast()).trimmedDecimalZeros + "%"
    }
    var trimmedDecimalZeros: String {
        guard contains(".") else { return self }
        var t = self
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
