#if canImport(Glibc)
public import Glibc  // exp, log inside @inlinable samplers
#endif

/// Standard normal by the ziggurat method and Gamma by Marsaglia–Tsang (2000), on the
/// project's own xoshiro256** stream.
///
/// Why not GSL's: `gsl_ran_gamma` reaches its uniforms and normals through `gsl_rng`'s
/// function pointers and costs ~42 ns a draw here; the engine draws one Gamma per state,
/// period and trial for revenue totals, and one per customer-period for individual CLVs.
/// Checked against GSL's CDFs (`gsl_cdf_gaussian_P`, `gsl_cdf_gamma_P`) by chi-square tests.
@usableFromInline
enum ContinuousSamplers {
    /// Ziggurat tables (Marsaglia & Tsang 2000, 128 layers, 32-bit).
    @usableFromInline
    struct Ziggurat: @unchecked Sendable {
        // Read-only after init, allocated once per process (never freed): unchecked loads in the
        // samplers' hot loops, where the index is a 7-bit field.
        @usableFromInline let kn: UnsafePointer<UInt32>
        @usableFromInline let wn: UnsafePointer<Double>
        @usableFromInline let fn: UnsafePointer<Double>

        init() {
            var kn = [UInt32](repeating: 0, count: 128), wn = [Double](repeating: 0, count: 128)
            var fn = [Double](repeating: 0, count: 128)
            let m1 = 2_147_483_648.0, vn = 9.912_563_035_262_17e-3
            var dn = 3.442_619_855_899, tn = dn
            let q = vn / exp(-0.5 * dn * dn)
            kn[0] = UInt32((dn / q) * m1)
            kn[1] = 0
            wn[0] = q / m1
            wn[127] = dn / m1
            fn[0] = 1
            fn[127] = exp(-0.5 * dn * dn)
            for i in stride(from: 126, through: 1, by: -1) {
                dn = (-2 * log(vn / dn + exp(-0.5 * dn * dn))).squareRoot()
                kn[i + 1] = UInt32((dn / tn) * m1)
                tn = dn
                fn[i] = exp(-0.5 * dn * dn)
                wn[i] = dn / m1
            }
            self.kn = Self.table(kn)
            self.wn = Self.table(wn)
            self.fn = Self.table(fn)
        }

        private static func table<T>(_ values: [T]) -> UnsafePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: values.count)
            p.initialize(from: values, count: values.count)
            return UnsafePointer(p)
        }
    }

    /// Computed once per process; each `RandomStream` keeps a reference, so hot loops never
    /// pass through the lazy global's initialisation check.
    @usableFromInline static let zig = Ziggurat()

    /// A standard normal draw. The fast path (98.8% of draws) is inlined into its callers;
    /// the rest, with the same draws, out of line.
    @inlinable @inline(__always)
    static func normal(_ r: RandomStream) -> Double {
        let z = r.zig
        let hz = Int32(truncatingIfNeeded: r.next() >> 32)
        let iz = Int(hz & 127)
        let x = Double(hz) * z.wn[iz]
        if hz.magnitude < z.kn[iz] { return x }
        return normalSlow(hz, r)
    }

    /// The ziggurat's base strip, tail and wedges for a first draw `hz` outside the fast
    /// region; on rejection, draws again from the start.
    @usableFromInline @inline(never)
    static func normalSlow(_ first: Int32, _ r: RandomStream) -> Double {
        let z = r.zig
        var hz = first
        while true {
            let iz = Int(hz & 127)
            let x = Double(hz) * z.wn[iz]
            if hz.magnitude < z.kn[iz] { return x }
            if iz == 0 {
                // The tail beyond r = 3.442620, by Marsaglia's exponential method.
                let tail = 3.442_620
                var a = 0.0, b = 0.0
                repeat {
                    a = -log(1 - r.uniform()) * 0.290_476_4
                    b = -log(1 - r.uniform())
                } while b + b < a * a
                return hz > 0 ? tail + a : -tail - a
            }
            if z.fn[iz] + r.uniform() * (z.fn[iz - 1] - z.fn[iz]) < exp(-0.5 * x * x) { return x }
            hz = Int32(truncatingIfNeeded: r.next() >> 32)
        }
    }

    /// Gamma(shape a, scale 1): Marsaglia–Tsang squeeze for a ≥ 1; Gamma(a + 1)·U^(1/a) below.
    @inlinable
    static func gamma(_ a: Double, _ r: RandomStream) -> Double {
        if a < 1 {
            let g = gamma(a + 1, r)
            return g * exp(log(1 - r.uniform()) / a)
        }
        let d = a - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        return marsagliaTsang(d: d, c: c, r)
    }

    /// Marsaglia–Tsang's loop for shape a ≥ 1, given d = a − 1/3 and c = 1/√(9d). The first
    /// candidate's squeeze (most draws) is inlined into the callers; the rest, with the same
    /// draws, out of line.
    @inlinable @inline(__always)
    static func marsagliaTsang(d: Double, c: Double, _ r: RandomStream) -> Double {
        let x = normal(r)
        var v = 1 + c * x
        if v > 0 {
            v = v * v * v
            let w = r.uniform()
            let x2 = x * x
            if w < 1 - 0.0331 * x2 * x2 { return d * v }
            if log(w) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
        return marsagliaTsangLoop(d: d, c: c, r)
    }

    /// Marsaglia–Tsang's loop from a fresh candidate.
    @usableFromInline @inline(never)
    static func marsagliaTsangLoop(d: Double, c: Double, _ r: RandomStream) -> Double {
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = normal(r)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let w = r.uniform()
            let x2 = x * x
            if w < 1 - 0.0331 * x2 * x2 { return d * v }
            if log(w) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
    }
}
