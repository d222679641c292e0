/// One segment's parameter vectors in one trial: the base values gathered from the draws, the
/// values at full effect, and their blend at an effect weight (`SegmentModel.blend`). Owned by
/// one worker (or one expected-value path) and reused for every segment and trial: no
/// allocation per trial or period.
final class SegmentParameters {
    private let storage: UnsafeMutableBufferPointer<Double>
    private let width: Int
    /// Parameter count of the segment loaded last.
    private(set) var count = 0
    /// Full-effect vectors: one per owner (a portfolio's member plans), else one.
    private let owners: Int
    /// A portfolio trial's weights per owner and period (`ScenarioModel.TrialPlan.ownerWeights`).
    private var ownerWeights: [Double] = []

    /// Room for any segment of `model`.
    init(for model: ScenarioModel) {
        width = max(model.segments.map(\.count).max() ?? 1, 1)
        owners = model.owners
        storage = .allocate(capacity: (2 + owners) * width)
        storage.initialize(repeating: 0)
    }

    deinit { storage.deallocate() }

    private func slice(_ k: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: storage[(k * width)..<(k * width + count)])
    }
    var base: UnsafeMutableBufferPointer<Double> { slice(0) }
    var full: UnsafeMutableBufferPointer<Double> { slice(1) }
    var current: UnsafeMutableBufferPointer<Double> { slice(1 + owners) }
    private var fulls: [UnsafeMutableBufferPointer<Double>] { (0..<owners).map { slice(1 + $0) } }

    /// Gathers segment `m`'s base parameters from `draws` and, when `levers` is set, its
    /// parameters at full effect.
    /// A portfolio passes the trial's `plan` (its owners' weights).
    func load(_ m: SegmentModel, _ draws: UnsafeBufferPointer<Double>, levers: Bool,
              plan: ScenarioModel.TrialPlan? = nil) {
        count = m.count
        m.base(draws, into: base)
        if owners > 1 {
            ownerWeights = plan?.ownerWeights ?? []
            if levers { m.fullByOwner(draws, base: UnsafeBufferPointer(base), into: fulls) }
            return
        }
        if levers { m.full(draws, base: UnsafeBufferPointer(base), into: full) }
    }

    /// The parameters at effect weight `w` (ramp weight times effect scale), in `current`.
    @discardableResult
    func blend(_ m: SegmentModel, weight w: Double) -> UnsafeBufferPointer<Double> {
        if owners > 1 {
            // w is the period's key (ScenarioModel.weight(_:plan:)): 0, or 1 + the row of ownerWeights.
            let row = Int(w) - 1
            if w == 0 || ownerWeights.isEmpty {
                for k in 0..<count { current[k] = base[k] }
            } else {
                m.blend(base: UnsafeBufferPointer(base), fulls: fulls, weights: ownerWeights[(row * owners)..<((row + 1) * owners)],
                        into: current)
            }
            return UnsafeBufferPointer(current)
        }
        m.blend(base: UnsafeBufferPointer(base), full: UnsafeBufferPointer(full), weight: w, into: current)
        return UnsafeBufferPointer(current)
    }
}
