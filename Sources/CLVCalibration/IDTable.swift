/// Customer ids → dense indices 0, 1, 2, … in order of first appearance.
///
/// An open-addressing hash table over the ids' bytes (FNV-1a, linear probing, at most half
/// full), with the ids kept in one byte arena: a `[String: Int]` spent a third of a 10-million-row
/// read hashing, allocating and resizing.
struct IDTable {
    private var slots = [Int32](repeating: -1, count: 1 << 16)
    private var mask = (1 << 16) - 1
    private var hashes: [UInt64] = []
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]

    var count: Int { hashes.count }

    @inline(__always) static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for x in b { h = (h ^ UInt64(x)) &* 0x0000_0100_0000_01b3 }
        // Final mix (SplitMix64's): FNV's low bits are weak for short, similar ids.
        h ^= h >> 30; h &*= 0xbf58_476d_1ce4_e5b9
        h ^= h >> 27; h &*= 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    /// The index of `id`, adding it when new.
    mutating func index(_ id: UnsafeBufferPointer<UInt8>) -> (index: Int, isNew: Bool) {
        let h = Self.hash(id)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = Int(slots[i])
            if k < 0 { break }
            if hashes[k] == h && equal(k, id) { return (k, false) }
            i = (i + 1) & mask
        }
        let k = hashes.count
        slots[i] = Int32(k)
        hashes.append(h)
        arena.append(contentsOf: id)
        starts.append(arena.count)
        if 2 * hashes.count > slots.count { grow() }
        return (k, true)
    }

    private func equal(_ k: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = starts[k], n = starts[k + 1] - a
        guard n == id.count else { return false }
        for j in 0..<n where arena[a + j] != id[j] { return false }
        return true
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (k, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(k)
        }
    }

    /// The id of index `k`.
    func id(_ k: Int) -> String { String(decoding: arena[starts[k]..<starts[k + 1]], as: UTF8.self) }
}
