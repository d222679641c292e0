import Foundation
import Testing
@testable import CLVNumerics

/// The radix sorts must give exactly what the comparison sorts they replaced gave.
@Suite("Sorting")
struct SortingTests {
    /// Values with many ties, both zeros, infinities, tiny and huge magnitudes.
    /// Without −0 (`negativeZero: false`), `ascending` sorts the keys alone and turns them back into
    /// values; with it, it sorts by the order of indices.
    static func sample(_ n: Int, seed: UInt64, negativeZero: Bool = true) -> [Double] {
        let s = RandomStream()
        s.reset(raw: seed)
        let specials: [Double] = [0, negativeZero ? -0.0 : 0, .infinity, -.infinity, 1e-310, -1e-310, 1e300, -1e300,
                                  42, 42, -7.5]
        return (0..<n).map { _ in
            switch s.next() % 4 {
            case 0: return specials[Int(s.next() % UInt64(specials.count))]
            case 1: return Double(Int(s.next() % 50)) - 25          // ties
            default: return (s.uniform() - 0.5) * pow(10, Double(Int(s.next() % 40)) - 20)
            }
        }
    }

    @Test("order equals a stable comparison sort by (value, index); ascending equals sorted()",
          arguments: [0, 1, 63, 64, 1_000, 50_000])
    func equalsComparisonSort(n: Int) {
        let x = Self.sample(n, seed: UInt64(n) + 1)
        let expected = x.indices.sorted { (x[$0], $0) < (x[$1], $1) }
        #expect(Sorting.order(x) == expected)
        let asc = Sorting.ascending(x)
        #expect(asc.map(\.bitPattern) == expected.map { x[$0].bitPattern })   // same zeros, in the same order
        #expect(asc == x.sorted())
    }

    @Test("ascending without −0 or NaN (the keys alone) equals sorted(), bit for bit",
          arguments: [64, 1_000, 50_000])
    func keysOnly(n: Int) {
        let x = Self.sample(n, seed: UInt64(n) + 7, negativeZero: false)
        #expect(!x.contains { $0 == 0 && $0.sign == .minus })
        #expect(Sorting.ascending(x).map(\.bitPattern) == x.sorted().map(\.bitPattern))
        let same = [Double](repeating: 3.25, count: 100)          // every pass skipped
        #expect(Sorting.ascending(same) == same)
    }

    @Test("NaN sorts after +infinity")
    func nanLast() {
        let x: [Double] = Array(repeating: 1, count: 70) + [.nan, .infinity, -1]
        let o = Sorting.order(x)
        #expect(o.first == 72 && o[o.count - 2] == 71 && o.last == 70)
    }
}
