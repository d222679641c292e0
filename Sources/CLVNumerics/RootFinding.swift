internal import CGSL

/// Root finding through GSL (Brent's method: bisection, secant and inverse quadratic interpolation).
public enum RootFinding {
    private final class Box {
        let f: (Double) -> Double
        /// The last point evaluated and its value.
        var last: (x: Double, fx: Double) = (.nan, .nan)
        init(_ f: @escaping (Double) -> Double) { self.f = f }
        func call(_ x: Double) -> Double {
            let y = f(x)
            last = (x, y)
            return y
        }
    }

    /// A root of `f` in [a, b], where f(a) and f(b) differ in sign (or one is 0); nil otherwise,
    /// or when f is not finite. Stops when the bracket is narrower than `absTolerance` +
    /// `relTolerance`·|x| (`gsl_root_test_interval`), when |f| at the current estimate is at most
    /// `residual` (`gsl_root_test_residual`-style; 0 turns it off: for an `f` that is costly to
    /// evaluate), or after `maxIterations`.
    public static func brent(in a: Double, _ b: Double, absTolerance: Double = 1e-14, relTolerance: Double = 1e-12,
                             residual: Double = 0, maxIterations: Int = 200, _ f: (Double) -> Double) -> Double? {
        let (lo, hi) = a < b ? (a, b) : (b, a)
        let flo = f(lo), fhi = f(hi)
        guard flo.isFinite, fhi.isFinite else { return nil }
        if flo == 0 { return lo }
        if fhi == 0 { return hi }
        guard (flo < 0) != (fhi < 0) else { return nil }
        Numerics.silenceGSL()
        return withoutActuallyEscaping(f) { g in
            let box = Box(g)
            return withExtendedLifetime(box) { () -> Double? in
                var fn = gsl_function(
                    function: { x, params in Unmanaged<Box>.fromOpaque(params!).takeUnretainedValue().call(x) },
                    params: Unmanaged.passUnretained(box).toOpaque())
                guard let s = gsl_root_fsolver_alloc(clv_root_fsolver_brent()) else { return nil }
                defer { gsl_root_fsolver_free(s) }
                guard gsl_root_fsolver_set(s, &fn, lo, hi) == GSL_SUCCESS else { return nil }
                for _ in 0..<maxIterations {
                    guard gsl_root_fsolver_iterate(s) == GSL_SUCCESS else { return nil }
                    let x0 = gsl_root_fsolver_x_lower(s), x1 = gsl_root_fsolver_x_upper(s)
                    if gsl_root_test_interval(x0, x1, absTolerance, relTolerance) == GSL_SUCCESS { break }
                    let r = gsl_root_fsolver_root(s)
                    if residual > 0, box.last.x == r, abs(box.last.fx) <= residual { break }
                }
                let r = gsl_root_fsolver_root(s)
                return r.isFinite ? r : nil
            }
        }
    }
}
