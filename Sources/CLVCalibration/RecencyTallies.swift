/// What a transaction log's recency × frequency states need of each customer, counted as the
/// purchases stream past: a fixed number of numbers per customer, whatever its rows.
///
/// A customer's moves between recency states follow from the gaps between its purchase periods
/// (a gap of g periods without a purchase: r0 → r1 → … → r_min(g,K), rK → rK for the rest, then
/// back to r0), so it keeps, per customer:
///
/// - its first and last counted purchase period and the number of purchase periods counted;
/// - the gap after each of its first F − 1 purchases (each at its own frequency class), and at
///   frequency class F a histogram of the gaps (0 … K−1, and K or more) with the periods spent in
///   rK beyond the first;
/// - the amounts of its first F − 1 purchase periods, and at class F their count, sum, sum of
///   squares and minimum (the values' means, spreads and signs);
/// - its latest `window` purchase periods, uncounted: the newest still sums its rows, and with
///   `--holdout N` (window N) the held-out periods' purchases are among them, so the backtest's cut
///   and the actual figures after it come from the same read.
///
/// A purchase period leaves the window, and is counted, when a later one arrives; so the rows of a
/// customer must come in period order (any order between customers, and within a period). A row
/// for an earlier period than the customer's latest is reported by `add` (false): the caller then
/// reads the log whole instead. Memory is one record per customer, in blocks of 2^16 customers (no
/// array doubling, no per-customer allocation).
final class RecencyTallies {
    let recency: Int
    let frequency: Int
    let lapseIsChurn: Bool
    /// Purchase periods each customer keeps uncounted (at least 1).
    let window: Int

    // Int32 record: header, gaps of classes 1 ..< F, histogram of class F (K + 1) and its rK
    // self-loops, the window's periods. Double record: amounts of classes 1 ..< F; count's
    // companions at class F (sum, sum of squares, minimum); the window's amounts.
    static let first = 0, last = 1, buys = 2, flags = 3, head = 4, held = 5, header = 6
    private let gaps: Int, hist: Int, loops: Int, ring: Int, intStride: Int
    private let amounts = 0, sum: Int, sumSq: Int, minimum: Int, ringAmounts: Int, doubleStride: Int
    /// Int32 slots of the counted part (copied into the scratch record to replay the window).
    private let countedInts: Int, countedDoubles: Int

    private static let blockShift = 16, blockSize = 1 << 16
    private var intBlocks: [UnsafeMutablePointer<Int32>] = []
    private var doubleBlocks: [UnsafeMutablePointer<Double>] = []
    private(set) var count = 0

    /// A customer's counted part at a cut (the store's, plus the window's purchases up to the cut).
    private let scratchInts: UnsafeMutablePointer<Int32>
    private let scratchDoubles: UnsafeMutablePointer<Double>

    init(recency K: Int, frequency F: Int, lapseIsChurn: Bool, window: Int) {
        recency = K
        frequency = F
        self.lapseIsChurn = lapseIsChurn
        self.window = max(window, 1)
        gaps = Self.header
        hist = gaps + (F - 1)
        loops = hist + K + 1
        ring = loops + 1
        countedInts = ring
        intStride = ring + self.window
        sum = F - 1
        sumSq = sum + 1
        minimum = sum + 2
        ringAmounts = sum + 3
        countedDoubles = ringAmounts
        doubleStride = ringAmounts + self.window
        scratchInts = .allocate(capacity: countedInts)
        scratchDoubles = .allocate(capacity: countedDoubles)
    }

    deinit {
        for b in intBlocks { b.deallocate() }
        for b in doubleBlocks { b.deallocate() }
        scratchInts.deallocate()
        scratchDoubles.deallocate()
    }

    @inline(__always) private func ints(_ k: Int) -> UnsafeMutablePointer<Int32> {
        intBlocks[k >> Self.blockShift] + (k & (Self.blockSize - 1)) * intStride
    }
    @inline(__always) private func doubles(_ k: Int) -> UnsafeMutablePointer<Double> {
        doubleBlocks[k >> Self.blockShift] + (k & (Self.blockSize - 1)) * doubleStride
    }

