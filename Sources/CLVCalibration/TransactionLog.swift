import CLVModel
import Dispatch

/// One customer's purchases in one period.
struct Purchase {
    var period: Int32
    var amount: Double
}

/// A transaction log counted into recency × frequency tallies as it streams past
/// (`RecencyTallies`: a fixed record per customer, never per row).
///
/// When every customer's rows come in period order (a log sorted by date, or by customer and
/// date, as exports are), the rows are counted as they are read. A row earlier than its customer's
/// latest purchase period stops that: the log is then read again whole, each customer's purchase
/// periods kept (16 bytes each, the rows of one customer and period summed as they arrive), and
/// counted in period order afterwards, which gives the same tallies.
final class TransactionLog {
    let file: String
    let kind: PeriodKind
    private(set) var sha256 = ""
    private(set) var rows = 0
    let tallies: RecencyTallies
    /// False when the log was not in period order per customer and was read whole.
    private(set) var streamed = true
    fileprivate(set) var firstPeriod = Int.max, lastPeriod = Int.min

    private init(file: String, kind: PeriodKind, tallies: RecencyTallies) {
        self.file = file
        self.kind = kind
        self.tallies = tallies
    }

    var customers: Int { tallies.count }

    /// Parsed rows waiting for the customer table: ids as bytes in one arena.
    struct Batch: Sendable {
        var idBytes: [UInt8] = []
        var idEnds: [Int] = []
        var periods: [Int32] = []
        var amounts: [Double] = []
        var count: Int { periods.count }

        /// Sized for a whole batch up front, and reused.
        static func empty() -> Batch {
            var b = Batch()
            b.idBytes.reserveCapacity(Consumer.batchSize * 16)
            b.idEnds.reserveCapacity(Consumer.batchSize)
            b.periods.reserveCapacity(Consumer.batchSize)
            b.amounts.reserveCapacity(Consumer.batchSize)
            return b
        }

        mutating func clear() {
            idBytes.removeAll(keepingCapacity: true)
            idEnds.removeAll(keepingCapacity: true)
            periods.removeAll(keepingCapacity: true)
            amounts.removeAll(keepingCapacity: true)
        }
    }

    /// Thrown inside the streaming read at the first row out of period order.
    struct Unsorted: Error {}

    /// Files rows into customers, batch after batch in file order, on the reading thread (one
    /// malloc arena: a Dispatch queue's blocks run on any worker thread, each with its own arena,
    /// and memory grew with the rows when the customer table ran on one).
    final class Consumer {
        static let batchSize = 1 << 16
        private var ids = IDTable()
        let log: TransactionLog
        /// nil: streaming into the tallies; else each customer's purchases, sorted by period.
        var whole: [[Purchase]]?

        init(_ log: TransactionLog, whole: Bool) {
            self.log = log
            self.whole = whole ? [] : nil
        }

        /// False at the first row out of period order while streaming.
        func submit(_ b: Batch) -> Bool {
            b.idBytes.withUnsafeBufferPointer { bytes in
                var start = 0
                for r in 0..<b.count {
                    let (k, isNew) = ids.index(UnsafeBufferPointer(rebasing: bytes[start..<b.idEnds[r]]))
                    start = b.idEnds[r]
                    if whole != nil {
                        if isNew { whole!.append([]) }
                        Self.add(&whole![k], period: b.periods[r], amount: b.amounts[r])
                    } else {
                        if isNew { log.tallies.append() }
                        guard log.tallies.add(k, period: b.periods[r], amount: b.amounts[r]) else { return false }
                    }
                }
                return true
            }
        }

        /// A purchase into a customer's list, kept sorted by period (rows of one period summed).
        static func add(_ buys: inout [Purchase], period p: Int32, amount: Double) {
            let n = buys.count
            if n == 0 || buys[n - 1].period < p {
                buys.append(Purchase(period: p, amount: amount))
            } else if buys[n - 1].period == p {
                buys[n - 1].amount += amount
            } else {
                var lo = 0, hi = n
                while lo < hi { let mid = (lo + hi) / 2; if buys[mid].period < p { lo = mid + 1 } else { hi = mid } }
                if lo < n && buys[lo].period == p { buys[lo].amount += amount } else {
                    buys.insert(Purchase(period: p, amount: amount), at: lo)
                }
            }
        }
    }

    /// Reads and counts the log. `window`: purchase periods each customer keeps uncounted (the
    /// holdout), see `RecencyTallies`.
    static func read(path: String, period: Period, columns: [String: String],
                     recency: Int, frequency: Int, lapseIsChurn: Bool, window: Int) throws(Diagnostics) -> TransactionLog {
        func tallies() -> RecencyTallies {
            RecencyTallies(recency: recency, frequency: frequency, lapseIsChurn: lapseIsChurn, window: window)
        }
        if let log = try read(path: path, period: period, columns: columns, tallies: tallies(), whole: false) { return log }
        // Not in period order per customer: read whole, then count each customer's periods in order.
        guard let log = try read(path: path, period: period, columns: columns, tallies: tallies(), whole: true) else {
            throw Diagnostics([.data(path, 0, 0, "internal error: the whole-file read gave up")])
        }
        return log
    }

    /// One read of the file; nil when streaming met a row out of period order.
    private static func read(path: String, period: Period, columns: [String: String], tallies: RecencyTallies,
                             whole: Bool) throws(Diagnostics) -> TransactionLog? {
        let log = TransactionLog(file: path, kind: PeriodKind(period), tallies: tallies)
        log.streamed = !whole
        let reader = try TableReader(path: path)
        var problems = ProblemList()
        let consumer = Consumer(log, whole: whole)
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
                    guard consumer.submit(batch) else { throw Unsorted() }
                    batch.clear()
                }
                first = min(first, p)
                last = max(last, p)
            }
        } catch let d as Diagnostics { throw d } catch is Unsorted { return nil } catch { throw problems.diagnostics(file: path) }
        if batch.count > 0 && !consumer.submit(batch) { return nil }
        if let whole = consumer.whole {
            for buys in whole {
                let k = tallies.count
                tallies.append()
                for b in buys { _ = tallies.add(k, period: b.period, amount: b.amount) }
            }
        }
        log.firstPeriod = first
        log.lastPeriod = last
        if !resolved {
            problems.append(.data(path, 1, 1, "no header line: the file is empty"))
        } else if problems.isEmpty && log.customers == 0 {
            problems.append(.data(path, 2, 1, "no data rows"))
        }
        if !problems.isEmpty { throw problems.diagnostics(file: path) }
        log.sha256 = reader.sha256
        log.rows = reader.rows
        return log
    }
}
