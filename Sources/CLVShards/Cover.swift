import CLVEngine

/// Checks that parts form exactly one cover of a run's rows: no gap, no row twice.
enum Cover {
    struct Piece {
        var path: String
        var shard: Int, shards: Int
        var rows: Range<Int>
    }

    /// `what` names the rows in messages ("trials", "Sobol design rows").
    static func check(_ pieces: [Piece], total n: Int, what: String) throws(PartError) {
        // Same shard twice (also catches two empty shards of a split with more shards than trials).
        var seen: [String: String] = [:]
        for p in pieces {
            let key = "\(p.shard)/\(p.shards)"
            if let first = seen[key] {
                throw PartError(p.path, first == p.path ? "given twice" : "duplicate part: shard \(key) (\(what) \(text(p.rows))) is also \(first)")
            }
            seen[key] = p.path
        }
        let sorted = pieces.filter { !$0.rows.isEmpty }.sorted { ($0.rows.lowerBound, $0.rows.upperBound) < ($1.rows.lowerBound, $1.rows.upperBound) }
        var next = 0
        var previous: Piece? = nil
        for p in sorted {
            if p.rows.lowerBound < next, let q = previous {
                throw p.rows == q.rows
                    ? PartError(p.path, "duplicate part: \(what) \(text(p.rows)) are also in \(q.path)")
                    : PartError(p.path, "overlapping parts: \(what) \(text(p.rows)) overlap \(text(q.rows)) of \(q.path)")
            }
            if p.rows.lowerBound > next { throw missing(next..<p.rows.lowerBound, pieces, total: n, what: what) }
            next = p.rows.upperBound
            previous = p
        }
        if next < n { throw missing(next..<n, pieces, total: n, what: what) }
        if next > n, let q = previous { throw PartError(q.path, "\(what) \(text(q.rows)) go beyond the run's \(n)") }
    }

    /// A gap, named by the shards that should have filled it when the parts agree on a shard count.
    static func missing(_ gap: Range<Int>, _ pieces: [Piece], total n: Int, what: String) -> PartError {
        let counts = Set(pieces.map(\.shards))
        if counts.count == 1, let k = counts.first {
            let have = Set(pieces.map(\.shard))
            let absent = (0..<k).filter { !have.contains($0) && RunRange.of(shard: $0, of: k, rows: n).overlaps(gap) }
            if !absent.isEmpty {
                let names = absent.map { "\($0)/\(k) (\(what) \(text(RunRange.of(shard: $0, of: k, rows: n))))" }
                return PartError(nil, "missing part\(absent.count > 1 ? "s" : ""): no part holds shard \(names.joined(separator: ", ")); "
                                 + "run `clvsim run … --shard \(absent[0])/\(k) --out PART` and merge again")
            }
        }
        return PartError(nil, "missing part: no part holds \(what) \(text(gap)) of \(n)")
    }

    /// `[lo, hi)`: 0-based, end excluded, as `--shard` defines them.
    static func text(_ r: Range<Int>) -> String { "[\(r.lowerBound), \(r.upperBound))" }
}
