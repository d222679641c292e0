/// Base numbers by period (docs/scenario-format.md, "Numbers by period"):
/// `revenue: {by_period: [120, 125, "normal(130, 5)"]}`. The first value is period 1's (and
/// period 0's) and keeps the number's own input path; value k (k = 2, 3, …) is period k's, at
/// `PATH@k`; periods after the last value hold it.
extension ScenarioDecoder {
    /// A base number at `path` (input path `path`) that may be written by period. `check` validates
    /// each value (a probability, a non-negative amount) at its own diagnostic path. Returns period
    /// 1's value; the later ones are appended to `series` under `target`.
    func perPeriod(_ node: YNode, _ path: String, _ target: SeriesTarget, into series: inout [PeriodSeries],
                   check: (Uncertain, String) -> Void = { _, _ in }) -> Uncertain? {
        guard let entries = node.entries, node.items == nil else {
            let u = read.uncertain(node, path, input: path)
            if let u { check(u, path) }
            return u
        }
        read.checkKeys(entries, allowed: ["by_period"], path)
        guard let e = entries.first(where: { $0.key == "by_period" }) else {
            // Unknown keys are reported above, with a suggestion.
            if entries.isEmpty {
                sink.error(at: node.location, path: path, "expected a number, a distribution or {by_period: [...]}, found an empty mapping")
            }
            return nil
        }
        let listPath = child(path, "by_period")
        guard let items = e.value.items else {
            sink.error(at: e.value.location, path: listPath,
                       "expected a list of values, one per period from period 1 (by_period: [x1, x2, ...]), found \(e.value.kindName)")
            return nil
        }
        guard !items.isEmpty else {
            sink.error(at: e.value.location, path: listPath, "an empty list: give at least period 1's value")
            return nil
        }
        if items.count > horizon {
            sink.warning(at: items[horizon].location, path: listPath,
                         "\(items.count) values for a horizon of \(horizon) periods: the last \(items.count - horizon) are never used")
        }
        var values: [Uncertain] = []
        for (k, item) in items.enumerated() {
            let shown = listPath + "[\(k)]"
            let input = k == 0 ? path : path + "@\(k + 1)"
            if item.entries != nil || item.items != nil {
                sink.error(at: item.location, path: shown, "expected a number or a distribution, found \(item.kindName)")
                continue
            }
            guard let u = read.uncertain(item, shown, input: input) else { continue }
            check(u, shown)
            values.append(u)
        }
        guard values.count == items.count else { return nil }
        if values.count > 1 { series.append(PeriodSeries(target: target, later: Array(values.dropFirst()), location: e.value.location)) }
        return values[0]
    }
}
