import CLVAnalysis
import CLVEngine
import CLVModel
import CLVReport
import Foundation
import Testing

/// Issue 13 item 7: the risk register grouped by the source report's categories, and the responses'
/// value, in both languages.
@Suite("Risk register by category")
struct RiskRegisterTests {
    static let files: [String: String] = [
        "baseline.yaml": """
            schema: clvsim/1
            name: Base
            period: quarter
            horizon: 8
            discount_rate: 0.08
            states:
              new: {stage: acquisition}
              active: {stage: retention}
              gone: {stage: churn}
            segments:
              mass:
                initial: {active: 1000}
                arrivals: {new: 100}
                transitions:
                  new: {active: 0.5, gone: 0.2}
                  active: {gone: 0.1}
                value:
                  active: {revenue: 100, cost: 20}
            """,
        "plan.yaml": """
            schema: clvsim/1
            extends: baseline.yaml
            name: Plan
            ramp: {from: 1, to: 2}
            effects:
              - {target: transitions.active.gone, relative: -0.3}
            costs:
              - {category: technology, amount: 20000, at: 0}
            risks:
              - {name: Regulator, category: compliance, probability: 0.2, cost_overrun: 0.1}
              - {name: Churn war, category: market, probability: 0.3, effect_scale: 0.5}
              - {name: Staff turnover, category: operational, probability: 0.2, delay: 1}
              - {name: Outage, category: technical, probability: 0.3, cost_overrun: 0.4,
                 transfer: {premium: 1000, cap: 2000}}
              - {name: Unsorted, probability: 0.1, delay: 2, mitigation: {cost: 50, probability: 0.05}}
            """,
        "study.yaml": "schema: clvsim/1\nbaseline: baseline.yaml\nplans: [plan.yaml]\n",
    ]

    static func results() throws -> Results {
        let dir = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let study = try Loader.loadStudy(path: dir.appendingPathComponent("study.yaml").path)
        return Analysis(try Engine.run(study, options: RunOptions(trials: 200, seed: 7, clvSamples: 200, threads: 2))).results
    }

    /// The register's table rows (lines starting with `| `) between `start` and the next heading.
    static func rows(_ md: String, after start: String) -> [String] {
        guard let a = md.range(of: start) else { return [] }
        return md[a.upperBound...].split(separator: "\n").prefix { !$0.hasPrefix("#") }.filter { $0.hasPrefix("| ") }.map(String.init)
    }

    @Test("Rows follow technical, market, operational, compliance, then the uncategorised; zh-Hans names them 技术风险 …")
    func byCategory() throws {
        let r = try Self.results()
        for (locale, names, heading) in [
            (ReportLocale.en, ["Technical risk", "Market risk", "Operational risk", "Compliance risk", "Not categorised"], "Risk register"),
            (.zhHans, ["技术风险", "市场风险", "运营风险", "合规风险", "未分类"], "风险登记"),
        ] {
            let md = MarkdownRenderer.render(ReportBuilder.build(r, context: ReportContext(date: Fixture.date, locale: locale))).markdown
            let rows = Self.rows(md, after: heading)
            // Header, then one row per risk in category order.
            #expect(rows.count == 6, "\(locale.rawValue): \(rows)")
            #expect(rows.dropFirst().map { String($0.dropFirst(2).prefix { $0 != "|" }).trimmingCharacters(in: .whitespaces) } == names)
            // The responses' table: the transfer (technical) first, then the uncategorised mitigation.
            let heading2 = locale == .en ? "Risk responses" : "风险应对"
            let responses = Self.rows(md, after: heading2)
            #expect(responses.count == 3, "\(locale.rawValue): \(responses)")
            #expect(responses[1].hasPrefix("| \(names[0]) |") && responses[2].hasPrefix("| \(names[4]) |"))
            #expect(responses[1].contains(locale == .en ? "| Transfer |" : "| 风险转移 |"))
            #expect(responses[2].contains(locale == .en ? "| Mitigate |" : "| 风险缓解 |"))
        }
    }

    @Test("Without categories or responses the register keeps its columns and has no responses' table")
    func plain() throws {
        let md = MarkdownRenderer.render(Fixture.document()).markdown
        let rows = Self.rows(md, after: "Risk register")
        #expect(rows.first?.hasPrefix("| Plan | Risk |") == true)
        #expect(!md.contains("Risk responses"))
    }
}
