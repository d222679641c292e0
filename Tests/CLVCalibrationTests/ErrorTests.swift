import CLVCalibration
import CLVCommands
import CLVModel
import Foundation
import Testing

/// Bad data: every problem at once, each at its line and column; nothing written.
@Suite("Calibration: error messages")
struct ErrorTests {
    /// The messages `body` throws, with the temporary folder taken out of the paths.
    static func messages(_ d: URL, _ body: () throws(Diagnostics) -> Void) -> [String] {
        do {
            try body()
            return []
        } catch {
            return error.items.map { $0.description.replacingOccurrences(of: d.path + "/", with: "") }
        }
    }

    func panelErrors(_ text: String, statesFrom: String? = nil) throws -> [String] {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        let path = try Scratch.write(text, "p.csv", in: d)
        var o = CalibrationOptions()
        if let statesFrom { o.statesFrom = try Scratch.write(statesFrom, "states.yaml", in: d) }
        let options = o
        return Self.messages(d) { () throws(Diagnostics) in _ = try Calibration.panel(path: path, options: options) }
    }

    func transactionErrors(_ text: String) throws -> [String] {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        let path = try Scratch.write(text, "t.txt", in: d)
        var o = CalibrationOptions()
        o.period = .month
        let options = o
        return Self.messages(d) { () throws(Diagnostics) in _ = try Calibration.transactions(path: path, options: options) }
    }

    @Test("panel: unparsable period, revenue and cost, a mixed period format and a duplicate row, all at once")
    func panel() throws {
        let e = try panelErrors("""
            id,period,state,revenue,cost
            a,2024Q1,active,10,1
            a,2024Q5,active,10,1
            b,2024Q1,active,ten,1
            b,2024-02,active,10,1
            a,2024Q1,active,12,x

            """)
        #expect(e == [
            "p.csv:3:3: error: unparsable period '2024Q5' (expected an integer, YYYY-MM or YYYYQn)",
            "p.csv:4:17: error: unparsable revenue 'ten'",
            "p.csv:5:3: error: period '2024-02' is written as month, but line 2 has quarter periods",
            "p.csv:6:3: error: duplicate row for customer 'a' in period 2024Q1 (first at line 2)",
            "p.csv:6:20: error: unparsable cost 'x'",
        ])
        // The duplicate is found once the other fields of its row parse.
        let dup = try panelErrors("id,period,state,revenue\na,3,x,1\nb,3,x,1\na,3,y,2\n")
        #expect(dup == ["p.csv:4:3: error: duplicate row for customer 'a' in period 3 (first at line 2)"])
    }

    @Test("panel: a state not in --states-from, and a missing column")
    func states() throws {
        let states = """
            schema: clvsim/1
            name: s
            currency: CNY
            period: quarter
            horizon: 4
            discount_rate: 0.08
            states:
              active: { stage: retention }
              churned: { stage: churn }
            segments:
              all:
                initial: { active: 1 }

            """
        let e = try panelErrors("customer,period,state,revenue\na,1,active,1\na,2,dormant,1\n", statesFrom: states)
        #expect(e == ["p.csv:3:5: error: state 'dormant' is not in states.yaml (states: active, churned)"])
        let m = try panelErrors("customer,period,revenue\na,1,1\n")
        #expect(m == ["p.csv:1:1: error: missing column for state (looked for state, stage, status; name it with --columns state=NAME)"])
    }

    @Test("transactions: unparsable dates and amounts, whitespace-separated with leading spaces and CRLF")
    func transactions() throws {
        let e = try transactionErrors(" id  date  amount\r\n 01 19970101 11.77\r\n 02 19971301 5\r\n 03 1997-02-30 x1\r\n 04 1997-02-03\r\n")
        #expect(e == [
            "t.txt:3:5: error: unparsable date '19971301' (expected YYYY-MM-DD or YYYYMMDD)",
            "t.txt:4:5: error: unparsable date '1997-02-30' (expected YYYY-MM-DD or YYYYMMDD)",
            "t.txt:4:16: error: unparsable amount 'x1'",
            "t.txt:5:15: error: expected at least 3 fields, found 2",
        ])
    }

    @Test("the command prints every problem as file:line:col, exits 1 and writes nothing")
    func command() throws {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        let path = try Scratch.write("customer,date,amount\na,2024-01-01,1\nb,2024-13-01,2\nc,2024-02-01,?\n", "t.csv", in: d)
        let out = d.appendingPathComponent("out").path
        let (console, captured) = Console.capture()
        let code = CLI.main(["calibrate", "transactions", path, "--period", "month", "--out", out], console: console)
        #expect(code == 1)
        #expect(captured.err == "\(path):3:3: error: unparsable date '2024-13-01' (expected YYYY-MM-DD or YYYYMMDD)\n\(path):4:14: error: unparsable amount '?'\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
