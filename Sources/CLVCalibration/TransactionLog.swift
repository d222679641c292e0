import CLVModel
import Dispatch

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
    fileprivate(set) var purchases: [[Purchase]] = []
    fileprivate(set) var firstPeriod = Int.max, lastPeriod = Int.min

    private init(file: String, kind: PeriodKind) {
        self.file = file
        self.kind = kind
    }

    var customers: Int { purchases.count }

    /// Parsed rows waiting for the customer table: ids as bytes in one arena.
    struct Batch: Sendable {
        var idBytes: [UInt8] = []
        var idEnds: [Int] = []
        var periods: [Int32] = []
        var amounts: [Double] = []
        var count: Int { periods.count }

        /// Sized for a whole batch up front: equal allocations are reused by malloc, where
        /// arrays grown by doubling on one thread and freed on another fragmented the heap.
        static func empty() -> Batch {
            var b = Batch()
            b.idBytes.reserveCapacity(Consumer.batchSize * 16)
            b.idEnds.reserveCapacity(Consumer.batchSize)
            b.periods.reserveCapacity(Consumer.batchSize)
            b.amounts.reserveCapacity(Consumer.batchSize)
            return b
        }
    }

    /// Files rows into customers, batch after batch in file order, on the reading thread.
    ///
    /// It ran on its own serial Dispatch queue once, overlapping parsing; but a serial queue's
    /// blocks run on whichever worker thread is free, each with its own malloc arena, so the
    /// customers' arrays grew in one arena and were freed in another, and peak memory grew with
    /// the row count although nothing per row is kept (10 M rows of the same customer-months as a
    /// 5 M-row log: 343 against 267 MiB, 1.28×). On the reading thread every per-customer
    /// allocation comes from one arena.
    final class Consumer {
        static let batchSize = 1 << 16
        private var ids = IDTable()
        let log: TransactionLog

        init(_ log: TransactionLog) { self.log = log }

        func submit(_ b: Batch) {
            b.idBytes.withUnsafeBufferPointer { bytes in
                var start = 0
                for r in 0..<b.count {
                    let (k, isNew) = ids.index(UnsafeBufferPointer(rebasing: bytes[start..<b.idEnds[r]]))
                    start = b.idEnds[r]
                    if isNew { log.purchases.append([]) }
                    log.add(customer: k, period: b.periods[r], amount: b.amounts[r])
                }
            }
        }

        func finish() {}
    }

    static func read(path: String, period: Period, columns: [String: String]) throws(Diagnostics) -> TransactionLog {
        let log = TransactionLog(file: path, kind: PeriodKind(period))
        let reader = try TableReader(path: path)
        var problems = ProblemList()
        let consumer = Consumer(log)
        var batch = Batch.empty()
        var roles: [String: Int] = [:]
        var resolved = false
        var ci = 0, di = 0, ai = 0, need = 0
        var first = Int.max, last = Int.min
        do {
            try reader.forEachRecord { r in
                if !resolved {
                    var p: [Diagnostic] = []
                    roles = ColumnRoles.resolve([ColumnRoles.customer, ColumnRoles.date, ColumnRoles.amount],
                                                header: reader.header, given: columns, file: path, into: &p)
                    problems.append(contentsOf: p)
                    resolved = true
                    if !p.isEmpty { throw problems.diagnostics(file: path) }
                    (ci, di, ai) = (roles["customer"] ?? 0, roles["date"] ?? 0, roles["amount"] ?? 0)
                    need = max(ci, di, ai)
                }
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
                batch.idBytes.append(contentsOf: r.field(ci))
                batch.idEnds.append(batch.idBytes.count)
                batch.periods.append(Int32(p))
                batch.amounts.append(amount)
                if batch.count == Consumer.batchSize {
                    consumer.submit(batch)
                    batch = Batch.empty()
                }
                first = min(first, p)
                last = max(last, p)
            }
        } catch let d as Diagnostics { consumer.finish(); throw d } catch { consumer.finish(); throw problems.diagnostics(file: path) }
        if batch.count > 0 { consumer.submit(batch) }
        consumer.finish()
        log.firstPeriod = first
        log.lastPeriod = last
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

    fileprivate func add(customer k: Int, period p: Int32, amount: Double) {
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
