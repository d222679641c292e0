import CLVCalibration
import CLVEngine
import CLVModel
import Foundation
import Testing

/// Simulate a panel with clvsim's own engine from a known baseline, calibrate it, and get the
/// transition probabilities back.
@Suite("Calibration: round trip through the engine")
struct RoundTripTests {
    /// One customer per trial: the engine's cash flow of period t is then the state the customer is
    /// in (revenue 1 in `a`, 2 in `b`, nothing once churned), which is all a panel row needs.
    static let truth = """
        schema: clvsim/1
        name: Known chain
        currency: CNY
        period: quarter
        horizon: 8
        discount_rate: 0
        terminal_value: none
        states:
          a: { stage: retention }
          b: { stage: expansion }
          churned: { stage: churn }
        segments:
          all:
            initial: { a: 1 }
            transitions:
              a: { b: 0.2, churned: 0.05 }
              b: { a: 0.3, churned: 0.1 }
            value:
              a: { revenue: 1 }
              b: { revenue: 2 }

        """
    static let probabilities: [String: [String: Double]] = [
        "a": ["a": 0.75, "b": 0.2, "churned": 0.05],
        "b": ["a": 0.3, "b": 0.6, "churned": 0.1],
    ]

    @Test("20,000 simulated customers over 8 quarters: every calibrated probability within 4 standard errors of the truth")
    func recover() throws {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        let study = try Loader.loadStudy(path: Scratch.write(Self.truth, "truth.yaml", in: d))
        let n = 20_000
        let run = try Engine.run(study, options: RunOptions(trials: n, seed: 7, clvSamples: 0, threads: 2))
        var csv = "customer,period,state,revenue\n"
        for k in 0..<n {
            csv += "c\(k),0,a,1\n"
            for t in 1...8 {
                let v = run.trials[0].cashFlow[k, t]
                if v == 0 { break }
                csv += "c\(k),\(t),\(v == 1 ? "a" : "b"),\(Int(v))\n"
            }
        }
        var o = CalibrationOptions()
        o.prior = 0
        o.period = .quarter
        o.arrivals = .none
        let yaml = try Calibration.panel(path: Scratch.write(csv, "panel.csv", in: d), options: o).baselineYAML
        let s = try Scratch.load(yaml)
        let g = s.segment("customers")
        var checked = 0
        for (from, row) in Self.probabilities {
            let w = try #require(g.dirichlet(s.state(from)))
            let total = w.values.reduce(0, +)
            #expect(total > 10_000, "\(from): enough transitions to test")
            for (to, p) in row {
                let hat = (w[s.state(to)] ?? 0) / total
                let se = (p * (1 - p) / total).squareRoot()
                #expect(abs(hat - p) < 4 * se, "\(from) → \(to): \(hat) vs \(p) (se \(se))")
                checked += 1
            }
        }
        #expect(checked == 6)
        // Stages come out guessed (no --states-from) and churn is the churn state named by --churn-state.
        #expect(s.states.first { $0.name == "churned" }?.stage == .churn)
    }
}
