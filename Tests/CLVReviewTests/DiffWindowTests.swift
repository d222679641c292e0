import Foundation
import Testing
import CLVModel
@testable import CLVReview

/// `clvsim diff` lists a changed effect window (issue 13): the plan's `ramp` and an effect's own
/// `ramp:`, with `until` and `fade`, as ramp changes.
@Suite("Diff of effect windows")
struct DiffWindowTests {
    static let base = """
        schema: clvsim/1
        name: base
        horizon: 5
        states:
          a: { stage: retention }
          gone: { stage: churn }
        segments:
          s:
            initial: { a: 100 }
            transitions: { a: { gone: 0.2 } }
            value: { a: { revenue: 10 } }
        """

    static func side(_ plan: String) throws -> LoadedSide {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-diffwin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in ["base.yaml": base, "plan.yaml": "schema: clvsim/1\nname: plan\nextends: base.yaml\n" + plan,
                             "study.yaml": "schema: clvsim/1\nstudy: s\nbaseline: base.yaml\nplans: [plan.yaml]\n"] {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let study = try Loader.loadStudy(path: dir.appendingPathComponent("study.yaml").path)
        return LoadedSide(source: .workingTree, study: study, commit: nil, files: ["base.yaml", "plan.yaml"])
    }

    @Test("a plan's until/fade and an effect's own window, changed, are listed as ramp changes with both texts")
    func changedWindows() throws {
        let before = try Self.side("""
            effects:
              - { target: value.a.revenue, relative: 0.5, ramp: { from: 0, to: 1, until: 2 } }
              - { target: transitions.a.gone, multiply: 0.5 }
            ramp: { from: 0, to: 1 }
            """)
        let after = try Self.side("""
            effects:
              - { target: value.a.revenue, relative: 0.5, ramp: { from: 0, to: 1, until: 3, fade: 2 } }
              - { target: transitions.a.gone, multiply: 0.5 }
            ramp: { from: 0, to: 1, until: 4 }
            """)
        let d = AssumptionDiff(before: before, after: after)
        let ramps = d.changes.filter { $0.category == .ramp }.sorted { $0.path < $1.path }
        #expect(ramps.map(\.path) == ["ramp", "ramp.effects.value.a.revenue.relative"])
        #expect(ramps.map(\.before) == ["from 0 to 1", "from 0 to 1 until 2"])
        #expect(ramps.map(\.after) == ["from 0 to 1 until 4", "from 0 to 1 until 3 fade 2"])
        #expect(d.changes.count == 2)
        // The same windows on both sides: nothing to list.
        #expect(AssumptionDiff(before: after, after: after).isEmpty)
    }
}
