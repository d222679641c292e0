import CLVCommands
import CLVModel
import Foundation
import Testing

/// `clvsim calibrate` end to end through `CLI.main`.
@Suite("Calibration: the command")
struct CommandTests {
    @Test("panel --holdout 1: baseline.yaml that clvsim validate accepts, and the backtest files")
    func panel() throws {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        let path = try Scratch.write(PanelCountsTests.panel, "panel.csv", in: d)
        let out = d.appendingPathComponent("out").path
        let (console, captured) = Console.capture()
        let code = CLI.main(["calibrate", "panel", path, "--columns", "period=quarter,state=stage,revenue=net_income",
                             "--holdout", "1", "--trials", "50", "--out", out], console: console)
        #expect(code == 0, "\(captured.err)")
        for f in ["baseline.yaml", "backtest-baseline.yaml", "backtest.json", "backtest.md", "backtest.html", "backtest-fan.svg"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + f), "\(f)")
        }
        let (v, vOut) = Console.capture()
        #expect(CLI.main(["validate", out + "/baseline.yaml", out + "/backtest-baseline.yaml"], console: v) == 0)
        #expect(vOut.out == "2 files valid\n")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/backtest.json"))) as? [String: Any]
        #expect(json?["schema"] as? String == "clvsim-backtest/1")
        #expect(json?["periods"] as? [String] == ["2024Q4"])
        let actual = json?["actual"] as? [String: Any]
        // 2024Q4: a 130, c 70, d 15, e 10; four customers in non-churn states.
        #expect(actual?["revenue"] as? [Double] == [225])
        #expect(actual?["active_customers"] as? [Double] == [4])
        let yaml = try String(contentsOfFile: out + "/baseline.yaml", encoding: .utf8)
        #expect(yaml.contains("sha256 "))
        #expect(yaml.contains("# stage guessed from the name: review"))
    }

    @Test("a --holdout that leaves fewer than two calibration periods is an error, and nothing is written")
    func holdout() throws {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        let path = try Scratch.write(PanelCountsTests.panel, "panel.csv", in: d)
        let out = d.appendingPathComponent("out").path
        let (console, captured) = Console.capture()
        let code = CLI.main(["calibrate", "panel", path, "--holdout", "3", "--out", out,
                             "--columns", "period=quarter,state=stage,revenue=net_income"], console: console)
        #expect(code == 1)
        #expect(captured.err == "\(path): error: --holdout 3: the data have 4 periods; at least 2 must remain for calibration\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
