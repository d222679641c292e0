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
    ///
    /// The keys alone are sorted and turned back into values: a key is its value's bit pattern, so
    /// only −0 (whose key is +0's) and NaN (whose payload the key drops) need the order of indices,
    /// and an input with either takes that path.
    public static func ascending(_ x: [Double]) -> [Double] {
        let n = x.count
        if n < 64 || x.contains(where: { $0.isNaN || ($0 == 0 && $0.sign == .minus) }) {
            let o = order(x)
            return o.map { x[$0] }
        }
        var keys = x.map(key), spare = [UInt64](repeating: 0, count: n)
        keys.withUnsafeMutableBufferPointer { k0 in
            spare.withUnsafeMutableBufferPointer { k1 in
                if radix(k0, k1, nil, nil) { for j in 0..<n { k0[j] = k1[j] } }
            }
        }
        return keys.map { k in Double(bitPattern: k >> 63 != 0 ? k & ~(1 << 63) : ~k) }
    }

    /// Sorts `keys` (and `index` beside them, when given) by six stable passes of 11-bit digits,
    /// ping-ponging with `spareKeys` (and `spareIndex`); true when the result ended in the spares.
    /// The six digits' counts are taken in one pass over the keys.
    private static func radix(_ keys: UnsafeMutableBufferPointer<UInt64>, _ spareKeys: UnsafeMutableBufferPointer<UInt64>,
                              _ index: UnsafeMutableBufferPointer<Int>?, _ spareIndex: UnsafeMutableBufferPointer<Int>?) -> Bool {
        let n = keys.count
        // 32-bit counts (n < 2^32): half the memory to clear and to sum than Int's.
        precondition(n < 1 << 32)
        let counts = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 6 * 2048)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0)
        for j in 0..<n {
            let k = keys[j]
            counts[Int(k & 2047)] &+= 1
            counts[2048 + Int((k >> 11) & 2047)] &+= 1
            counts[4096 + Int((k >> 22) & 2047)] &+= 1
            counts[6144 + Int((k >> 33) & 2047)] &+= 1
            counts[8192 + Int((k >> 44) & 2047)] &+= 1
            counts[10240 + Int(k >> 55)] &+= 1
        }
        var (srcK, dstK, srcI, dstI) = (keys, spareKeys, index, spareIndex)
        var swapped = false
        for pass in 0..<6 {
            let c = UnsafeMutableBufferPointer(rebasing: counts[(pass * 2048)..<((pass + 1) * 2048)])
            let shift = UInt64(11 * pass)
            if Int(c[Int((srcK[0] >> shift) & 2047)]) == n { continue }       // every key shares this digit
            var sum: UInt32 = 0
            for d in 0..<2048 { let t = c[d]; c[d] = sum; sum &+= t }
            if let si = srcI, let di = dstI {
                for j in 0..<n {
                    let d = Int((srcK[j] >> shift) & 2047)
                    let at = c[d]
                    c[d] = at &+ 1
                    dstK[Int(at)] = srcK[j]
                    di[Int(at)] = si[j]
                }
                (srcI, dstI) = (di, si)
            } else {
                for j in 0..<n {
                    let d = Int((srcK[j] >> shift) & 2047)
                    let at = c[d]
                    c[d] = at &+ 1
                    dstK[Int(at)] = srcK[j]
                }
            }
            (srcK, dstK) = (dstK, srcK)
            swapped.toggle()
        }
        return swapped
    }

    /// Indices of `x` in ascending order of value, ties in index order.
    public static func order(_ x: [Double]) -> [Int] {
        let n = x.count
        if n < 64 { return x.indices.sorted { (key(x[$0]), $0) < (key(x[$1]), $1) } }
        var keys = x.map(key), keys2 = [UInt64](repeating: 0, count: n)
        var idx = Array(0..<n), idx2 = [Int](repeating: 0, count: n)
        keys.withUnsafeMutableBufferPointer { k0 in
        keys2.withUnsafeMutableBufferPointer { k1 in
        idx.withUnsafeMutableBufferPointer { i0 in
        idx2.withUnsafeMutableBufferPointer { i1 in
            if radix(k0, k1, i0, i1) { for j in 0..<n { i0[j] = i1[j] } }
        }}}}
        return idx
    }
}
