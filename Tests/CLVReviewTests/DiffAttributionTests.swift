import Foundation
import Testing
import CLVCommands
import CLVReview

/// Attribution beyond Shapley's limit, structural changes, and the Chinese comment (--against a folder).
@Suite("Diff attribution and structure")
struct DiffAttributionTests {
    static let tiny = ["--trials", "100", "--clv-samples", "20"]

    /// Two copies of the retail-bank study side by side: `before/` as shipped and `after/` to edit.
    static func folders() throws -> (URL, before: String, after: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-diff-against-\(UUID().uuidString)")
        for side in ["before", "after"] {
            let d = dir.appendingPathComponent(side)
            try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
            for f in GitFixture.files {
                try FileManager.default.copyItem(atPath: GitFixture.root + "/scenarios/retail-bank/" + f, toPath: d.appendingPathComponent(f).path)
            }
        }
        return (dir, dir.appendingPathComponent("before").path, dir.appendingPathComponent("after").path)
    }

    static func edit(_ path: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard text.contains(old) else { throw FixtureError("\(path) does not contain \(old)") }
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("seven changed inputs: a sequential waterfall of k + 1 runs in the order listed, summing to Δ; the comment in zh-Hans")
    func sequential() throws {
        let (dir, before, after) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = after + "/plan-a-data-platform.yaml"
        try Self.edit(a, "pert(800000, 1000000, 1200000)", "pert(900000, 1100000, 1300000)")
        try Self.edit(a, "pert(-0.15, -0.10, -0.05)", "pert(-0.18, -0.12, -0.06)")
        try Self.edit(a, "triangular(-0.15, -0.10, 0)", "triangular(-0.20, -0.10, 0)")
        try Self.edit(a, "absolute: 0.05", "absolute: 0.06")
        try Self.edit(a, "relative: -0.05", "relative: -0.06")
        try Self.edit(a, "pert(0.04, 0.08, 0.12)", "pert(0.05, 0.09, 0.13)")
        try Self.edit(a, "probability: 0.3 ", "probability: 0.35 ")
        let json = dir.appendingPathComponent("diff.json").path, md = dir.appendingPathComponent("out/diff.md").path
        let (console, captured) = Console.capture()
        let code = CLI.main(["diff", "--against", before, after + "/study.yaml", "--json", json, "--markdown", md,
                             "--locale", "zh-Hans", "--quiet"] + Self.tiny, console: console)
        #expect(code == 0, "\(captured.err)")
        let doc = try DiffCommandTests.json(json)
        let changes = try #require(doc["assumptions"] as? [[String: Any]])
        #expect(changes.count == 7)
        let attribution = try #require(doc["attribution"] as? [String: Any])
        #expect(attribution["method"] as? String == "sequential")
        #expect(attribution["runs"] as? Int == 8)
        let factors = try #require(attribution["factors"] as? [[String: Any]]).compactMap { $0["path"] as? String }
        #expect(factors == changes.compactMap { $0["path"] as? String })
        for p in try #require(attribution["plans"] as? [[String: Any]]) {
            let c = try #require(p["contributions"] as? [Double]), delta = try #require(p["delta"] as? Double)
            #expect(c.count == 7)
            #expect(abs(c.reduce(0, +) - delta) <= 1e-6 * max(1, abs(delta)))
            #expect(p["interaction"] is NSNull)
        }
        let planB = try #require((attribution["plans"] as? [[String: Any]])?.first { ($0["plan"] as? String)?.hasPrefix("Plan B") == true })
        #expect(planB["delta"] as? Double == 0 && (planB["contributions"] as? [Double])?.allSatisfy { $0 == 0 } == true)
        let comment = try String(contentsOfFile: md, encoding: .utf8)
        #expect(comment.hasPrefix(DiffMarkdown.marker + "\n"))
        for phrase in ["按所列顺序逐项变更", "主要指标", "预期净现值", "**假设变更**（共 7 项）", "万", "![瀑布图](diff-waterfall.svg)"] {
            #expect(comment.contains(phrase), "\(phrase)")
        }
        let svg = try String(contentsOfFile: dir.appendingPathComponent("out/diff-waterfall.svg").path, encoding: .utf8)
        #expect(svg.contains("预期净现值变化的来源"))
    }

    @Test("a plan dropped from the study and a risk added to another: listed as removed and added, attributed to 'other changes', the ranking changes")
    func structure() throws {
        let (dir, before, after) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.edit(after + "/study.yaml", "  - plan-b-ai-service.yaml", "")
        // Plan B leaves the portfolio with it (a portfolio needs two plans).
        try Self.edit(after + "/study.yaml", """
            portfolios:                                # both plans funded together, simulated as one scenario
              - { name: "Plans A + B", plans: [plan-a-data-platform, plan-b-ai-service],
                  label: {en: "Plans A + B together", zh-Hans: "方案 A + B 同时实施"} }

            """, "")
        try Self.edit(after + "/plan-a-data-platform.yaml", "risks:\n",
                      "risks:\n  - { name: Vendor failure, probability: 0.1, effect_scale: 0.5 }\n")
        let json = dir.appendingPathComponent("diff.json").path
        let (console, captured) = Console.capture()
        let code = CLI.main(["diff", "--against", before, after + "/study.yaml", "--json", json, "--quiet"] + Self.tiny,
                            console: console)
        #expect(code == 0, "\(captured.err)")
        let doc = try DiffCommandTests.json(json)
        let changes = try #require(doc["assumptions"] as? [[String: Any]])
        let summary = changes.map { "\($0["kind"] as? String ?? "") \($0["category"] as? String ?? "") \($0["path"] as? String ?? "")" }
        #expect(summary == ["added risks risks.Vendor failure", "removed plans plan-b-ai-service.yaml"])
        let attribution = try #require(doc["attribution"] as? [String: Any])
        #expect((attribution["factors"] as? [[String: Any]])?.map { $0["path"] as? String } == ["other"])
        let plans = try #require((doc["results"] as? [String: Any])?["plans"] as? [[String: Any]])
        // Plan B left, and the portfolio of A and B with it.
        #expect(plans.map { $0["status"] as? String } == ["both", "removed", "removed"])
        let decision = try #require(doc["decision"] as? [String: Any])
        #expect((decision["changes"] as? [[String: Any]])?.first?["kind"] as? String == "ranking")
        #expect((decision["ranking_after"] as? [String])?.count == 1)
    }

    @Test("a ranking flip by less than the head-to-head noise is reported, and marked as within Monte Carlo noise")
    func flipWithinNoise() throws {
        let (dir, before, after) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Plan A's technology bill raised until its expected NPV lands just under Plan B's.
        try Self.edit(after + "/plan-a-data-platform.yaml", "{ category: technology, amount: 5000000, at: 0 }",
                      "{ category: technology, amount: 11270000, at: 0 }")
        let json = dir.appendingPathComponent("diff.json").path
        let (console, captured) = Console.capture()
        let code = CLI.main(["diff", "--against", before, after + "/study.yaml", "--json", json, "--no-attribution",
                             "--trials", "400", "--clv-samples", "20"], console: console)
        #expect(code == 0, "\(captured.err)")
        let decision = try #require(try DiffCommandTests.json(json)["decision"] as? [String: Any])
        let changes = try #require(decision["changes"] as? [[String: Any]])
        #expect(changes.map { $0["kind"] as? String } == ["ranking", "recommended"])
        #expect(changes.allSatisfy { $0["clear"] as? Bool == false })
        #expect(captured.out.contains("within Monte Carlo noise"))
    }
}
