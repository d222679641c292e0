@testable import CLVCalibration
import CLVCommands
import CLVModel
import Foundation
import Testing

/// Panels whose customers' rows come in period order are estimated as they stream (`PanelStream`:
/// sums per period, the last row per customer); any other order is read whole. Both must give
/// the same baseline and backtest, byte for byte, and the same errors.
@Suite("Calibration: streaming panels")
struct StreamingPanelTests {
    /// 40 customers over 8 quarters, two segments, four states: gaps (a customer missing for a
    /// quarter and back), customers who disappear (churned), rows in the churn state (absorbing:
    /// later rows do not count), arrivals, and costs. Integer amounts, so sums are exact in any order.
    static func rows() -> [(customer: String, period: Int, text: String)] {
        let states = ["new", "active", "at_risk", "churned"]
        var out: [(String, Int, String)] = []
        for c in 0..<40 {
            let start = c % 5 == 0 ? c % 4 + 1 : 0, end = c % 7 == 3 ? 4 + c % 3 : 7
            for t in start...end {
                if c % 6 == 1 && t == start + 2 { continue }   // a gap
                let h = (c * 31 + t * 17) % 11
                let s = t == start ? states[0] : (c % 13 == 5 && t >= 6 ? states[3] : states[1 + h % 2])
                out.append(("k\(c)", t, "k\(c),\(c % 2 == 0 ? "retail" : "sme"),\(2024 + t / 4)Q\(t % 4 + 1),\(s),\(10 + h * 7),\(h % 4)"))
            }
        }
        return out
    }

    static let header = "customer,segment,quarter,state,revenue,cost\n"

    static let states = """
        schema: clvsim/1
        name: s
        currency: CNY
        period: quarter
        horizon: 4
        discount_rate: 0.08
        states:
          new: { stage: acquisition }
          active: { stage: retention }
          at_risk: { stage: retention }
          churned: { stage: churn }
        segments:
          all:
            initial: { active: 1 }

        """

    func calibrate(_ text: String, holdout: Int = 2) throws -> CalibrationResult {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        var o = CalibrationOptions()
        o.statesFrom = try Scratch.write(Self.states, "states.yaml", in: d)
        o.columns = ["period": "quarter"]
        o.holdout = holdout
        o.trials = 200
        o.threads = 2
        o.arrivals = .mean
        return try Calibration.panel(path: Scratch.write(text, "panel.csv", in: d), options: o)
    }

    /// The YAML without the line naming the source (its hash differs with the row order).
    static func body(_ yaml: String) -> String {
        yaml.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("# Source:") }.joined(separator: "\n")
    }

    @Test("sorted by customer, sorted by period, and shuffled: the same baseline and backtest; the first two stream")
    func sameEstimates() throws {
        let rows = Self.rows()
        let byCustomer = Self.header + rows.map { $0.text + "\n" }.joined()
        let byPeriod = Self.header + rows.enumerated().sorted { ($0.element.period, $0.offset) < ($1.element.period, $1.offset) }
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
        let a = try calibrate(byCustomer), b = try calibrate(byPeriod), c = try calibrate(Self.header + reversed.map { $0 + "\n" }.joined())
        #expect(a.streamed && b.streamed && !c.streamed)
        // The states' order is fixed by --states-from, the customers' by their first rows: the same bytes.
        #expect(Self.body(a.baselineYAML) == Self.body(c.baselineYAML))
        #expect(Self.body(a.backtestBaselineYAML ?? "") == Self.body(c.backtestBaselineYAML ?? ""))
        // backtest.json names the source file and its hash: both differ, nothing else does.
        func json(_ r: CalibrationResult) -> String {
            guard let b = r.backtest else { return "" }
            return b.json().replacingOccurrences(of: b.source.sha256, with: "").replacingOccurrences(of: b.source.file, with: "")
        }
        #expect(!json(a).isEmpty && json(a) == json(c))
        #expect(Self.body(a.baselineYAML).count > 1000)
        #expect(b.baselineYAML.contains("dirichlet("))
        // The period-sorted file meets customers in another order: the same counts, row by row.
        let sa = try Scratch.load(a.baselineYAML), sb = try Scratch.load(b.baselineYAML)
        for seg in ["retail", "sme"] {
            for from in ["new", "active", "at_risk"] {
                let wa = sa.segment(seg).dirichlet(sa.state(from)) ?? [:], wb = sb.segment(seg).dirichlet(sb.state(from)) ?? [:]
                #expect(Dictionary(uniqueKeysWithValues: wa.map { (sa.states[$0.key].name, $0.value) })
                        == Dictionary(uniqueKeysWithValues: wb.map { (sb.states[$0.key].name, $0.value) }), "\(seg) \(from)")
            }
        }
    }

    @Test("--classes 2 keeps the rows (latent classes need every customer's counts)")
    func classes() throws {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        var o = CalibrationOptions()
        o.columns = ["period": "quarter"]
        o.classes = .fixed(2)
        let r = try Calibration.panel(path: Scratch.write(Self.header + Self.rows().map { $0.text + "\n" }.joined(), "p.csv", in: d), options: o)
        #expect(!r.streamed)
    }

    @Test("errors while streaming: every one with its line and column, a duplicate as the row after its twin; nothing written")
    func errors() throws {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        let path = try Scratch.write("""
            customer,quarter,state,revenue
            a,2024Q1,active,10
            a,2024Q2,active,x
            a,2024Q2,active,12
            a,2024Q2,active,13
            b,2024Q1,active,5
            b,2024-03,active,5
            b,2024Q3,,5

            """, "p.csv", in: d)
        let out = d.appendingPathComponent("out").path
        let (console, captured) = Console.capture()
        let code = CLI.main(["calibrate", "panel", path, "--out", out], console: console)
        #expect(code == 1)
        #expect(captured.err == """
            \(path):3:17: error: unparsable revenue 'x'
            \(path):5:3: error: duplicate row for customer 'a' in period 2024Q2 (first at line 4)
            \(path):7:3: error: period '2024-03' is written as month, but line 2 has quarter periods
            \(path):8:10: error: empty state

            """)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("errors before a row out of order: reported once, from the whole-file read")
    func errorsThenUnsorted() throws {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        let text = "customer,period,state,revenue\na,2,active,?\na,3,active,1\nb,1,active,1\na,1,active,1\na,3,active,2\n"
        var o = CalibrationOptions()
        o.period = .quarter
        let p = try Scratch.write(text, "p.csv", in: d)
        let options = o
        let e = ErrorTests.messages(d) { () throws(Diagnostics) in _ = try Calibration.panel(path: p, options: options) }
        #expect(e == ["p.csv:2:12: error: unparsable revenue '?'",
                      "p.csv:6:3: error: duplicate row for customer 'a' in period 3 (first at line 3)"])
    }
}

