@testable import CLVCalibration
import CLVModel
import Foundation
import Testing

/// Transaction logs are counted as they stream (`RecencyTallies`: a fixed record per customer,
/// the latest `--holdout` purchase periods kept uncounted); a log whose customers' rows are not in
/// period order is read whole and counted afterwards. Both must give the same bytes.
@Suite("Calibration: streaming transaction logs")
struct StreamingLogTests {
    /// A: months 1, 2 (two rows), 5; B: months 1, 10; C: month 4 only (2024-01 … 2024-10).
    static let tiny = """
        customer,date,amount
        A,2024-01-03,10
        B,2024-01-20,40
        A,2024-02-01,20
        A,2024-02-28,5
        C,2024-04-09,-6
        A,2024-05-15,30
        B,2024-10-01,50

        """

    func calibrate(_ text: String, _ edit: (inout CalibrationOptions) -> Void = { _ in }) throws -> CalibrationResult {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        var o = CalibrationOptions()
        o.period = .month
        o.trials = 100
        o.threads = 2
        edit(&o)
        return try Calibration.transactions(path: Scratch.write(text, "log.csv", in: d), options: o)
    }

    @Test("exact moves from the gaps between purchase periods (--recency 3 --prior 0 --classes 1)")
    func tinyCounts() throws {
        let r = try calibrate(Self.tiny) { $0.recency = 3; $0.prior = 0; $0.classes = .fixed(1); $0.arrivals = .mean }
        #expect(r.streamed)
        let s = try Scratch.load(r.baselineYAML)
        let seg = s.segment("customers")
        func row(_ from: String) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: (seg.dirichlet(s.state(from)) ?? [:]).map { (s.states[$0.key].name, $0.value) })
        }
        // A: r0→r0 (1→2); r0→r1→r2→r0 (3, 4 without a purchase); r0→r1→r2→r3, r3→r3 ×2 (6 … 10).
        // B: r0→r1→r2→r3, r3→r3 ×5, r3→r0 (2 … 9 without one). C: r0→r1→r2→r3, r3→r3 ×3 (5 … 10).
        #expect(row("r0") == ["r0": 1, "r1": 4])
        #expect(row("r1") == ["r2": 4])
        #expect(row("r2") == ["r0": 1, "r3": 3])
        #expect(row("r3") == ["r0": 1, "r3": 10])
        // At 2024-10: A and C in r3, B in r0.
        #expect(seg.initial(s.state("r0")) == 1)
        #expect(seg.initial(s.state("r3")) == 2)
        // Six purchase months (A's two February rows are one): 10, 25, 30, 40, 50, −6; a negative one, so normal.
        let xs = [10.0, 25, 30, 40, 50, -6]
        let m = xs.reduce(0, +) / 6
        let sd = (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 5).squareRoot()
        #expect(r.baselineYAML.contains("r0: { revenue: \"normal(\(BaselineWriter.fmt(m, 4)), \(BaselineWriter.fmt(sd / 6.squareRoot(), 4)))\""))
        #expect(r.baselineYAML.contains("6 observations, mean \(BaselineWriter.fmt(m, 2)), sd \(BaselineWriter.fmt(sd, 2))"))
        // C is the only new customer after 2024-01 (in 2024-04).
        #expect(r.baselineYAML.contains("over 2024-02 … 2024-10: 0, 0, 1, 0, 0, 0, 0, 0, 0"))
    }

    @Test("--lapse-is-churn: K periods without a purchase absorb, and later purchases are not counted")
    func tinyLapse() throws {
        let r = try calibrate(Self.tiny) { $0.recency = 3; $0.prior = 0; $0.classes = .fixed(1); $0.lapseIsChurn = true }
        let s = try Scratch.load(r.baselineYAML)
        let seg = s.segment("customers")
        func row(_ from: String) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: (seg.dirichlet(s.state(from)) ?? [:]).map { (s.states[$0.key].name, $0.value) })
        }
        // A: r0→r0, r0→r1→r2→r0, then absorbed in 2024-08; B absorbed in 2024-04 (its October purchase
        // not counted); C absorbed in 2024-07.
        #expect(row("r0") == ["r0": 1, "r1": 4])
        #expect(row("r1") == ["r2": 4])
        #expect(row("r2") == ["r0": 1, "r3": 3])
        #expect(s.states[s.state("r3")].stage == .churn)
        #expect(r.baselineYAML.contains("initial: {}"))
        #expect(r.baselineYAML.contains("5 observations, mean 19.8,"))
    }

    @Test("--holdout 2: the cut's counts and the actual figures after it come from the customers' windows")
    func tinyHoldout() throws {
        let r = try calibrate(Self.tiny) { $0.recency = 3; $0.prior = 0; $0.classes = .fixed(1); $0.holdout = 2 }
        let b = try #require(r.backtest)
        #expect(b.periods == ["2024-09", "2024-10"])
        #expect(b.actualRevenue == [0, 50])
        #expect(b.actualActive == [0, 1])
        let s = try Scratch.load(r.backtestBaselineYAML ?? "")
        let seg = s.segment("customers")
        // At 2024-08: A in r3 (5 → 8), B in r3 (since 1), C in r3 (4 → 8).
        #expect(seg.initial(s.state("r3")) == 3)
        // B's October purchase is after the cut: its gap is a tail (r3 → r3 ×4 by 2024-08).
        let row = Dictionary(uniqueKeysWithValues: (seg.dirichlet(s.state("r3")) ?? [:]).map { (s.states[$0.key].name, $0.value) })
        // r3 → r3: B 4 (2024-05 … 08), C 1 (2024-08); A reaches r3 in 2024-08.
        #expect(row == ["r3": 5])
        // Purchases up to the cut: A 10, 25, 30; B 40; C −6.
        #expect(r.backtestBaselineYAML?.contains("5 observations, mean 19.8,") == true)
    }

    /// 60 customers over 14 months: gaps of every length, several rows in one customer-month,
    /// customers joining late, one-purchase customers. Integer amounts, so sums are exact in any order.
    static func rows() -> [(customer: String, month: Int, text: String)] {
        var out: [(String, Int, String)] = []
        for c in 0..<60 {
            let start = c % 4 == 0 ? c % 6 : 0
            var m = start
            var j = 0
            while m < 14 {
                let amount = 5 + (c * 13 + m * 7) % 40 - (c % 11 == 0 ? 20 : 0)
                let month = "\(2023 + m / 12)-\(String(format: "%02d", m % 12 + 1))"
                out.append(("k\(c)", m, "k\(c),\(month)-\(String(format: "%02d", 1 + (c + j) % 27)),\(amount)"))
                if (c + m) % 5 == 0 { out.append(("k\(c)", m, "k\(c),\(month)-28,\(c % 7)")) }
                m += 1 + (c * 7 + j * 3) % (c % 3 == 0 ? 2 : 6)
                j += 1
                if c % 17 == 4 && j == 2 { break }
            }
        }
        return out
    }

    static let header = "customer,date,amount\n"

    static func body(_ yaml: String) -> String {
        yaml.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("# Source:") }.joined(separator: "\n")
    }

    @Test("by customer, by date, and with rows out of order: the same baseline and backtest; the first two stream",
          arguments: [0, 1])
    func sameEstimates(setting: Int) throws {
        let rows = Self.rows()
        let byCustomer = Self.header + rows.map { $0.text + "\n" }.joined()
        let byMonth = Self.header + rows.enumerated().sorted { ($0.element.month, $0.offset) < ($1.element.month, $1.offset) }
            .map { $0.element.text + "\n" }.joined()
        // Out of order, with the same first appearances: each customer's later rows reversed.
        var reversed: [String] = []
        var k = 0
        while k < rows.count {
            var j = k
            while j < rows.count && rows[j].customer == rows[k].customer { j += 1 }
            reversed.append(rows[k].text)
            reversed += rows[(k + 1)..<j].reversed().map(\.text)
            k = j
        }
        let edit: (inout CalibrationOptions) -> Void = setting == 0
            ? { $0.holdout = 4 }
            : { $0.holdout = 3; $0.frequency = 2; $0.recency = 3; $0.lapseIsChurn = true; $0.arrivals = .mean }
        let a = try calibrate(byCustomer, edit), b = try calibrate(byMonth, edit)
        let c = try calibrate(Self.header + reversed.map { $0 + "\n" }.joined(), edit)
        #expect(a.streamed && b.streamed && !c.streamed)
        // The console says why the log was read whole.
        #expect(c.summary.count > 1 && c.summary[1].hasPrefix("rows are not in date order per customer: the log was read whole"))
        #expect(!a.summary.contains { $0.hasPrefix("rows are not in date order") })
        #expect(Self.body(a.baselineYAML) == Self.body(c.baselineYAML))
        #expect(Self.body(a.backtestBaselineYAML ?? "") == Self.body(c.backtestBaselineYAML ?? ""))
        func json(_ r: CalibrationResult) -> String {
            guard let bt = r.backtest else { return "" }
            return bt.json().replacingOccurrences(of: bt.source.sha256, with: "").replacingOccurrences(of: bt.source.file, with: "")
        }
        #expect(!json(a).isEmpty && json(a) == json(c))
        #expect(Self.body(a.baselineYAML).count > 1000)
        // The month-sorted file meets customers in another order: the same counts with one class.
        if setting == 1 {
            #expect(b.baselineYAML.contains("dirichlet("))
        }
    }
}
