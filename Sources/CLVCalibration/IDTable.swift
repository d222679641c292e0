/// Customer ids → dense indices 0, 1, 2, … in order of first appearance.
///
/// An open-addressing hash table (linear probing, at most half full) whose slots hold the id's
/// first 8 bytes, its length and a hash tag beside the index, so that a lookup of an id of at most
/// 8 bytes (most customer numbers) touches one slot and nothing else; longer ids are compared
/// with the copy kept in one byte arena. With 1 M customers the table is far larger than the
/// caches and each lookup is a cache miss: the earlier layout (slot → hash → offset → bytes) took
/// four, and a fifth of a 10-million-row read.
struct IDTable {
    struct Slot {
        /// The id's first 8 bytes, little-endian, zero-padded.
        var word: UInt64 = 0
        /// Index + 1 (0: empty).
        var index: UInt32 = 0
        /// Length in the low 8 bits (255: 255 or more), the hash's top 24 bits above.
        var tag: UInt32 = 0
    }

    private var slots = [Slot](repeating: Slot(), count: 1 << 16)
    private var mask = (1 << 16) - 1
    private(set) var count = 0
    /// Every id's bytes (for ids longer than 8 bytes, and for `id(_:)`), and the slot hash of each.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []

    @inline(__always) static func word(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> UInt64 {
        var w: UInt64 = 0
        let n = min(8, b.count - from)
        for j in 0..<n { w |= UInt64(b[from + j]) << (8 * UInt64(j)) }
        return w
    }

    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 30; h &*= 0xbf58_476d_1ce4_e5b9
        h ^= h >> 27; h &*= 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    @inline(__always) static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = UInt64(b.count) &* 0x9e37_79b9_7f4a_7c15
        var i = 0
        repeat {
            h = mix(h ^ word(b, from: i))
            i += 8
        } while i < b.count
        return h
    }

    /// The index of `id`, adding it when new.
    mutating func index(_ id: UnsafeBufferPointer<UInt8>) -> (index: Int, isNew: Bool) {
        let h = Self.hash(id)
        let w = Self.word(id, from: 0)
        let tag = UInt32(truncatingIfNeeded: h >> 40) << 8 | UInt32(min(id.count, 255))
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s.index == 0 { break }
            if s.word == w && s.tag == tag && (id.count <= 8 || equalTail(Int(s.index) - 1, id)) {
                return (Int(s.index) - 1, false)
            }
            i = (i + 1) & mask
        }
        let k = count
        slots[i] = Slot(word: w, index: UInt32(k + 1), tag: tag)
        count += 1
        arena.append(contentsOf: id)
        starts.append(arena.count)
        hashes.append(h)
        if 2 * count > slots.count { grow() }
        return (k, true)
    }

    private func equalTail(_ k: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = starts[k], n = starts[k + 1] - a
        guard n == id.count else { return false }
        for j in 8..<n where arena[a + j] != id[j] { return false }
        return true
    }

    private mutating func grow() {
        let size = slots.count * 2
        var next = [Slot](repeating: Slot(), count: size)
        let m = size - 1
        for s in slots where s.index != 0 {
            var i = Int(truncatingIfNeeded: hashes[Int(s.index) - 1]) & m
            while next[i].index != 0 { i = (i + 1) & m }
            next[i] = s
        }
        slots = next
        mask = m
    }

    /// The id of index `k`.
    func id(_ k: Int) -> String { String(decoding: arena[starts[k]..<starts[k + 1]], as: UTF8.self) }
}
