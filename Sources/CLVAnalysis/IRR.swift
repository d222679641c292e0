/// Internal rates of return of cash-flow rows (the board figures' IRR per trial).
///
/// `scalar` is the definition: the per-period rate ρ, the lowest root in (−0.95, 10) of
/// Σ f_t (1 + ρ)^−t, found by scanning a grid and bisecting; nil when the present value does not
/// change sign there. `rates` finds the same roots, bit for bit, eight rows at a time: each lane
/// does the scalar function's operations in the scalar order (IEEE arithmetic lane by lane, no
/// fused multiply-add), so only the latency of one row's chain of additions is shared eight ways.
enum IRR {
    static let grid: [Double] = [-0.95, -0.8, -0.6, -0.4, -0.2, -0.1, -0.05, -0.02, 0, 0.01, 0.02, 0.04, 0.07, 0.1,
                                 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10]
    /// Halvings at most; the bisection stops earlier when the midpoint rounds to an end, from where
    /// further halvings would leave both ends as they are (the same root, bit for bit).
    static let halvings = 80

    /// The IRR of one row of flows (t = 0, 1, …).
    static func scalar(_ flows: [Double]) -> Double? {
        func pv(_ rho: Double) -> Double {
            var s = 0.0, f = 1.0
            let d = 1 / (1 + rho)
            for x in flows { s += x * f; f *= d }
            return s
        }
        var a = grid[0], fa = pv(a)
        for b in grid.dropFirst() {
            let fb = pv(b)
            guard fa.isFinite, fb.isFinite else { a = b; fa = fb; continue }
            if fa == 0 { return a }
            if (fa < 0) != (fb < 0) {
                var lo = a, hi = b, flo = fa
                for _ in 0..<halvings {
                    let mid = (lo + hi) / 2
                    if mid == lo || mid == hi { break }
                    let fm = pv(mid)
                    if (fm < 0) == (flo < 0) { lo = mid; flo = fm } else { hi = mid }
                }
                return (lo + hi) / 2
            }
            a = b
            fa = fb
        }
        return nil
    }

    typealias Lanes = SIMD8<Double>

    /// The IRRs of the rows of `flows` (row-major, `width` flows per row): `scalar` of each row.
    static func rates(_ flows: [Double], width: Int) -> [Double?] {
        guard width > 0 else { return [] }
        let n = flows.count / width, L = Lanes.scalarCount
        var out = [Double?](repeating: nil, count: n)
        var x = [Lanes](repeating: Lanes(), count: width)
        var atGrid = [Lanes](repeating: Lanes(), count: grid.count)
        flows.withUnsafeBufferPointer { f in
            x.withUnsafeMutableBufferPointer { x in
                func pv(_ rho: Lanes) -> Lanes {
                    var s = Lanes(), f = Lanes(repeating: 1)
                    let d = 1 / (1 + rho)
                    for t in 0..<width { s += x[t] * f; f *= d }
                    return s
                }
                for start in stride(from: 0, to: n, by: L) {
                    let count = min(L, n - start)
                    for t in 0..<width {
                        var v = Lanes()
                        for l in 0..<count { v[l] = f[(start + l) * width + t] }
                        x[t] = v
                    }
                    for (j, g) in grid.enumerated() { atGrid[j] = pv(Lanes(repeating: g)) }
                    // Each lane's scan of the grid, as `scalar` does it: a root at a grid point, a
                    // bracket to bisect, or none.
                    var lo = Lanes(), hi = Lanes(), flo = Lanes()
                    var bisect = SIMDMask<SIMD8<Int64>>()
                    for l in 0..<count {
                        var a = grid[0], fa = atGrid[0][l]
                        for k in 1..<grid.count {
                            let b = grid[k], fb = atGrid[k][l]
                            guard fa.isFinite, fb.isFinite else { a = b; fa = fb; continue }
                            if fa == 0 { out[start + l] = a; break }
                            if (fa < 0) != (fb < 0) {
                                lo[l] = a; hi[l] = b; flo[l] = fa
                                bisect[l] = true
                                break
                            }
                            a = b
                            fa = fb
                        }
                    }
                    guard any(bisect) else { continue }
                    var going = bisect
                    for _ in 0..<halvings {
                        let mid = (lo + hi) / 2
                        going = going .& (mid .!= lo) .& (mid .!= hi)
                        if !any(going) { break }
                        let fm = pv(mid)
                        let low = going .& ((fm .< 0) .== (flo .< 0))
                        let high = going .& .!((fm .< 0) .== (flo .< 0))
                        lo.replace(with: mid, where: low)
                        flo.replace(with: fm, where: low)
                        hi.replace(with: mid, where: high)
                    }
                    let root = (lo + hi) / 2
                    for l in 0..<count where bisect[l] { out[start + l] = root[l] }
                }
            }
        }
        return out
    }
}
