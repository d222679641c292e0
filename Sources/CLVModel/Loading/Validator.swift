import Foundation

/// Semantic checks on decoded numbers. Each reports to the sink and never stops the load.
///
/// A distribution's range is its support when bounded (pert, triangular, uniform, discrete); for
/// normal, lognormal, gamma, beta and beta_ab it is mean ± 3 sd within the support. Leaving an allowed
/// range by the support is an error; only by the mean ± 3 sd tail, a warning (such draws are clamped).
enum Validator {
    /// (low, high, hard): the range of a distribution's draws; `hard` when it is the exact support.
    static func range(_ d: Distribution) -> (low: Double, high: Double, hard: Bool) {
        let s = d.support
        return (s.low, s.high, s.hard)
    }

    /// A probability must lie in [0, 1].
    static func probability(_ u: Uncertain, _ path: String, _ sink: DiagnosticSink) {
        within(0, 1, u, path, sink)
    }

    static func within(_ lo: Double, _ hi: Double, _ u: Uncertain, _ path: String, _ sink: DiagnosticSink) {
        let r = range(u.distribution), mean = u.distribution.mean
        let interval = "[\(fmt(lo)), \(fmt(hi))]"
        if case .constant(let x) = u.distribution {
            if x < lo || x > hi { sink.error(at: u.location, path: path, "\(value(u, x)) is outside \(interval)") }
        } else if mean < lo || mean > hi {
            sink.error(at: u.location, path: path, "\(u.text) has mean \(short(mean)), outside \(interval)")
        } else if r.low < lo || r.high > hi {
            if r.hard {
                sink.error(at: u.location, path: path, "\(u.text) can fall outside \(interval)")
            } else {
                sink.warning(at: u.location, path: path, "\(u.text) can fall outside \(interval) (mean ± 3 sd); such draws are clamped")
            }
        }
    }

    /// Counts, rates, amounts and coefficients of variation are never negative.
    static func nonNegative(_ u: Uncertain, _ path: String, _ sink: DiagnosticSink) {
        atLeast(0, u, path, sink)
    }

    static func atLeast(_ lo: Double, _ u: Uncertain, _ path: String, _ sink: DiagnosticSink) {
        let r = range(u.distribution), mean = u.distribution.mean
        if case .constant(let x) = u.distribution {
            if x < lo { sink.error(at: u.location, path: path, "must be ≥ \(fmt(lo)), found \(value(u, x))") }
        } else if mean < lo {
            sink.error(at: u.location, path: path, "\(u.text) has mean \(short(mean)), below \(fmt(lo))")
        } else if r.low < lo {
            if r.hard {
                sink.error(at: u.location, path: path, "\(u.text) can fall below \(fmt(lo))")
            } else {
                sink.warning(at: u.location, path: path, "\(u.text) can fall below \(fmt(lo)) (mean − 3 sd = \(short(r.low)))")
            }
        }
    }

    /// Upper limits (counts of customers): an error when the value, its mean or its bounded support
    /// exceeds `hi`; a warning when only the mean + 3 sd tail does (such draws are clamped).
    static func atMost(_ hi: Double, _ u: Uncertain, _ path: String, _ sink: DiagnosticSink) {
        let r = range(u.distribution), mean = u.distribution.mean
        if case .constant(let x) = u.distribution {
            if x > hi { sink.error(at: u.location, path: path, "must be at most \(short(hi)), found \(u.formula == nil ? short(x) : value(u, x))") }
        } else if mean > hi {
            sink.error(at: u.location, path: path, "\(u.text) has mean \(short(mean)), above \(short(hi))")
        } else if r.high > hi {
            if r.hard {
                sink.error(at: u.location, path: path, "\(u.text) can exceed \(short(hi))")
            } else {
                // The engine clamps drawn counts at `Limits.maxDrawnCount`, not at `hi`: say which.
                sink.warning(at: u.location, path: path, "\(u.text) can exceed \(short(hi)) (mean + 3 sd = \(short(r.high))); "
                             + "draws are used as drawn up to \(short(Limits.maxDrawnCount)) and clamped there")
            }
        }
    }

    /// The listed moves of a row leave room for staying: their sum is at most 1 (model.md 3.1 step 5).
    static func rowSum(_ moves: [Uncertain], at location: SourceLocation, _ path: String, _ sink: DiagnosticSink) {
        let means = moves.reduce(0) { $0 + $1.distribution.mean }
        let highs = moves.reduce(0) { $0 + max(0, min(1, range($1.distribution).high)) }
        let tolerance = 1e-9
        // A move that alone leaves [0, 1] is reported on its own; its row sum would only repeat it.
        if moves.contains(where: { let r = range($0.distribution); return r.hard && (r.low < 0 || r.high > 1) }) { return }
        if moves.allSatisfy(\.isConstant) {
            if means > 1 + tolerance { sink.error(at: location, path: path, "moves sum to \(short(means)) (> 1)") }
        } else if means > 1 + tolerance {
            sink.error(at: location, path: path, "moves sum to \(short(means)) (> 1) at their means")
        } else if highs > 1 + tolerance {
            sink.warning(at: location, path: path,
                         "moves can sum above 1 (up to \(short(highs))); such draws are scaled to 1 and counted as row overflows")
        }
    }

    /// A plan is compared period by period with its baseline: the time axis and valuation must agree.
    static func plan(_ plan: Scenario, at keys: [String: SourceLocation], matches base: Scenario, _ sink: DiagnosticSink) {
        let whole = SourceLocation(file: plan.file, line: 1, column: 1)
        func check(_ key: String, _ a: String, _ b: String) {
            if a != b {
                sink.error(at: keys[key] ?? whole, path: key, "\(a) differs from the baseline's \(b) (\(base.file))")
            }
        }
        check("period", plan.period.rawValue, base.period.rawValue)
        check("horizon", "\(plan.horizon)", "\(base.horizon)")
        check("discount_rate", fmt(plan.discountRate), fmt(base.discountRate))
        check("terminal_value", plan.terminalValue.rawValue, base.terminalValue.rawValue)
    }

    /// A study's baseline is the world without any plan: costs, effects, a ramp or risks there would
    /// apply to the baseline and, through `extends`, to every plan that does not replace them, so
    /// that a plan with no effects of its own would silently equal the baseline (NPV exactly 0).
    static func baseline(at keys: [String: SourceLocation], _ sink: DiagnosticSink) {
        for key in ["costs", "effects", "ramp", "risks"] {
            guard let at = keys[key] else { continue }
            sink.error(at: at, path: key, "a study's baseline is the world without the plans and cannot have '\(key)'; "
                       + "put costs, effects, ramp and risks in the plan files")
        }
    }

    /// Initial customers are whole people: a constant count with a fraction is rounded, as every
    /// drawn count is (model.md 2.4), and said so.
    static func wholeCount(_ u: Uncertain, _ path: String, _ sink: DiagnosticSink) {
        guard u.formula == nil, case .constant(let x) = u.distribution, x.isFinite, x >= 0, x != x.rounded() else { return }
        sink.warning(at: u.location, path: path, "\(fmt(x)) is not a whole number of customers; rounded to \(fmt(x.rounded()))")
    }

    /// A constant as written, or an expression of parameters with its value at their means.
    static func value(_ u: Uncertain, _ x: Double) -> String {
        u.formula == nil ? fmt(x) : "\(u.text) = \(short(x)) at the parameters' means"
    }

    /// Up to 6 significant digits, for sums and means in messages (`1.04`, not `1.0400000000000000355`).
    static func short(_ x: Double) -> String { String(format: "%.6g", x) }
}
