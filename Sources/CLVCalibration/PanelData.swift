import CLVModel

/// One row of a customer-period panel.
struct PanelRow {
    var period: Int32
    var state: Int32
    var line: Int32
    var revenue: Double
    var cost: Double
}

/// A panel (one row per customer per period) as it streams past: per customer its rows by period.
final class PanelData {
    let file: String
    private(set) var sha256 = ""
    private(set) var rows = 0
    private(set) var kind: PeriodKind = .integer
    /// Per customer its rows (empty when read into a `PanelStream`).
    private(set) var customers: [[PanelRow]] = []
    private(set) var customerTotal = 0
    /// Per customer: its segment (that of its first row).
    private(set) var segmentOf: [Int32] = []
    private(set) var segmentNames: [String] = []
    private(set) var stateNames: [String] = []
    private(set) var hasCost = false
    private(set) var firstPeriod = Int.max, lastPeriod = Int.min

    private init(file: String) { self.file = file }

    /// Reads a panel. `allowedStates`, when given (from `--states-from`), is the only states a row may name.
    ///
    /// With `stream`, rows are not kept: each goes to the stream as it is read, and reading stops
    /// as soon as the stream finds a customer's rows out of period order (`stream.unsorted`).
    static func read(path: String, columns: [String: String], allowedStates: [String]?, statesFile: String?,
                     stream: PanelStream? = nil) throws(Diagnostics) -> PanelData {
        let panel = PanelData(file: path)
        let reader = try TableReader(path: path)
        var problems = ProblemList()
        var ids = IDTable()
        var states: [String: Int32] = [:], segments: [String: Int32] = [:]
        var stateBytes: [[UInt8]] = []
        if let allowed = allowedStates {
            for s in allowed {
                states[s] = Int32(panel.stateNames.count); panel.stateNames.append(s); stateBytes.append(Array(s.utf8))
                stream?.stateAdded(s)
            }
        }
        var roles: [String: Int] = [:]
        var resolved = false
        var ci = 0, pi = 0, si = 0, ri = 0, need = 0
        var gi: Int? = nil, ki: Int? = nil
        var firstKind: (PeriodKind, Int)?
        do {
            try reader.forEachRecord { r in
                if !resolved {
                    var p: [Diagnostic] = []
                    roles = ColumnRoles.resolve([ColumnRoles.customer, ColumnRoles.period, ColumnRoles.state, ColumnRoles.segment,
                                                 ColumnRoles.revenue, ColumnRoles.cost],
                                                header: reader.header, given: columns, file: path, into: &p)
                    problems.append(contentsOf: p)
                    resolved = true
                    panel.hasCost = roles["cost"] != nil
                    stream?.setHasCost(panel.hasCost)
                    if !p.isEmpty { throw problems.diagnostics(file: path) }
                    // Looked up once: a dictionary lookup per row and role cost a fifth of the read.
                    (ci, pi, si, ri) = (roles["customer"] ?? 0, roles["period"] ?? 0, roles["state"] ?? 0, roles["revenue"] ?? 0)
                    (gi, ki) = (roles["segment"], roles["cost"])
                    need = max(ci, pi, si, ri, gi ?? 0, ki ?? 0)
                }
                guard r.count > need else {
                    problems.append(.data(path, r.line, r.column(r.count), "expected at least \(need + 1) fields, found \(r.count)"))
                    return
                }
                var period: Int?
                if let (k, v) = FieldParse.period(r.field(pi)) {
                    if let (k0, line0) = firstKind, k0 != k {
                        problems.append(.data(path, r.line, r.column(pi), "period '\(r.string(pi))' is written as \(k.rawValue), but line \(line0) has \(k0.rawValue) periods"))
                    } else {
                        if firstKind == nil { firstKind = (k, r.line) }
                        period = v
                    }
                } else {
                    problems.append(.data(path, r.line, r.column(pi), "unparsable period '\(r.string(pi))' (expected an integer, YYYY-MM or YYYYQn)"))
                }
                // Few states: compare bytes with each, rather than hash a String per row.
                let field = r.field(si)
                var state: Int32? = nil
                for (k, b) in stateBytes.enumerated() where b.count == field.count && b.elementsEqual(field) { state = Int32(k); break }
                let stateName = state == nil ? r.string(si) : ""
                if state == nil {
                    if allowedStates != nil {
                        problems.append(.data(path, r.line, r.column(si), "state '\(stateName)' is not in \(statesFile ?? "--states-from") (states: \(panel.stateNames.joined(separator: ", ")))"))
                    } else if stateName.isEmpty {
                        problems.append(.data(path, r.line, r.column(si), "empty state"))
                    } else {
                        state = Int32(panel.stateNames.count)
                        states[stateName] = state
                        panel.stateNames.append(stateName)
                        stateBytes.append(Array(stateName.utf8))
                        stream?.stateAdded(stateName)
                    }
                }
                let revenue = FieldParse.number(r.field(ri))
                if revenue == nil { problems.append(.data(path, r.line, r.column(ri), "unparsable revenue '\(r.string(ri))'")) }
                var cost = 0.0
                if let ki {
                    if let c = FieldParse.number(r.field(ki)) { cost = c } else {
                        problems.append(.data(path, r.line, r.column(ki), "unparsable cost '\(r.string(ki))'"))
                    }
                }
                guard let period, let state, let revenue else { return }
                let (k, isNew) = ids.index(r.field(ci))
                if isNew {
                    panel.customerTotal += 1
                    if stream == nil { panel.customers.append([]) }
                    let seg = gi.map { r.string($0) } ?? "customers"
                    if let g = segments[seg] { panel.segmentOf.append(g) } else {
                        segments[seg] = Int32(panel.segmentNames.count)
                        panel.segmentOf.append(Int32(panel.segmentNames.count))
                        panel.segmentNames.append(seg)
                        stream?.segmentAdded()
                    }
                }
                let row = PanelRow(period: Int32(period), state: state, line: Int32(r.line), revenue: revenue, cost: cost)
                let duplicate: Int?
                if let stream {
                    switch stream.add(customer: k, segment: Int(panel.segmentOf[k]), row) {
                    case .ok: duplicate = nil
                    case .duplicate(let line): duplicate = line
                    case .unsorted: throw Unsorted()
                    }
                } else {
                    duplicate = panel.insert(row, customer: k)
                }
                if let dup = duplicate {
                    problems.append(.data(path, r.line, r.column(pi), "duplicate row for customer '\(r.string(ci))' in period \(r.string(pi)) (first at line \(dup))"))
                    return
                }
                panel.firstPeriod = min(panel.firstPeriod, period)
                panel.lastPeriod = max(panel.lastPeriod, period)
            }
        } catch let d as Diagnostics { throw d } catch is Unsorted { return panel } catch { throw problems.diagnostics(file: path) }
        if !resolved {
            problems.append(.data(path, 1, 1, "no header line: the file is empty"))
        } else if problems.isEmpty && panel.customerTotal == 0 {
            problems.append(.data(path, 2, 1, "no data rows"))
        }
        if !problems.isEmpty { throw problems.diagnostics(file: path) }
        panel.kind = firstKind?.0 ?? .integer
        panel.sha256 = reader.sha256
        panel.rows = reader.rows
        return panel
    }

    /// Thrown inside the read when a stream gives up: not an error of the file.
    private struct Unsorted: Error {}

    /// Adds a row in period order; returns the line of an existing row of the same period instead.
    private func insert(_ row: PanelRow, customer k: Int) -> Int? {
        let n = customers[k].count
        if n == 0 || customers[k][n - 1].period < row.period { customers[k].append(row); return nil }
        var lo = 0, hi = n
        while lo < hi { let mid = (lo + hi) / 2; if customers[k][mid].period < row.period { lo = mid + 1 } else { hi = mid } }
        if lo < n && customers[k][lo].period == row.period { return Int(customers[k][lo].line) }
        customers[k].insert(row, at: lo)
        return nil
    }

    /// Adds a state that no row names (the churn state of disappearing customers).
    func addState(_ name: String) -> Int {
        if let i = stateNames.firstIndex(of: name) { return i }
        stateNames.append(name)
        return stateNames.count - 1
    }
}
