import Foundation
import Testing
import CLVCommands

/// Property: every scenario the generator below writes is valid by construction, so it must load,
/// validate without errors, run (few trials) and give finite results. Seeded, so a failure repeats.
@Suite("Random valid scenarios")
struct RandomScenarioTests {
    /// SplitMix64: small, seedable, the same on every platform.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...(xs.count - 1))] }
    }

    /// A number written as a constant or as one of the distributions, centred on `x` (> 0).
    static func amount(_ x: Double, _ r: inout Rng) -> String {
        let v = (x * 100).rounded() / 100
        switch r.int(0...5) {
        case 0: return "\(v)"
        case 1: return "\"pert(\(v * 0.5), \(v), \(v * 1.5))\""
        case 2: return "\"triangular(\(v * 0.8), \(v), \(v * 1.1))\""
        case 3: return "\"uniform(\(v * 0.9), \(v * 1.1))\""
        case 4: return "\"lognormal(\(v), \(v * 0.2))\""
        default: return "\"gamma(\(v), \(v * 0.3))\""
        }
    }

    /// A probability written as a constant or a bounded distribution inside [0, p·1.2].
    static func probability(_ p: Double, _ r: inout Rng) -> String {
        let v = (p * 1000).rounded() / 1000
        switch r.int(0...2) {
        case 0: return "\(v)"
        case 1: return "\"pert(\(v * 0.8), \(v), \(v * 1.2))\""
        default: return "\"uniform(\(v * 0.9), \(v * 1.1))\""
        }
    }

    /// A baseline (and, half of the time, a plan and a study) in `dir`; returns the file to run.
    static func write(seed: UInt64, in dir: URL) throws -> String {
        var r = Rng(state: seed)
        let live = (0..<r.int(1...4)).map { "s\($0)" }
        let stages = ["acquisition", "retention", "expansion"]
        var y = "schema: clvsim/1\nname: Random \(seed)\n"
        y += "period: \(r.pick(["month", "quarter", "year"]))\nhorizon: \(r.int(1...24))\n"
        y += "discount_rate: \(Double(r.int(1...15)) / 100)\nterminal_value: \(r.pick(["none", "clv"]))\nstates:\n"
        for s in live { y += "  \(s): { stage: \(r.pick(stages)) }\n" }
        y += "  gone: { stage: churn }\nsegments:\n"
        for g in 0..<r.int(1...2) {
            y += "  g\(g):\n    initial: { \(live[0]): \(amount(Double(r.int(0...100_000)), &r)) }\n"
            if r.int(0...1) == 1 { y += "    arrivals: { \(r.pick(live)): \(amount(Double(r.int(1...5000)), &r)) }\n" }
            y += "    acquisition_cost: \(amount(Double(r.int(1...300)), &r))\n    transitions:\n"
            for s in live {
                // Moves to other states and to churn, each at most 0.8 / (number of moves) · 1.2 at its widest.
                let targets = (live.filter { $0 != s } + ["gone"]).filter { _ in r.int(0...2) > 0 }
                if targets.isEmpty { continue }
                let share = 0.8 / Double(targets.count)
                let moves = targets.map { "\($0): \(probability(r.unit() * share, &r))" }
                y += "      \(s): { \(moves.joined(separator: ", ")) }\n"
            }
            y += "    value:\n"
            for s in live {
                y += "      \(s): { revenue: \(amount(Double(r.int(1...1000)), &r)), cost: \(amount(Double(r.int(1...500)), &r))"
                y += r.int(0...1) == 1 ? ", revenue_cv: \(Double(r.int(0...20)) / 10) }\n" : " }\n"
            }
        }
        let base = dir.appendingPathComponent("base.yaml")
        try y.write(to: base, atomically: true, encoding: .utf8)
        guard r.int(0...1) == 1 else { return base.path }

        var p = "schema: clvsim/1\nname: Plan \(seed)\nextends: base.yaml\ncosts:\n"
        p += "  - { category: technology, amount: \(amount(Double(r.int(1000...100_000)), &r)), at: 0 }\n"
        p += "effects:\n  - { target: value.*.cost, relative: \"pert(-0.2, -0.1, 0)\" }\n"
        p += "  - { target: transitions.\(live[0]).gone, relative: -0.1 }\n"
        p += "ramp: { from: 0, to: 1 }\nrisks:\n  - { name: Overrun, probability: 0.3, cost_overrun: \"uniform(0.1, 0.5)\" }\n"
        try p.write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let study = "schema: clvsim/1\nstudy: Random study\nbaseline: base.yaml\nplans: [plan.yaml]\n"
        let file = dir.appendingPathComponent("study.yaml")
        try study.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// Every number under `key` in the JSON, recursively.
    static func numbers(_ x: Any) -> [Any] {
        if let d = x as? [String: Any] { return d.values.flatMap(numbers) }
        if let a = x as? [Any] { return a.flatMap(numbers) }
        return [x]
    }

    @Test("random valid scenarios load, validate, run and give finite results", arguments: 1...24)
    func randomScenario(_ seed: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-prop-\(seed)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.write(seed: UInt64(seed) &* 7919, in: dir)

        let (vc, vout) = Console.capture()
        let vcode = CLI.main(["validate", file], console: vc)
        #expect(vcode == 0, "validate: \(vout.err)")
        guard vcode == 0 else { return }

        let json = dir.appendingPathComponent("results.json").path
        let (rc, rout) = Console.capture()
        let code = CLI.main(["run", file, "--trials", "40", "--clv-samples", "40", "--threads", "2", "--json", json, "--quiet"],
                            console: rc)
        #expect(code == 0, "run: \(rout.err)")
        let results = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let scenarios = try #require(results?["scenarios"] as? [[String: Any]])
        for sc in scenarios {
            for key in ["customer_equity", "series"] {
                let values = Self.numbers(try #require(sc[key]))
                #expect(!values.isEmpty)
                #expect(values.allSatisfy { $0 is NSNumber || $0 is String }, "\(key) of \(sc["name"] ?? "?") has a non-finite number")
            }
        }
    }
}
