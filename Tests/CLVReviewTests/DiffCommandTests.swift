import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import CLVCommands
import CLVReport
import CLVReview

/// `clvsim diff` end to end on a real git repository built by the test (debug builds: small runs).
@Suite("Diff command, end to end")
struct DiffCommandTests {
    static let small = ["--trials", "400", "--clv-samples", "200"]
    static let revenueBefore = "relative: \"pert(0.04, 0.08, 0.12)\""
    static let revenueAfter = "relative: \"pert(0.08, 0.12, 0.16)\""
    static let revenuePath = "effects.value.*.revenue.relative"

    static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    static func plan(_ doc: [String: Any], _ prefix: String) throws -> [String: Any] {
        let plans = try #require((doc["results"] as? [String: Any])?["plans"] as? [[String: Any]])
        return try #require(plans.first { ($0["name"] as? String)?.hasPrefix(prefix) == true })
    }

    /// Mean NPV and its se of a plan in a results JSON of `clvsim run`.
    static func runNPV(_ results: [String: Any], _ prefix: String) throws -> (mean: Double, se: Double) {
        let sc = try #require((results["scenarios"] as? [[String: Any]])?.first { ($0["name"] as? String)?.hasPrefix(prefix) == true })
        let npv = try #require((sc["vs_baseline"] as? [String: Any])?["npv"] as? [String: Any])
        return (try #require(npv["mean"] as? Double), try #require(npv["se"] as? Double))
    }

    @Test("one effect changed and committed: the diff lists exactly that input, its Δ NPV is the difference of two runs, the paired se is a third of the unpaired one or less, and the attribution sums to Δ")
    func oneEffect() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        try repo.edit("plan-a-data-platform.yaml", Self.revenueBefore, Self.revenueAfter)
        try repo.commit("Plan A: revenue +12% instead of +8%")
        let out = repo.dir.appendingPathComponent("out")
        let json = out.appendingPathComponent("diff.json").path, md = out.appendingPathComponent("diff.md").path
        let (console, captured) = Console.capture()
        let code = CLI.main(["diff", "HEAD~1", "HEAD", repo.study, "--json", json, "--markdown", md, "--quiet",
                             "--fail-if", "npv.drop > 10%", "--fail-if", "decision-change"] + Self.small, console: console)
        #expect(code == 0, "\(captured.err)")
        let doc = try Self.json(json)
        #expect(doc["schema"] as? String == "clvsim-diff/1")
        let changes = try #require(doc["assumptions"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["path"] as? String == Self.revenuePath)
        #expect(changes.first?["kind"] as? String == "changed")
        #expect(changes.first?["before"] as? String == "pert(0.04, 0.08, 0.12)")
        #expect(changes.first?["after"] as? String == "pert(0.08, 0.12, 0.16)")
        #expect((changes.first?["scenarios"] as? [String])?.first?.hasPrefix("Plan A") == true)

        // The same two revisions through `clvsim run --json` at the same seed and trials.
        let ra = out.appendingPathComponent("a.json").path, rb = out.appendingPathComponent("b.json").path
        let (c2, o2) = Console.capture()
        #expect(CLI.main(["run", GitFixture.root + "/scenarios/retail-bank/study.yaml", "--json", ra, "--quiet"] + Self.small, console: c2) == 0, "\(o2.err)")
        #expect(CLI.main(["run", repo.study, "--json", rb, "--quiet"] + Self.small, console: c2) == 0, "\(o2.err)")
        let a = try Self.runNPV(try Self.json(ra), "Plan A"), b = try Self.runNPV(try Self.json(rb), "Plan A")
        let npv = try #require(try Self.plan(doc, "Plan A")["npv"] as? [String: Any])
        let delta = try #require(npv["delta"] as? Double), se = try #require(npv["se"] as? Double)
        #expect(npv["before"] as? Double == a.mean && npv["after"] as? Double == b.mean)
        // The JSON prints 16 significant digits; the comment prints the amount as the report does.
        #expect(abs(delta - (b.mean - a.mean)) <= 1e-12 * abs(delta))
        let printed = "+" + NumberFormat(locale: .en, currency: "CNY").short(b.mean - a.mean)
        #expect(try String(contentsOfFile: md, encoding: .utf8).contains("| \(printed) |"), "\(printed)")
        let unpaired = (a.se * a.se + b.se * b.se).squareRoot()
        #expect(abs((npv["se_unpaired"] as? Double ?? 0) - unpaired) <= 1e-9 * unpaired)
        #expect(se > 0 && se * 3 <= unpaired, "paired \(se), unpaired \(unpaired)")
        print("diff test: Plan A ΔNPV \(delta), paired se \(se), unpaired se \(unpaired), ratio \(unpaired / se)")
        #expect(npv["significant"] as? Bool == true)
        // Plan B's inputs did not change: the same world in every trial, so Δ is exactly 0.
        let planB = try #require(try Self.plan(doc, "Plan B")["npv"] as? [String: Any])
        #expect(planB["delta"] as? Double == 0 && planB["se"] as? Double == 0)

        // Attribution: one factor, Shapley (2 runs), which carries the whole Δ.
        let attribution = try #require(doc["attribution"] as? [String: Any])
        #expect(attribution["method"] as? String == "shapley")
        #expect(((attribution["factors"] as? [[String: Any]])?.map { $0["path"] as? String }) == [Self.revenuePath])
        let pa = try #require((attribution["plans"] as? [[String: Any]])?.first { ($0["plan"] as? String)?.hasPrefix("Plan A") == true })
        let contributions = try #require(pa["contributions"] as? [Double])
        #expect(abs(contributions.reduce(0, +) - delta) <= 1e-6 * abs(delta))
        #expect(pa["delta"] as? Double == delta)

        // Gates that do not hold: exit 0, each recorded as passed.
        let gates = try #require(doc["gates"] as? [[String: Any]])
        #expect(gates.map { $0["tripped"] as? Bool } == [false, false])
        #expect((doc["decision"] as? [String: Any])?["changed"] as? Bool == false)

        // The comment: the marker first, the change, a chart beside it.
        let comment = try String(contentsOfFile: md, encoding: .utf8)
        #expect(comment.hasPrefix(DiffMarkdown.marker + "\n"))
        #expect(comment.contains(Self.revenuePath) && comment.contains("![waterfall chart](diff-waterfall.svg)"))
        let svg = try String(contentsOfFile: out.appendingPathComponent("diff-waterfall.svg").path, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("Plan A"))
        #expect(XMLParser(data: Data(svg.utf8)).parse(), "the waterfall is well-formed XML")
    }

