import Foundation
import Testing
@testable import CLVAnalysis
@testable import CLVEngine
import CLVModel
import CLVNumerics

@Suite("Correlated inputs (Iman–Conover)")
struct CorrelationTests {
    static let rev = "segments.s.value.active.revenue", churn = "segments.s.transitions.active.churned",
               initial = "segments.s.initial.active"

    static func baseline(_ correlations: String) -> String {
        """
        schema: clvsim/1
        name: Correlated
        period: year
        horizon: 2
        states: { active: { stage: retention }, churned: { stage: churn } }
        segments:
          s:
            initial: { active: "normal(1000, 100)" }
            transitions: { active: { churned: "beta(0.2, 0.05)" } }
            value: { active: { revenue: "uniform(80, 120)" } }
        \(correlations)
        """
    }

    static let pairs = """
        correlations:
          - { between: [\(rev), \(churn)], spearman: -0.6 }
          - { between: [\(rev), \(initial)], spearman: 0.3 }
        """

    static func load(_ text: String) throws -> Study {
        let t = try TempStudy(["b.yaml": text])
        defer { t.remove() }
        return try t.load("b.yaml")
    }

    @Test("at 10,000 trials the achieved rank correlations are within ±0.03 of the targets and the marginals are unchanged")
    func achieved() throws {
        let correlated = try run(Self.load(Self.baseline(Self.pairs)), trials: 10_000, clvSamples: 10)
        let plain = try run(Self.load(Self.baseline("")), trials: 10_000, clvSamples: 10)
        let table = correlated.inputs
        func column(_ r: StudyRun, _ path: String) -> [Double] {
            r.draws.column(table.entries.first { $0.path == path }!.slot)
        }
        let targets: [(String, String, Double)] = [(Self.rev, Self.churn, -0.6), (Self.rev, Self.initial, 0.3),
                                                   (Self.churn, Self.initial, 0)]
        for (a, b, target) in targets {
            let rho = try #require(GlobalSensitivity.spearman(column(correlated, a), column(correlated, b)))
            print("Iman–Conover \(a) ~ \(b): target \(target), achieved \(rho)")
            #expect(abs(rho - target) <= 0.03)
        }
        // The uncorrelated run's pairs are near 0 (so the targets were not met by chance).
        let free = try #require(GlobalSensitivity.spearman(column(plain, Self.rev), column(plain, Self.churn)))
        #expect(abs(free) < 0.05)
        for path in [Self.rev, Self.churn, Self.initial] {
            #expect(column(correlated, path).sorted() == column(plain, path).sorted(), "\(path): same draws, rearranged")
            #expect(column(correlated, path) != column(plain, path))
        }
    }

    @Test("deterministic: the same seed gives the same arrangement on 1 and 2 threads")
    func deterministic() throws {
        let study = try Self.load(Self.baseline(Self.pairs))
        let a = try run(study, trials: 500, clvSamples: 10, threads: 1)
        let b = try run(study, trials: 500, clvSamples: 10, threads: 2)
        let slot = a.inputs.entries.first { $0.path == Self.rev }!.slot
        #expect(a.draws.column(slot) == b.draws.column(slot))
        #expect(a.trials[0].ce.column(0) == b.trials[0].ce.column(0))
    }

    @Test("a matrix that is not positive semi-definite is repaired with a warning naming the pairs")
    func repair() throws {
        let bad = """
            correlations:
              - { between: [\(Self.rev), \(Self.churn)], spearman: 0.9 }
              - { between: [\(Self.rev), \(Self.initial)], spearman: 0.9 }
              - { between: [\(Self.churn), \(Self.initial)], spearman: -0.9 }
            """
        let t = try TempStudy(["b.yaml": Self.baseline(bad)])
        defer { t.remove() }
        let study = try t.load("b.yaml")
        let target = try #require(Correlations.target(study))
        let w = try #require(target.warnings.first)
        print("repair warning: \(w.description)")
        #expect(w.description.hasPrefix("\(t.path("b.yaml")):12:5: warning: correlations: the correlations are not positive semi-definite"))
        for pair in ["\(Self.rev) ~ \(Self.churn) 0.900 → ", "\(Self.rev) ~ \(Self.initial) 0.900 → ",
                     "\(Self.churn) ~ \(Self.initial) −0.900 → "] {
            #expect(w.description.contains(pair))
        }
        #expect(SymmetricMatrixCheck.isPSD(target.spearman, n: 3))
        // The repaired run still works.
        _ = try run(study, trials: 200, clvSamples: 10)
    }

    @Test("an unknown input path is a validation error at its position, with a suggestion")
    func unknownPath() throws {
        let typo = """
            correlations:
              - { between: [segments.s.value.active.revnue, \(Self.churn)], spearman: 0.5 }
            """
        let t = try TempStudy(["b.yaml": Self.baseline(typo)])
        defer { t.remove() }
        #expect(throws: Diagnostics.self) { try t.load("b.yaml") }
        do { _ = try Loader.loadStudy(path: t.path("b.yaml")) } catch {
            #expect(error.items.map(\.description) == [
                "\(t.path("b.yaml")):12:17: error: correlations[0].between[0]: unknown input path "
                + "'segments.s.value.active.revnue' (did you mean '\(Self.rev)'?)",
            ])
        }
    }
}

/// PSD check through CLVNumerics (the tests do not import GSL).
enum SymmetricMatrixCheck {
    static func isPSD(_ a: [Double], n: Int) -> Bool { SymmetricMatrix.isPositiveSemiDefinite(a, n: n) }
}
