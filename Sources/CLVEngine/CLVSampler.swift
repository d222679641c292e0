import CLVModel
import CLVNumerics

/// Where a sampled customer starts: an entry state of new customers (who pay the acquisition
/// cost), or, in a segment without arrivals, a state holding its initial stock (who do not).
public struct CLVEntryPoint: Sendable, Hashable {
    public var state: Int
    public var paysAcquisition: Bool

    /// Entry points of a segment: its arrival states, else the states of its initial stock.
    public static func of(_ m: SegmentModel) -> [CLVEntryPoint] {
        if !m.entryStates.isEmpty { return m.entryStates.map { CLVEntryPoint(state: $0, paysAcquisition: true) } }
        return m.initialStates.filter { !m.churn[$0] }.sorted().map { CLVEntryPoint(state: $0, paysAcquisition: false) }
    }
}

/// Simulates individual customers (model.md 3.3): `CLV = −cac + Σ_{k≥0} d^k v(state_k)`, revenue
/// drawn per period when `revenue_cv > 0`, until churn or d^k < 1e-6. Customer j lives in
/// trial j mod n under that trial's parameters at full effect times its effect scale, and draws
/// from stream (seed, j, segment and entry): the same customer in every scenario.
final class CLVSimulator {
    /// Longest simulated customer path, in periods (ten times the longest horizon). Only a discount
    /// rate near 0 gets there: d^k < 1e-6 takes 16,600 months at 1% a year, 10,000 at 1.7%.
    static let maxPeriods = 12_000

    let model: ScenarioModel
    let stream: RandomStream
    let pp: [PeriodParameters]
    let parameters: SegmentParameters
    /// Cumulative transition rows (row-major S×S) of the trial in hand, for drawing the next state.
    let cumulative: UnsafeMutableBufferPointer<Double>
    /// Per state, in the trial in hand: the revenue Gamma's shape 1/cv² and scale revenue·cv².
    let shapes: UnsafeMutableBufferPointer<GammaShape>
    let scales: UnsafeMutableBufferPointer<Double>
    /// The trial's transition matrix (row-major S×S), before accumulation.
    let dense: UnsafeMutableBufferPointer<Double>

    init(_ model: ScenarioModel, stream: RandomStream) {
        self.model = model
        self.stream = stream
        pp = model.segments.map { PeriodParameters(states: $0.stateCount, moves: $0.moveTo.count) }
        parameters = SegmentParameters(for: model)
        let S = model.scenario.states.count
        cumulative = .allocate(capacity: max(S * S, 1))
        shapes = .allocate(capacity: max(S, 1))
        shapes.initialize(repeating: GammaShape(1))
        scales = .allocate(capacity: max(S, 1))
        scales.initialize(repeating: 0)
        dense = .allocate(capacity: max(S * S, 1))
    }

    deinit {
        cumulative.deallocate()
        shapes.deallocate()
        scales.deallocate()
        dense.deallocate()
    }

    /// CLVs of the customers who live in trials `range` (customers j = k, k + n, k + 2n, … < count
    /// for each trial k) of segment `g` entering at `entry`, written to `out[j]`. Grouping by trial
    /// derives each trial's parameters once, whatever the number of customers per trial; each
    /// customer still draws from its own stream, so results do not depend on the grouping.
    /// Returns the number of customer-periods simulated.
    @discardableResult
    func run(segment g: Int, entry: CLVEntryPoint, trials range: Range<Int>, of n: Int, customers count: Int,
             seed: UInt64, draws: Matrix, effectScale: Matrix, into out: UnsafeMutableBufferPointer<Double>) -> Int {
        let m = model.segments[g], p = pp[g], S = m.stateCount
        let d = model.discount
        let key = StreamKey.hash("clv.\(m.name).\(model.scenario.states[entry.state].name)")
        var periods = 0
        for k in range {
            setParameters(g, trial: k, draws: draws, weight: model.appliesLevers ? effectScale[k, 0] : 0)
            for j in stride(from: k, to: count, by: n) {
                stream.reset(seed: seed, trial: UInt64(j), key: key)
                var s = entry.state
                var value = entry.paysAcquisition ? -p.acquisitionCost : 0
                var dk = 1.0, steps = 0
                // Also stop after maxPeriods: with discount_rate 0 (the default) d^k never falls, and a
                // customer in a state that cannot reach churn would be followed forever.
                while dk >= 1e-6 && !m.churn[s] && steps < Self.maxPeriods {
                    steps += 1
                    let rev = p.revenue[s], cv = p.cv[s]
                    let r = cv > 0 && rev > 0 ? stream.gamma(shapes[s], scale: scales[s]) : rev
                    value += dk * (r - p.cost[s])
                    let u = stream.uniform()
                    var to = S - 1
                    for c in 0..<S where u < cumulative[s * S + c] { to = c; break }
                    s = to
                    dk *= d
                }
                periods += steps
                out[j] = value
            }
        }
        return periods
    }

    /// Sets the parameters of segment g in trial k at effect weight w (the trial's effect scale
    /// for a plan at full effect, 0 for the baseline) and its cumulative transition rows.
    private func setParameters(_ g: Int, trial k: Int, draws: Matrix, weight w: Double) {
        let m = model.segments[g], p = pp[g], S = m.stateCount
        parameters.load(m, UnsafeBufferPointer(draws.row(k)), levers: w != 0)
        p.derive(m, parameters.blend(m, weight: w))
        let P = UnsafeMutableBufferPointer(rebasing: dense[0..<(S * S)])
        p.dense(m, into: P)
        for i in 0..<S {
            var acc = 0.0
            for j in 0..<S {
                acc += P[i * S + j]
                cumulative[i * S + j] = acc
            }
            cumulative[i * S + S - 1] = .infinity     // rounding never lets a draw fall off the row
            let cv = p.cv[i], rev = p.revenue[i]
            shapes[i] = GammaShape(1 / (cv * cv))
            scales[i] = rev * cv * cv
        }
    }
}
