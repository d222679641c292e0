import Dispatch

/// `map` over every core, for independent, pure computations: each element's result is
/// computed alone and stored at its own index, so the output never depends on scheduling.
extension Array where Element: Sendable {
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let out = ResultSlots<T>(count)
        let elements = self
        DispatchQueue.concurrentPerform(iterations: count) { i in out.set(i, transform(elements[i])) }
        return out.values()
    }
}

/// Slots written once each, at distinct indices, by `parallelMap`'s iterations.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>
    init(_ n: Int) {
        slots = .allocate(capacity: n)
        slots.initialize(repeating: nil)
    }
    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }
    func set(_ i: Int, _ value: T) { slots[i] = value }
    func values() -> [T] { slots.map { $0! } }
}
