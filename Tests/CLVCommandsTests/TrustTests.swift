import CLVAnalysis
@testable import CLVCommands
import CLVReport
import Foundation
import Testing

/// Issue "numbers a board can trust": every output renders one `Results`, and the claims the
/// report makes are checked against that value and against reruns.
@Suite("One analysis: the summary, the JSON and the report agree")
struct TrustTests {
    static let root = CLITests.root

    static func run(_ study: String, _ extra: [String], trials: Int = 400) throws -> (Results, out: String, dir: URL) {
        let dir = try CLITests.tempDir()
        let json = dir.appendingPathComponent("results.json").path
        let (console, out) = Console.capture()
        let code = CLI.main(["run", root + "/scenarios/\(study)/study.yaml", "--trials", String(trials), "--clv-samples", "2000",
                             "--json", json] + extra, console: console)
        #expect(code == 0, "\(out.err)")
        let r = try Results.decode(String(contentsOfFile: json, encoding: .utf8))
        return (r, out.out, dir)
    }

    static func files(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
            out[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return out
    }

    @Test("clvsim report RESULTS.json re-renders the board pack byte for byte, in both locales",
          arguments: CLITests.studies, [ReportLocale.en, .zhHans])
    func reportReproducesRun(_ study: String, _ locale: ReportLocale) throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runDir = dir.appendingPathComponent("run"), again = dir.appendingPathComponent("again")
        let json = dir.appendingPathComponent("results.json").path
        let (console, out) = Console.capture()
        #expect(CLI.main(["run", Self.root + "/scenarios/\(study)/study.yaml", "--trials", "300", "--clv-samples", "2000",
                          "--json", json, "--report", runDir.path, "--locale", locale.rawValue, "--quiet"], console: console) == 0,
                "\(out.err)")
        #expect(CLI.main(["report", json, "--report", again.path, "--locale", locale.rawValue], console: console) == 0, "\(out.err)")
        let a = try Self.files(runDir), b = try Self.files(again)
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.count >= 10)
        for (name, data) in a { #expect(b[name] == data, "\(name) differs between run --report and report") }
    }

    @Test("The results JSON reads back to the same bytes, keys in the documented order")
    func roundTrip() throws {
        let (r, _, dir) = try Self.run("retail-bank", [], trials: 200)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOfFile: dir.appendingPathComponent("results.json").path, encoding: .utf8)
        #expect(r.rendered() == text)
        guard case .object(let top) = try JSON.parse(text) else { Issue.record("not an object"); return }
        #expect(top.map(\.0) == ["schema", "tool", "study", "seed", "trials", "inputs", "scenarios", "sensitivity",
                                 "settings", "head_to_head", "assumptions", "value_of_information", "board", "labels", "decision"])
    }

    /// Every "expected NPV <amount>" the English report writes, the amount as text.
    static func expectedNPVs(in text: String, money: String) throws -> [String] {
        let re = try NSRegularExpression(pattern: "[Ee]xpected NPV (?:is )?(\\Q\(money)\\E [−-]?[0-9][0-9,.]*[KMB]?)")
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    @Test("Summary table, results JSON and report.md state the same figures for every plan", arguments: CLITests.studies)
    func agreement(_ study: String) throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("pack")
        let (res, out, dir2) = try Self.run(study, ["--report", report.path], trials: 300)
        defer { try? FileManager.default.removeItem(at: dir2) }
        let md = try String(contentsOf: report.appendingPathComponent("report.md"), encoding: .utf8)
        let fmt = NumberFormat(locale: .en, currency: res.settings.currency)
        for (_, s, v) in res.plans {
            // The console, from the same Results.
            let line = try #require(out.split(separator: "\n").first { $0.hasPrefix(s.name) && $0.contains("%") })
            for cell in [Format.amount(v.npv.mean), Format.amount(v.npvHorizon.mean), Format.amount(v.terminalPart),
                         Format.percent(v.pNPVPositive), Format.bcr(v.bcrOfMeans), Format.percent(v.roiOfMeans)] {
                #expect(line.contains(cell), "summary line of \(s.name) lacks \(cell): \(line)")
            }
            // The report, from the same Results.
            // The benefit–cost ratio with two decimals ("1.82 (CNY 1.82 of benefit for every CNY 1 of cost)").
            var figures = [fmt.money(v.npv.mean), NumberFormat.percent(v.pNPVPositive), NumberFormat.number(v.bcrOfMeans, decimals: 2),
                           NumberFormat.percent(v.roiOfMeans)]
            if v.basis == .terminal { figures += [fmt.money(v.npvHorizon.mean), fmt.money(v.terminalPart)] }
            for figure in figures {
                #expect(md.contains(figure), "report.md lacks \(figure) for \(s.name)")
            }
            // Horizon and terminal parts add up to the headline.
            let sum = (v.npvHorizon.mean ?? .nan) + v.terminalPart
            #expect(abs(sum - (v.npv.mean ?? .nan)) <= 1e-6 * abs(v.npv.mean ?? 1))
            // ROI is the ratio of means, BCR − 1.
            #expect(abs((v.roiOfMeans ?? .nan) - ((v.bcrOfMeans ?? .nan) - 1)) < 1e-12)
            for h in res.headToHead where h.plan == s.name {
                #expect(md.contains(NumberFormat.percent(h.pBeats)) && md.contains(fmt.money(h.meanDifference)))
            }
            // The risk register writes each money column in one unit.
            let cells = fmt.moneyColumn(v.risks.flatMap { [$0.npvIfOccurs, $0.npvIfNot, $0.impact] })
            for (i, risk) in v.risks.enumerated() { #expect(md.contains(cells[3 * i + 2]), "risk \(risk.name) impact") }
        }
        // "Expected NPV" means one thing: every amount the report calls so is a plan's Monte Carlo mean.
        let allowed = Set(res.plans.map { fmt.money($0.vs.npv.mean) } + res.plans.map { fmt.money($0.vs.npvHorizon.mean) })
        let found = try Self.expectedNPVs(in: md, money: res.settings.currency)
        #expect(found.count >= res.plans.count)
        for amount in found { #expect(allowed.contains(amount), "report.md calls \(amount) the expected NPV") }
    }

    @Test("No |z| above 4 in the expectation checks of the shipped reports and of a fresh run", arguments: CLITests.studies)
    func checksPass(_ study: String) throws {
        let shipped = try Results.decode(String(contentsOfFile: Self.root + "/reports/\(study)/results.json", encoding: .utf8))
        let (fresh, _, dir) = try Self.run(study, [], trials: 1_000)
        defer { try? FileManager.default.removeItem(at: dir) }
        for r in [shipped, fresh] {
            for s in r.scenarios {
                let check = try #require(s.check, "\(study) \(s.name): no expectation check")
                for row in [check.horizon, check.terminal] {
                    let z = try #require(row.z, "\(s.name): no z")
                    #expect(abs(z) <= 4, "\(study) \(s.name): z = \(z)")
                }
            }
        }
    }
}

@Suite("clvsim report: bad results files")
struct ReportCommandErrorTests {
    @Test("A file that is not JSON, or not clvsim results, is refused with its position and exit 1; nothing is written")
    func refusals() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String)] = [
            ("{\n  \"schema\": \"clvsim-results/1\",\n  \"tool\": [\n", "4:1: error: unexpected end of the document"),
            ("{\"schema\": \"clvsim-results/9\"}", ": error: schema is \"clvsim-results/9\", expected \"clvsim-results/1\""),
            ("{\"schema\": \"clvsim-results/1\"}", ": error: missing key 'tool'"),
            ("[1, 2]", ": error: expected an object"),
        ]
        for (k, (text, message)) in cases.enumerated() {
            let file = dir.appendingPathComponent("r\(k).json")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("out\(k)")
            let (console, captured) = Console.capture()
            #expect(CLI.main(["report", file.path, "--report", out.path], console: console) == 1)
            #expect(captured.err == "\(file.path)\(message.hasPrefix(":") ? "" : ":")\(message)\n")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
        let (console, captured) = Console.capture()
        #expect(CLI.main(["report", dir.appendingPathComponent("missing.json").path, "--report", dir.path], console: console) == 1)
        #expect(captured.err.contains("missing.json: error: cannot read the results file"))
    }
}
