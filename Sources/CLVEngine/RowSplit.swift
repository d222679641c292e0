import CLVNumerics

extension Int64 {
    /// `self + x`, saturating at Int64.max instead of trapping. Counts are bounded far below
    /// (≤ 10^15 initial per state, ≤ 10^15 arrivals per state and period, 1,200 periods:
    /// ~10^18 < 9.2·10^18 only for a handful of entry states), so saturation marks a study
    /// beyond the validated limits, where a wrong-but-finite count beats a trap.
    @inline(__always) func addingClamped(_ x: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(x)
        return overflow ? (x > 0 ? .max : .min) : sum
    }
}

/// One row's multinomial split in progress: the moves out of `from` drawn as a chain of
/// binomials, each conditional on what the earlier moves left (p_k / (1 − Σ_{j<k} p_j)).
struct RowSplit {
    let from: Int, total: Int64
    var k: Int, end: Int
    var rest: Int64
    var pRest = 1.0

    init(_ row: SegmentModel.Row, total: Int64) {
        from = row.from
        self.total = total
        k = row.start
        end = total > 0 ? row.start + row.count : row.start
        rest = total
    }

    private init() { from = 0; total = 0; k = 0; end = 0; rest = 0 }
    static let done = RowSplit()

    var finished: Bool { k >= end }

    /// Draws the next move of the chain.
    @inline(__always)
    mutating func step(_ moves: UnsafeMutableBufferPointer<Double>, _ moveTo: [Int],
                       _ next: UnsafeMutableBufferPointer<Int64>, _ stream: RandomStream) {
        let q = moves[k]
        if q > 0 {
            let x = stream.binomial(rest, pRest > 0 ? min(q / pRest, 1) : 1)
            next[moveTo[k]] = next[moveTo[k]].addingClamped(x)
            rest -= x
            if rest == 0 { k = end; return }
        }
        pRest -= q
        k += 1
    }

    /// Takes the movers out of the source state.
    func settle(_ next: UnsafeMutableBufferPointer<Int64>) {
        if total > 0 { next[from] -= total - rest }
    }
}
