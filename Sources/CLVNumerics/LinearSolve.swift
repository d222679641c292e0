internal import CGSL

/// Dense linear algebra through GSL (LU with partial pivoting).
public enum LinearSolve {
    /// Solves A x = b for a row-major n×n matrix A. Returns nil when A is singular.
    public static func solve(_ a: [Double], n: Int, _ b: [Double]) -> [Double]? {
        precondition(a.count == n * n && b.count == n)
        if n == 0 { return [] }
        var m = a, rhs = b, x = [Double](repeating: 0, count: n)
        let perm = gsl_permutation_alloc(n)
        defer { gsl_permutation_free(perm) }
        var sign: Int32 = 0
        let ok: Bool = m.withUnsafeMutableBufferPointer { mp in
            rhs.withUnsafeMutableBufferPointer { bp in
                x.withUnsafeMutableBufferPointer { xp in
                    var mv = gsl_matrix_view_array(mp.baseAddress, n, n)
                    var bv = gsl_vector_view_array(bp.baseAddress, n)
                    var xv = gsl_vector_view_array(xp.baseAddress, n)
                    guard gsl_linalg_LU_decomp(&mv.matrix, perm, &sign) == GSL_SUCCESS else { return false }
                    // A zero pivot means singular; GSL's solve would divide by it.
                    for i in 0..<n where gsl_matrix_get(&mv.matrix, i, i) == 0 { return false }
                    return gsl_linalg_LU_solve(&mv.matrix, perm, &bv.vector, &xv.vector) == GSL_SUCCESS
                }
            }
        }
        return ok && x.allSatisfy(\.isFinite) ? x : nil
    }
}
