import CLVNumerics

/// A period's revenue Gamma sums of every segment, eight at a time in the lanes
/// (`BinomialLanes.gammaFirst`), the few the lanes leave by the scalar sampler from the same
/// stream. Each draw has its own stream (its state's, period's and trial's: `StreamBases`), so
/// pooling the states of all segments into the same calls changes no draw: bank-small's four
/// segments of three revenue states take two calls a period instead of four.
///
/// `SegmentSimulator.finishDraws` adds its states' draws; `flush` makes those still waiting. Each
/// draw's value, scale · Gamma(shape, 1), goes to the place its segment gave: the segment reads it
/// in `finishCash`, after the flush.
final class RevenueDraws {
    private let W = BinomialLanes.width
    private let bases: UnsafeMutableBufferPointer<UInt64>
    private let shape: UnsafeMutableBufferPointer<Double>
    private let out: UnsafeMutableBufferPointer<Double>
    private let scale: UnsafeMutableBufferPointer<Double>
    private let target: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>?>
    private var waiting = 0

    init() {
        bases = .allocate(capacity: W)
        bases.initialize(repeating: 0)
        shape = .allocate(capacity: W)
        shape.initialize(repeating: 1)
        out = .allocate(capacity: W)
        out.initialize(repeating: 0)
        scale = .allocate(capacity: W)
        scale.initialize(repeating: 0)
        target = .allocate(capacity: W)
        target.initialize(repeating: nil)
    }

    deinit {
        bases.deallocate()
        shape.deallocate()
        out.deallocate()
        scale.deallocate()
        target.deallocate()
    }

    /// A Gamma(shape, scale) draw (shape ≥ 1) from the stream with seed base `base`, into `into`.
    @inline(__always)
    func add(base: UInt64, shape a: Double, scale s: Double, into: UnsafeMutablePointer<Double>,
             lanes: BinomialLanes, stream: RandomStream, trialMix: UInt64) {
        bases[waiting] = base
        shape[waiting] = a
        scale[waiting] = s
        target[waiting] = into
        waiting += 1
        if waiting == W { flush(lanes: lanes, stream: stream, trialMix: trialMix) }
    }

    /// Draws what is waiting.
    func flush(lanes: BinomialLanes, stream: RandomStream, trialMix: UInt64) {
        let count = waiting
        guard count > 0 else { return }
        waiting = 0
        let done = lanes.gammaFirst(bases: bases.baseAddress!, trialMix: trialMix, shape: shape.baseAddress!,
                                    active: UInt32(1 << count) - 1, out: out.baseAddress!)
        for l in 0..<count {
            if (done >> l) & 1 != 0 {
                target[l]!.pointee = scale[l] * out[l]
            } else {
                stream.reset(raw: StreamBases.raw(bases[l], trialMix: trialMix))
                target[l]!.pointee = stream.gamma(shape: shape[l], scale: scale[l])
            }
        }
    }
}
