public import CLVEngine
import CLVNumerics
import CLVModel

/// A plan against the baseline, trial by trial (model.md 3.2).
public struct PlanTrials: Sendable {
    /// Whether benefit includes terminal value (follows the baseline's `terminal_value`).
    public let terminalBasis: Bool
    /// B = CE_plan − CE_baseline, C = Σ d^t cost_t, NPV = B − C, BCR = B/C, ROI = NPV/C.
    public let benefit, cost, npv, bcr, roi: [Double]
    /// NPV from the cash flows within the horizon only (benefit without terminal value).
    public let npvHorizon: [Double]
    /// First period at which cumulative discounted ΔCF − cost is ≥ 0 after having been
    /// negative; 0 when it is never negative; +∞ when it does not pay back within the horizon.
    public let payback: [Double]
    /// Cumulative discounted ΔCF − cost per period, mean over trials, t = 0...T.
    public let meanCumulative: [Double]

    public init(run: StudyRun, plan k: Int) {
        let base = run.trials[0], plan = run.trials[k], model = run.models[k]
        terminalBasis = run.study.baseline.terminalValue == .clv
        let n = base.trials, T = model.horizon, d = model.discountFactors
        var b = [Double](repeating: 0, count: n), c = b, pay = b, bh = b
        var cumMean = [Double](repeating: 0, count: T + 1)
        for i in 0..<n {
            bh[i] = plan.ce[i, 0] - base.ce[i, 0]
            b[i] = terminalBasis ? plan.ceTerminal[i, 0] - base.ceTerminal[i, 0] : bh[i]
            var cost = 0.0, cum = 0.0, wentNegative = false
            var paid: Double? = nil
            for t in 0...T {
                cost += d[t] * plan.cost[i, t]
                cum += d[t] * (plan.cashFlow[i, t] - base.cashFlow[i, t] - plan.cost[i, t])
                cumMean[t] += cum
                if cum < 0 { wentNegative = true } else if wentNegative && paid == nil { paid = Double(t) }
            }
            c[i] = cost
            pay[i] = wentNegative ? (paid ?? .infinity) : 0
        }
        benefit = b
        cost = c
        npv = zip(b, c).map { $0 - $1 }
        npvHorizon = zip(bh, c).map { $0 - $1 }
        bcr = zip(b, c).map { $0 / $1 }
        roi = zip(npv, c).map { $0 / $1 }
        payback = pay
        meanCumulative = cumMean.map { $0 / Double(n) }
    }

    /// E[B] / E[C], the headline benefit-cost ratio (nil when E[C] = 0).
    public var bcrOfMeans: Double? {
        let c = Statistics.mean(cost)
        return c != 0 ? Statistics.mean(benefit) / c : nil
    }

    /// P(NPV > 0).
    public var pNPVPositive: Double { Double(npv.filter { $0 > 0 }.count) / Double(npv.count) }

    /// Share of trials that pay back within the horizon.
    public var pPaybackWithinHorizon: Double { Double(payback.filter(\.isFinite).count) / Double(payback.count) }

    /// Median payback period (inverted CDF); nil when fewer than half the trials pay back.
    public var medianPayback: Double? {
        pPaybackWithinHorizon >= 0.5 ? Statistics.invertedCDF(sorted: Sorting.ascending(payback), 0.5) : nil
    }
}
