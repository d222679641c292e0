/// Stable least-significant-digit radix sorts of Doubles: what `sorted()` and
/// `indices.sorted { (x[$0], $0) < (x[$1], $1) }` give, in O(n) — the analysis sorts every
/// plan's NPVs, every period's values and every input column (twice) of 10⁴–10⁶ trials.
///
/// A Double maps to a 64-bit key whose unsigned order is the numeric order (sign bit flipped
/// for positives, every bit for negatives); −0 and +0 share a key (they compare equal, and ties
/// keep their input order, as in the stable comparison sorts they replace); NaN sorts last.
/// 11-bit digits, six passes, a pass skipped when every key has the same digit.
public enum Sorting {
    @inline(__always)
    static func key(_ x: Double) -> UInt64 {
        if x.isNaN { return .max }
        let b = (x + 0.0).bitPattern            // −0 + 0 = +0
        return b >> 63 != 0 ? ~b : b | (1 << 63)
    }

    /// The values of `x` in ascending order (stable).
    public static func ascending(_ x: [Double]) -> [Double] {
        let o = order(x)
        return o.map { x[$0] }
    }

    /// Indices of `x` in ascending order of value, ties in index order.
    public static func order(_ x: [Double]) -> [Int] {
        let n = x.count
        if n < 64 { return x.indices.sorted { (key(x[$0]), $0) < (key(x[$1]), $1) } }
        var keys = x.map(key), keys2 = [UInt64](repeating: 0, count: n)
        var idx = Array(0..<n), idx2 = [Int](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 2048)
        keys.withUnsafeMutableBufferPointer { k0 in
        keys2.withUnsafeMutableBufferPointer { k1 in
        idx.withUnsafeMutableBufferPointer { i0 in
        idx2.withUnsafeMutableBufferPointer { i1 in
        counts.withUnsafeMutableBufferPointer { c in
            var (srcK, dstK, srcI, dstI) = (k0, k1, i0, i1)
            var shift: UInt64 = 0
            while shift < 64 {
                for d in 0..<2048 { c[d] = 0 }
                for j in 0..<n { c[Int((srcK[j] >> shift) & 2047)] += 1 }
                if c[Int((srcK[0] >> shift) & 2047)] != n {        // else every key shares this digit
                    var sum = 0
                    for d in 0..<2048 { let t = c[d]; c[d] = sum; sum += t }
                    for j in 0..<n {
                        let d = Int((srcK[j] >> shift) & 2047)
                        let at = c[d]
                        c[d] = at + 1
                        dstK[at] = srcK[j]
                        dstI[at] = srcI[j]
                    }
                    swap(&srcK, &dstK)
                    swap(&srcI, &dstI)
                }
                shift += 11
            }
            if srcI.baseAddress != i0.baseAddress { for j in 0..<n { i0[j] = srcI[j] } }
        }}}}}
        return idx
    }
}
