import CLVAnalysis
import CLVReport
import Foundation
import Testing

/// Issue 19: the source report's five cases as shipped studies — the README's table of them is
/// current, their Chinese packs are wholly Chinese, and the new cases' headline figures are pinned.
@Suite("Case studies")
struct CaseTableTests {
    static let update = ProcessInfo.processInfo.environment["CLVSIM_UPDATE_README"] == "1"

    static func shipped(_ study: String) throws -> Results {
        let url = Fixture.root.appendingPathComponent("reports/\(study)/results.json")
        return try Results.decode(String(contentsOf: url, encoding: .utf8))
    }

    @Test("The Makefile's STUDIES are the five cases, each with a study file and a shipped results JSON")
    func studies() throws {
        let makefile = try String(contentsOf: Fixture.root.appendingPathComponent("Makefile"), encoding: .utf8)
        let line = try #require(makefile.split(separator: "\n").first { $0.hasPrefix("STUDIES :=") })
        #expect(line.split(separator: " ").dropFirst(2).map(String.init) == Fixture.studies)
        for s in Fixture.studies {
            #expect(FileManager.default.fileExists(atPath: Fixture.root.appendingPathComponent("scenarios/\(s)/study.yaml").path), "\(s)")
            let r = try Self.shipped(s)
            #expect(r.plans.count >= 2, "\(s): \(r.plans.count) plans")
            #expect(r.trials == 10_000 && r.seed == 20_251_129, "\(s): the shipped pack is the study's own run")
        }
    }

    @Test("The README's table of the five cases is the one reports/*/results.json give (CLVSIM_UPDATE_README=1 rewrites it)")
    func readmeTable() throws {
        let shipped = try Fixture.studies.map { ($0, try Self.shipped($0)) }
        let table = CaseTable.markdown(shipped)
        // Header, rule, and a row per plan (and portfolio) of each of the five studies.
        #expect(table.split(separator: "\n").count == 2 + shipped.reduce(0) { $0 + $1.1.plans.count })
        let url = Fixture.root.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let rewritten = try #require(CaseTable.rewrite(readme, table: table), "README.md lacks the cases-table markers")
        if Self.update {
            try Data(rewritten.utf8).write(to: url)
            return
        }
        #expect(rewritten == readme, "the README's table of cases is out of date: run `make readme-table`")
    }

    @Test("The table cells are the packs' own figures")
    func tableCells() throws {
        let r = try Self.shipped("retail-bank")
        let table = CaseTable.markdown([("retail-bank", r)])
        let fmt = NumberFormat(locale: .en, currency: "CNY")
        for (_, _, v) in r.plans {
            for cell in [fmt.money(v.cost.mean), fmt.money(v.npv.mean), NumberFormat.bcr(v.bcrOfMeans), NumberFormat.percent(v.pNPVPositive)] {
                #expect(table.contains("| \(cell) |"), "\(cell)")
            }
        }
        #expect(table.contains("[Retail bank CRM upgrade 2025](reports/retail-bank/report.md)"))
        #expect(CaseTable.rewrite("no markers here", table: table) == nil)
    }

    @Test("Each new case has risks in the source's four categories and a response whose value its pack shows",
          arguments: ["internet-finance", "securities", "service-centre"])
    func risksAndResponses(_ study: String) throws {
        let r = try Self.shipped(study)
        let categories = Set(r.plans.flatMap { $0.vs.risks.compactMap(\.category) })
        #expect(categories == ["technical", "market", "operational", "compliance"], "\(study): \(categories.sorted())")
        #expect(r.plans.allSatisfy { p in p.vs.risks.allSatisfy { $0.category != nil } }, "\(study): a risk without a category")
        let responses = r.plans.flatMap { ($0.vs.riskCategories ?? []).flatMap(\.responses) }
        #expect(!responses.isEmpty, "\(study): no mitigation or transfer")
        let md = try String(contentsOf: Fixture.root.appendingPathComponent("reports/\(study)/report.md"), encoding: .utf8)
        #expect(md.contains("Risk responses: what each is worth"), "\(study): the pack has no table of the responses' value")
        for x in responses {
            // The value is the paired difference of the plan with and without the response.
            #expect(abs(x.value - (x.npvWith - x.npvWithout)) <= 1e-6 * max(1, abs(x.npvWith)), "\(study) \(x.risk)")
            #expect(x.valueSE > 0 && x.cost > 0, "\(study) \(x.risk)")
        }
    }

    /// Latin words a Chinese pack may keep outside the appendix: plan letters, percentiles,
    /// codes and names of methods, the tool's own name, and the loan words Chinese business text
    /// writes in Latin letters (CRM, AI, App: the insurer's "代理人交叉销售 App").
    static let allowedLatin: Set<String> = ["A", "B", "C", "P", "z", "x", "CRM", "AI", "App", "CVaR", "EVPI", "EVPPI", "Spearman",
                                            "clvsim", "Git", "SHA"]

    /// The visible text of a pack without the appendix and the provenance table (raw paths and
    /// file names belong there), without hex digests, entities and markup.
    static func visibleWords(_ html: String) -> [String] {
        var h = LabelsInReportTests.body(html)
        for tag in ["style", "script"] { h = h.replacingOccurrences(of: "<\(tag)[^>]*>[\\s\\S]*?</\(tag)>", with: " ", options: .regularExpression) }
        h = h.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&[a-z]+;", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "\\b[0-9a-f]{7,64}\\b", with: " ", options: .regularExpression)
        return h.matches(of: /[A-Za-z][A-Za-z\-]*/).map { String($0.output) }
    }

    @Test("Each zh-Hans pack is wholly Chinese outside the appendix", arguments: Fixture.studies)
    func whollyChinese(_ study: String) throws {
        let (_, html) = try LabelsInReportTests.html(study, .zhHans)
        let english = Set(Self.visibleWords(html)).subtracting(Self.allowedLatin)
        #expect(english.isEmpty, "\(study): Latin words in the Chinese pack: \(english.sorted().prefix(20))")
        #expect(html.contains("决策要点"))
    }
}

/// The new cases' headline figures at a small fixed run (1,000 trials, seed 20251129), to six
/// decimals: an unintended change of the engine or of the scenario files shows here.
/// `CLVSIM_UPDATE_SNAPSHOTS=1` rewrites Snapshots/cases/metrics.txt.
@Suite("Case metric snapshots")
struct CaseMetricSnapshotTests {
    @Test("BCR and P(NPV > 0) of each plan of the three new cases match their snapshot",
          arguments: ["internet-finance", "securities", "service-centre"])
    func pinned(_ study: String) throws {
        let a = try Fixture.analyse(Fixture.study(study), trials: 1_000, clvSamples: 500)
        var lines: [String] = []
        for (_, s, v) in a.results.plans {
            let bcr = try #require(v.bcrOfMeans)
            #expect(bcr > 1 && v.pNPVPositive > 0.5, "\(study) \(s.name): BCR \(bcr), P \(v.pNPVPositive)")
            lines.append("\(s.name): bcr_of_means \(String(format: "%.6f", bcr)) p_npv_positive \(String(format: "%.6f", v.pNPVPositive))")
        }
        let text = lines.joined(separator: "\n") + "\n"
        let url = Fixture.snapshots.appendingPathComponent("cases/\(study).txt")
        if ReportSnapshotTests.update {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let stored = try #require(try? String(contentsOf: url, encoding: .utf8), "missing snapshot cases/\(study).txt: run with CLVSIM_UPDATE_SNAPSHOTS=1")
        #expect(stored == text, "\(study): BCR or P(NPV > 0) changed:\n\(text)was\n\(stored)")
    }
}
