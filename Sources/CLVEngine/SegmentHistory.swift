/// A baseline segment's path in the current trial, kept so that a plan can take over the
/// periods in which it is provably identical (see `TrialSimulator.reuse`).
final class SegmentHistory {
    let S: Int, T: Int
    /// Base parameter vector of the trial.
    var base: [Double]
    /// counts[t·S + s] at the end of period t, t = 0...T.
    let counts: UnsafeMutableBufferPointer<Int64>
    let cash: UnsafeMutableBufferPointer<Double>
    let overflows: UnsafeMutableBufferPointer<Int>

    init(states S: Int, horizon T: Int, parameters n: Int) {
        self.S = S
        self.T = T
        base = [Double](repeating: 0, count: n)
        counts = .allocate(capacity: (T + 1) * S)
        cash = .allocate(capacity: T + 1)
        overflows = .allocate(capacity: T + 1)
    }

    deinit {
        counts.deallocate()
        cash.deallocate()
        overflows.deallocate()
    }
}
