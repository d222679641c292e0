import CLVNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lower-tail and risk-adjusted figures of one candidate's NPV over the trials (finite NPVs
/// only; docs/results-json.md, `decision`).
public struct RiskMeasures: Sendable, Codable {
    public var expectedNPV: Double
    /// Type-7 quantiles (Statistics.quantile) at 0.10 and 0.05.
    public var p10: Double
    public var p5: Double
    /// P(NPV < 0) over all trials.
    public var pLoss: Double
    /// E[−NPV | NPV < 0]: how much is lost on average when money is lost (positive; nil when no trial loses).
    public var expectedLossGivenLoss: Double?
    /// Mean of the worst 5% of trials (`cvar(sorted:alpha:)`).
    public var cvar5: Double
    /// −(1/a)·ln E[e^(−a·NPV)] under `decision.risk_aversion` a (nil without one).
    public var certaintyEquivalent: Double?

    enum CodingKeys: String, CodingKey, NilOmittingKeys {
        case expectedNPV = "expected_npv", p10, p5, pLoss = "p_loss", expectedLossGivenLoss = "expected_loss_given_loss"
        case cvar5, certaintyEquivalent = "certainty_equivalent"
        static let omittedWhenNil: Set<String> = ["certainty_equivalent"]
    }

    /// From per-trial NPVs (non-finite ones are left out of every figure but P(loss)'s denominator).
    public init(npv: [Double], riskAversion a: Double?) {
        let sorted = Sorting.ascending(npv.filter(\.isFinite))
        let losses = sorted.filter { $0 < 0 }
        expectedNPV = Statistics.mean(sorted)
        p10 = sorted.isEmpty ? .nan : Statistics.quantile(sorted: sorted, 0.10)
        p5 = sorted.isEmpty ? .nan : Statistics.quantile(sorted: sorted, 0.05)
        pLoss = Double(losses.count) / Double(max(npv.count, 1))
        expectedLossGivenLoss = losses.isEmpty ? nil : -Statistics.mean(losses)
        cvar5 = Self.cvar(sorted: sorted, alpha: 0.05)
        certaintyEquivalent = a.map { Self.certaintyEquivalent(sorted, riskAversion: $0) }
    }

    /// The figure `rank_by` names (every one "higher is better").
    public func value(_ r: String) -> Double? {
        switch r {
        case "expected_npv": expectedNPV
        case "p10": p10
        case "p5": p5
        case "cvar5": cvar5
        case "certainty_equivalent": certaintyEquivalent
        default: nil
        }
    }

    /// Conditional value at risk: the mean of the worst α·n of n sorted values, counting the
    /// boundary trial fractionally when α·n is not whole (Acerbi & Tasche 2002):
    /// CVaR = (x₁ + … + x_k + (α·n − k)·x_{k+1}) / (α·n), k = ⌊α·n⌋. With n a multiple of 20 and
    /// α = 0.05 it is the plain mean of the worst n/20 trials; with n < 20 it is the worst trial.
    public static func cvar(sorted x: [Double], alpha: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let an = alpha * Double(x.count)
        let k = min(Int(an.rounded(.down)), x.count)
        let f = an - Double(k)
        let head = Statistics.sum(Array(x.prefix(k)))
        if f == 0 { return head / Double(k) }
        return (head + f * x[min(k, x.count - 1)]) / an
    }

    /// −(1/a)·ln((1/n)·Σ e^(−a·x_i)), by log-sum-exp: with m = max(−a·x_i),
    /// ln Σ e^(−a·x_i) = m + ln Σ e^(−a·x_i − m), so no term overflows or underflows to 0 for
    /// every term at once (NPVs of 10⁹ with a = 10⁻⁶ give exponents of −1000).
    public static func certaintyEquivalent(_ x: [Double], riskAversion a: Double) -> Double {
        guard !x.isEmpty, a > 0 else { return .nan }
        let z = x.map { -a * $0 }
        let m = z.max()!
        let s = Statistics.sum(z.map { exp($0 - m) })
        return -(m + log(s) - log(Double(x.count))) / a
    }
}
