internal import CGSL

/// Dense linear algebra through GSL (LU with partial pivoting).
public enum LinearSolve {
    /// Solves A x = b for a row-major n×n matrix A. Returns nil when A is singular.
    public static func solve(_ a: [Double], n: Int, _ b: [Double]) -> [Double]? {
        precondition(a.count == n * n && b.count == n)
        if n == 0 { return [] }
        let w = Workspace(capacity: n)
        for i in 0..<(n * n) { w.a[i] = a[i] }
        for i in 0..<n { w.b[i] = b[i] }
        return w.solve(n: n) ? Array(w.x[0..<n]) : nil
    }

    /// Buffers for repeated solves of systems up to `capacity` unknowns, with no allocation
    /// per solve (the engine values the customers alive at the horizon in every trial, segment
    /// and scenario). Not thread-safe: one per worker.
    public final class Workspace {
        public let capacity: Int
        /// A (row-major n×n, overwritten by its LU factors), b and the solution x.
        public let a: UnsafeMutableBufferPointer<Double>
        public let b: UnsafeMutableBufferPointer<Double>
        public let x: UnsafeMutableBufferPointer<Double>
        /// GSL's LU wants a permutation of exactly n: one per size, allocated on first use.
        private var perms: [UnsafeMutablePointer<gsl_permutation>?]

        public init(capacity: Int) {
            self.capacity = max(capacity, 1)
            a = .allocate(capacity: self.capacity * self.capacity)
            b = .allocate(capacity: self.capacity)
            x = .allocate(capacity: self.capacity)
            perms = Array(repeating: nil, count: self.capacity)
        }

        deinit {
            a.deallocate(); b.deallocate(); x.deallocate()
            for case let p? in perms { gsl_permutation_free(p) }
        }

        /// Solves A x = b for the first n×n of `a` and n of `b` (LU with partial pivoting);
        /// false when A is singular or x is not finite.
        public func solve(n: Int) -> Bool {
            precondition(n >= 1 && n <= capacity)
            var sign: Int32 = 0
            let perm = perms[n - 1] ?? gsl_permutation_alloc(n)!
            perms[n - 1] = perm
            var mv = gsl_matrix_view_array(a.baseAddress, n, n)
            var bv = gsl_vector_view_array(b.baseAddress, n)
            var xv = gsl_vector_view_array(x.baseAddress, n)
            guard gsl_linalg_LU_decomp(&mv.matrix, perm, &sign) == GSL_SUCCESS else { return false }
            // A zero pivot means singular; GSL's solve would divide by it.
            for i in 0..<n where gsl_matrix_get(&mv.matrix, i, i) == 0 { return false }
            guard gsl_linalg_LU_solve(&mv.matrix, perm, &bv.vector, &xv.vector) == GSL_SUCCESS else { return false }
            return (0..<n).allSatisfy { x[$0].isFinite }
        }
    }
}