    /// A new customer (index `count`), with nothing counted.
    func append() {
        if count & (Self.blockSize - 1) == 0 {
            let i = UnsafeMutablePointer<Int32>.allocate(capacity: Self.blockSize * intStride)
            let d = UnsafeMutablePointer<Double>.allocate(capacity: Self.blockSize * doubleStride)
            i.initialize(repeating: 0, count: Self.blockSize * intStride)
            d.initialize(repeating: 0, count: Self.blockSize * doubleStride)
            intBlocks.append(i)
            doubleBlocks.append(d)
        }
        let d = doubles(count)
        d[minimum] = .infinity
        count += 1
    }

    /// Adds a row of customer `k`: period `p`, amount `x`. False when `p` is before the customer's
    /// latest purchase period (the log is not in period order per customer): nothing is changed.
    @inline(__always) func add(_ k: Int, period p: Int32, amount x: Double) -> Bool {
        let r = ints(k), d = doubles(k)
        let n = Int(r[Self.held])
        if n > 0 {
            let newest = (Int(r[Self.head]) + n - 1) % window
            let q = r[ring + newest]
            if q == p { d[ringAmounts + newest] += x; return true }
            if q > p { return false }
        }
        if n == window {
            // The oldest leaves the window and is counted.
            let h = Int(r[Self.head])
            count(r, d, period: r[ring + h], amount: d[ringAmounts + h])
            r[ring + h] = p
            d[ringAmounts + h] = x
            r[Self.head] = Int32((h + 1) % window)
        } else {
            let slot = (Int(r[Self.head]) + n) % window
            r[ring + slot] = p
            d[ringAmounts + slot] = x
            r[Self.held] = Int32(n + 1)
        }
        return true
    }

    /// Counts one purchase period (in period order) into a record's counted part.
    @inline(__always) private func count(_ r: UnsafeMutablePointer<Int32>, _ d: UnsafeMutablePointer<Double>, period p: Int32, amount x: Double) {
        let F = frequency, K = recency
        let b = Int(r[Self.buys])
        if b == 0 {
            r[Self.first] = p
        } else {
            // A lapse that is churn absorbs: later purchases are not counted.
            if r[Self.flags] & 1 != 0 { return }
            let g = Int(p - r[Self.last]) - 1
            if lapseIsChurn && g >= K { r[Self.flags] |= 1; return }
            if b < F {
                r[gaps + b - 1] = Int32(g + 1)
            } else {
                r[hist + min(g, K)] += 1
                if g > K { r[loops] += Int32(g - K) }
            }
        }
        r[Self.buys] = Int32(b + 1)
        r[Self.last] = p
        if b + 1 < F {
            d[amounts + b] = x
        } else {
            d[sum] += x
            d[sumSq] += x * x
            d[minimum] = min(d[minimum], x)
        }
    }

    /// Customer `k`'s counted part at `cut` in the scratch record: the counted purchases and those
    /// of the window up to the cut. False when the customer's first purchase is after the cut.
    private func atCut(_ k: Int, _ cut: Int) -> Bool {
        let r = ints(k), d = doubles(k)
        scratchInts.update(from: r, count: countedInts)
        scratchDoubles.update(from: d, count: countedDoubles)
        let h = Int(r[Self.head]), n = Int(r[Self.held])
        for j in 0..<n {
            let s = (h + j) % window
            guard Int(r[ring + s]) <= cut else { break }
            count(scratchInts, scratchDoubles, period: r[ring + s], amount: d[ringAmounts + s])
        }
        return scratchInts[Self.buys] > 0
    }

