internal import CGSL

/// Symmetric matrices through GSL: Cholesky factors, eigen-decompositions, and the repair of a
/// correlation matrix that is not positive semi-definite. Matrices are row-major `[Double]`.
public enum SymmetricMatrix {
    /// The lower-triangular L with A = L·Lᵀ (`gsl_linalg_cholesky_decomp1`); nil when A is not
    /// positive definite.
    public static func cholesky(_ a: [Double], n: Int) -> [Double]? {
        precondition(a.count == n * n)
        if n == 0 { return [] }
        Numerics.silenceGSL()
        var m = a
        let ok: Bool = m.withUnsafeMutableBufferPointer { mp in
            var v = gsl_matrix_view_array(mp.baseAddress, n, n)
            return gsl_linalg_cholesky_decomp1(&v.matrix) == GSL_SUCCESS
        }
        guard ok, m.allSatisfy(\.isFinite) else { return nil }
        for i in 0..<n { for j in (i + 1)..<n where j < n { m[i * n + j] = 0 } }
        return m
    }

    /// Eigenvalues (ascending) and eigenvectors (column k of the row-major `vectors` belongs to
    /// `values[k]`) of a symmetric matrix (`gsl_eigen_symmv`).
    public static func eigen(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
        precondition(a.count == n * n)
        if n == 0 { return ([], []) }
        Numerics.silenceGSL()
        var m = a
        var values = [Double](repeating: 0, count: n), vectors = [Double](repeating: 0, count: n * n)
        m.withUnsafeMutableBufferPointer { mp in
            values.withUnsafeMutableBufferPointer { vp in
                vectors.withUnsafeMutableBufferPointer { ep in
                    var mv = gsl_matrix_view_array(mp.baseAddress, n, n)
                    var vv = gsl_vector_view_array(vp.baseAddress, n)
                    var ev = gsl_matrix_view_array(ep.baseAddress, n, n)
                    let w = gsl_eigen_symmv_alloc(n)
                    defer { gsl_eigen_symmv_free(w) }
                    _ = gsl_eigen_symmv(&mv.matrix, &vv.vector, &ev.matrix, w)
                    _ = gsl_eigen_symmv_sort(&vv.vector, &ev.matrix, GSL_EIGEN_SORT_VAL_ASC)
                }
            }
        }
        return (values, vectors)
    }

    /// Whether the smallest eigenvalue of A is ≥ −`tolerance`.
    public static func isPositiveSemiDefinite(_ a: [Double], n: Int, tolerance: Double = 1e-10) -> Bool {
        n == 0 || eigen(a, n: n).values[0] >= -tolerance
    }

    /// A correlation matrix near `a` that is positive definite ("Higham-lite"): eigenvalues below
    /// `floor` are raised to it (A⁺ = V·max(Λ, floor)·Vᵀ), then A⁺ is rescaled to a unit diagonal
    /// (D^{-1/2}·A⁺·D^{-1/2}). Not Higham's alternating projections, so not the nearest matrix in
    /// the Frobenius norm, but close to it when only a few eigenvalues are negative; every
    /// entry stays in [−1, 1].
    public static func repairedCorrelation(_ a: [Double], n: Int, floor: Double = 1e-6) -> [Double] {
        let (values, vectors) = eigen(a, n: n)
        var b = [Double](repeating: 0, count: n * n)
        for k in 0..<n {
            let l = max(values[k], floor)
            for i in 0..<n {
                let vik = vectors[i * n + k] * l
                for j in 0..<n { b[i * n + j] += vik * vectors[j * n + k] }
            }
        }
        let d = (0..<n).map { b[$0 * n + $0].squareRoot() }
        for i in 0..<n {
            for j in 0..<n { b[i * n + j] = i == j ? 1 : max(-1, min(1, b[i * n + j] / (d[i] * d[j]))) }
        }
        return b
    }
}