    @Test("a diff of identical revisions reports no changes, Δ exactly 0 and no attribution")
    func identical() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        let json = repo.dir.appendingPathComponent("diff.json").path
        let (console, captured) = Console.capture()
        let code = CLI.main(["diff", "HEAD", repo.study, "--json", json] + Self.small, console: console)
        #expect(code == 0, "\(captured.err)")
        let doc = try Self.json(json)
        #expect((doc["assumptions"] as? [Any])?.isEmpty == true)
        #expect(doc["attribution"] == nil)
        #expect((doc["decision"] as? [String: Any])?["changed"] as? Bool == false)
        let results = try #require(doc["results"] as? [String: Any])
        var deltas: [Double] = []
        for p in try #require(results["plans"] as? [[String: Any]]) {
            for k in ["npv", "benefit", "cost", "bcr", "p_npv_positive"] {
                deltas.append(try #require((p[k] as? [String: Any])?["delta"] as? Double, "\(k)"))
            }
        }
        let base = try #require(results["baseline"] as? [String: Any])
        for k in ["customer_equity", "customer_equity_terminal"] {
            deltas.append(try #require((base[k] as? [String: Any])?["delta"] as? Double))
        }
        // Five figures for each of two plans and the portfolio of both, two for the baseline.
        #expect(deltas.count == 17 && deltas.allSatisfy { $0 == 0 })
        #expect(captured.out.hasPrefix(DiffMarkdown.marker))
    }

    @Test("a change that flips the ranking is reported as a decision change, and --fail-if gates exit 4")
    func decisionFlip() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        // Plan A's technology bill from 5M to 40M, in the working tree (B's default): A's NPV turns negative.
        try repo.edit("plan-a-data-platform.yaml", "{ category: technology, amount: 5000000, at: 0 }",
                      "{ category: technology, amount: 40000000, at: 0 }")
        let json = repo.dir.appendingPathComponent("diff.json").path
        let (console, captured) = Console.capture()
        let code = CLI.main(["diff", repo.study, "--json", json, "--quiet", "--fail-if", "decision-change",
                             "--fail-if", "npv.drop > 10%", "--fail-if", "cost.rise > 100000000"] + Self.small, console: console)
        #expect(code == 4, "\(captured.err)")
        let doc = try Self.json(json)
        let decision = try #require(doc["decision"] as? [String: Any])
        #expect(decision["changed"] as? Bool == true)
        let kinds = Set((decision["changes"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String })
        #expect(kinds.isSuperset(of: ["ranking", "recommended", "npv_sign"]))
        // 35M more cost is far beyond the noise: every change is clearly past its line.
        #expect((decision["changes"] as? [[String: Any]])?.allSatisfy { $0["clear"] as? Bool == true } == true)
        // Among the plans (the ranking also holds the study's portfolio of both).
        let plansOnly: (Any?) -> [String] = { ($0 as? [String] ?? []).filter { !$0.hasPrefix("Plans A + B") } }
        #expect(plansOnly(decision["ranking_before"]).first?.hasPrefix("Plan A") == true)
        #expect(plansOnly(decision["ranking_after"]).first?.hasPrefix("Plan B") == true)
        #expect((decision["recommended_after"] as? String)?.hasPrefix("Plan B") == true)
        let gates = try #require(doc["gates"] as? [[String: Any]])
        #expect(gates.map { $0["tripped"] as? Bool } == [true, true, false])
        #expect(captured.err.contains("gate tripped: decision-change"))
        // The cost item's amount is the only change: attributed to it alone.
        let changes = try #require(doc["assumptions"] as? [[String: Any]])
        #expect(changes.map { $0["path"] as? String } == ["costs.technology#0.amount"])
    }

    @Test("--fail-if that cannot be parsed is a usage error (exit 2), and a revision that names no commit exits 1")
    func usage() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        let (console, captured) = Console.capture()
        #expect(CLI.main(["diff", repo.study, "--fail-if", "npv.down > 3"], console: console) == 2)
        #expect(captured.err.contains("--fail-if"))
        let (c2, o2) = Console.capture()
        #expect(CLI.main(["diff", "no-such-branch", repo.study] + Self.small, console: c2) == 1)
        #expect(o2.err.contains("no-such-branch"))
    }

    @Test("an output that is an input of the diff is refused before any run (exit 2), and the file keeps its bytes")
    func outputIsInput() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        let before = try Data(contentsOf: URL(fileURLWithPath: repo.study))
        let (console, captured) = Console.capture()
        #expect(CLI.main(["diff", "HEAD", repo.study, "--markdown", repo.study, "--quiet"] + Self.small, console: console) == 2)
        #expect(captured.err.hasPrefix("clvsim: error: --markdown \(repo.study) is "), "\(captured.err)")
        #expect(captured.err.hasSuffix("an input of this run; choose another file\n"), "\(captured.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: repo.study)) == before)
    }
}
