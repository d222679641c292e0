extension Int64 {
    /// `self + x`, saturating at Int64.max instead of trapping. Counts are bounded far below
    /// (≤ 10^15 initial per state, ≤ 10^15 arrivals per state and period, 1,200 periods:
    /// ~10^18 < 9.2·10^18 only for a handful of entry states), so saturation marks a study
    /// beyond the validated limits, where a wrong-but-finite count beats a trap.
    @inlinable @inline(__always) public func addingClamped(_ x: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(x)
        return overflow ? (x > 0 ? .max : .min) : sum
    }
}
