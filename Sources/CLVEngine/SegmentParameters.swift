/// One segment's parameter vectors in one trial: the base values gathered from the draws, the
/// values at full effect, and their blend at an effect weight (`SegmentModel.blend`). Owned by
/// one worker (or one expected-value path) and reused for every segment and trial: no
/// allocation per trial or period.
final class SegmentParameters {
    private let storage: UnsafeMutableBufferPointer<Double>
    private let width: Int
    /// Parameter count of the segment loaded last.
    private(set) var count = 0

    /// Room for any segment of `model`.
    init(for model: ScenarioModel) {
        width = max(model.segments.map(\.count).max() ?? 1, 1)
        storage = .allocate(capacity: 3 * width)
        storage.initialize(repeating: 0)
    }

    deinit { storage.deallocate() }

    private func slice(_ k: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: storage[(k * width)..<(k * width + count)])
    }
    var base: UnsafeMutableBufferPointer<Double> { slice(0) }
    var full: UnsafeMutableBufferPointer<Double> { slice(1) }
    var current: UnsafeMutableBufferPointer<Double> { slice(2) }

    /// Gathers segment `m`'s base parameters from `draws` and, when `levers` is set, its
    /// parameters at full effect.
    func load(_ m: SegmentModel, _ draws: UnsafeBufferPointer<Double>, levers: Bool) {
        count = m.count
        m.base(draws, into: base)
        if levers { m.full(draws, base: UnsafeBufferPointer(base), into: full) }
    }

    /// The parameters at effect weight `w` (ramp weight times effect scale), in `current`.
    @discardableResult
    func blend(_ m: SegmentModel, weight w: Double) -> UnsafeBufferPointer<Double> {
        m.blend(base: UnsafeBufferPointer(base), full: UnsafeBufferPointer(full), weight: w, into: current)
        return UnsafeBufferPointer(current)
    }
}
