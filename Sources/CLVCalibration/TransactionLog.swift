import CLVModel

/// One customer's purchases in one period.
struct Purchase {
    var period: Int32
    var amount: Double
}

/// A transaction log reduced to purchases per customer and period, as it streams past.
///
/// Memory: one entry per customer and purchase period (rows of the same customer and period are
/// summed as they arrive), not per row.
final class TransactionLog {
    let file: String
    let kind: PeriodKind
    private(set) var sha256 = ""
    private(set) var rows = 0
    /// Per customer (in order of first appearance), purchases sorted by period.
    private(set) var purchases: [[Purchase]] = []
    private(set) var firstPeriod = Int.max, lastPeriod = Int.min

    private init(file: String, kind: PeriodKind) {
        self.file = file
        self.kind = kind
    }

    var customers: Int { purchases.count }

    static func read(path: String, period: Period, columns: [String: String]) throws(Diagnostics) -> TransactionLog {
        let log = TransactionLog(file: path, kind: PeriodKind(period))
        let reader = try TableReader(path: path)
        var problems = ProblemList()
        var ids = IDTable()
        var roles: [String: Int] = [:]
        var resolved = false
        do {
            try reader.forEachRecord { r in
                if !resolved {
                    var p: [Diagnostic] = []
                    roles = ColumnRoles.resolve([ColumnRoles.customer, ColumnRoles.date, ColumnRoles.amount],
                                                header: reader.header, given: columns, file: path, into: &p)
                    problems.append(contentsOf: p)
                    resolved = true
                    if !p.isEmpty { throw problems.diagnostics(file: path) }
                }
                let ci = roles["customer"]!, di = roles["date"]!, ai = roles["amount"]!
                let need = max(ci, di, ai)
                guard r.count > need else {
                    problems.append(.data(path, r.line, r.column(r.count),
                                          "expected at least \(need + 1) fields, found \(r.count)"))
                    return
                }
                let date = FieldParse.date(r.field(di))
                if date == nil {
                    problems.append(.data(path, r.line, r.column(di), "unparsable date '\(r.string(di))' (expected YYYY-MM-DD or YYYYMMDD)"))
                }
                let amount = FieldParse.number(r.field(ai))
                if amount == nil {
                    problems.append(.data(path, r.line, r.column(ai), "unparsable amount '\(r.string(ai))'"))
                }
                guard let date, let amount, problems.isEmpty else { return }
                let p = FieldParse.bucket(date, log.kind)
                let (k, isNew) = ids.index(r.field(ci))
                if isNew { log.purchases.append([]) }
                log.add(customer: k, period: Int32(p), amount: amount)
                if p < log.firstPeriod { log.firstPeriod = p }
                if p > log.lastPeriod { log.lastPeriod = p }
            }
        } catch let d as Diagnostics { throw d } catch { throw problems.diagnostics(file: path) }
        if !resolved {
            problems.append(.data(path, 1, 1, "no header line: the file is empty"))
        } else if problems.isEmpty && log.purchases.isEmpty {
            problems.append(.data(path, 2, 1, "no data rows"))
        }
        if !problems.isEmpty { throw problems.diagnostics(file: path) }
        log.sha256 = reader.sha256
        log.rows = reader.rows
        return log
    }

    private func add(customer k: Int, period p: Int32, amount: Double) {
        // Logs are usually in date order: the common cases are "same period as the last" and "later".
        let n = purchases[k].count
        if n == 0 || purchases[k][n - 1].period < p {
            purchases[k].append(Purchase(period: p, amount: amount))
        } else if purchases[k][n - 1].period == p {
            purchases[k][n - 1].amount += amount
        } else {
            var lo = 0, hi = n
            while lo < hi { let mid = (lo + hi) / 2; if purchases[k][mid].period < p { lo = mid + 1 } else { hi = mid } }
            if lo < n && purchases[k][lo].period == p { purchases[k][lo].amount += amount } else {
                purchases[k].insert(Purchase(period: p, amount: amount), at: lo)
            }
        }
    }
}