    /// Customer `k`'s moves up to `cut` as distinct cells (from·S + to, ascending) with their counts,
    /// with the state at the cut and the customer-periods observed; nil when it first bought after
    /// the cut. `index(r, f)` numbers the states.
    func moves(_ k: Int, cut: Int, index: (Int, Int) -> Int, cells: inout [Int32], counts: inout [Int32]) -> MoveSummary? {
        guard atCut(k, cut) else { return nil }
        cells.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        let r = scratchInts, F = frequency, K = recency
        let S = Int32((K + 1) * F)
        func add(_ a: Int, _ b: Int, _ n: Int32) {
            guard n > 0 else { return }
            Self.count(Int32(a) * S + Int32(b), n, &cells, &counts)
        }
        /// The walk from a purchase at class f through g periods without one, n times; `back`: and the return.
        func gap(_ g: Int, _ f: Int, _ n: Int32, back: Bool) {
            let reach = min(g, K)
            for i in 0..<reach { add(index(i, f), index(i + 1, f), n) }
            if back { add(index(reach, f), index(0, min(f + 1, F)), n) }
        }
        let buys = Int(r[Self.buys])
        // The gap after the f-th purchase, for f < F (set once that gap has ended in a purchase).
        for f in 1..<F {
            let g = Int(r[gaps + f - 1]) - 1
            if g >= 0 { gap(g, f, 1, back: true) }
            if g > K { add(index(K, f), index(K, f), Int32(g - K)) }
        }
        for g in 0...K where r[hist + g] > 0 { gap(g, F, r[hist + g], back: true) }
        add(index(K, F), index(K, F), r[loops])
        let f = min(buys, F), first = Int(r[Self.first]), last = Int(r[Self.last])
        var t: Int, state: Int
        if r[Self.flags] & 1 != 0 || (lapseIsChurn && cut - last >= K) {
            // Absorbed K periods after the last counted purchase.
            gap(K, f, 1, back: false)
            t = last + K
            state = index(K, f)
        } else {
            let steps = cut - last
            gap(steps, f, 1, back: false)
            if steps > K { add(index(K, f), index(K, f), Int32(steps - K)) }
            t = cut
            state = index(min(steps, K), f)
        }
        return MoveSummary(segment: 0, atCut: t == cut ? Int32(state) : -1, periods: t - first + 1)
    }

    /// Customer `k`'s purchase periods up to `cut` summed per frequency class (the only states with
    /// revenue): `sums[f − 1]`. Nil when it first bought after the cut; else its first period.
    func values(_ k: Int, cut: Int, into sums: inout [ValueSum]) -> Int? {
        guard atCut(k, cut) else { return nil }
        let r = scratchInts, d = scratchDoubles, F = frequency
        let buys = Int(r[Self.buys])
        sums.removeAll(keepingCapacity: true)
        for f in 1..<F where f <= buys {
            let x = d[amounts + f - 1]
            sums.append(ValueSum(level: f, count: 1, sum: x, sumSq: x * x, minimum: x))
        }
        if buys >= F {
            sums.append(ValueSum(level: F, count: buys - F + 1, sum: d[sum], sumSq: d[sumSq], minimum: d[minimum]))
        }
        return Int(r[Self.first])
    }

    /// Customer `k`'s amount in period `p`, if it bought then and `p` is in its window.
    func windowAmount(_ k: Int, period p: Int) -> Double? {
        let r = ints(k), d = doubles(k)
        let h = Int(r[Self.head]), n = Int(r[Self.held])
        for j in 0..<n {
            let s = (h + j) % window
            if Int(r[ring + s]) == p { return d[ringAmounts + s] }
        }
        return nil
    }

    @inline(__always) static func count(_ ab: Int32, _ n: Int32, _ cells: inout [Int32], _ counts: inout [Int32]) {
        var j = 0
        while j < cells.count && cells[j] < ab { j += 1 }
        if j < cells.count && cells[j] == ab { counts[j] += n } else { cells.insert(ab, at: j); counts.insert(n, at: j) }
    }
}

/// A customer's purchases at one frequency class, summed.
struct ValueSum {
    var level: Int
    var count: Int
    var sum: Double
    var sumSq: Double
    var minimum: Double
}
