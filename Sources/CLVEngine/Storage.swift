import Foundation

/// A fixed block of doubles written by several workers at disjoint indices.
///
/// `@unchecked Sendable`: the engine gives each trial (or chunk) its own rows, so no two
/// threads ever write the same element, and all writes happen before the run returns.
public final class Matrix: @unchecked Sendable {
    public let rows: Int
    public let columns: Int
    let storage: UnsafeMutableBufferPointer<Double>

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        // calloc, not allocate + initialize: the kernel hands out zeroed pages on first touch, so a
        // large run starts at once (and can be interrupted at once) instead of first spending seconds
        // writing zeros — many seconds in a debug build, where `initialize(repeating:)` is a plain loop.
        // The run's size was checked against --max-memory before this; calloc fails only when the
        // address space itself is exhausted, and then nothing sensible is left to do.
        let count = max(rows * columns, 1)
        guard let raw = calloc(count, MemoryLayout<Double>.stride) else {
            fatalError("clvsim: out of memory allocating \(count) numbers")
        }
        storage = UnsafeMutableBufferPointer(start: raw.assumingMemoryBound(to: Double.self), count: count)
    }

    deinit { free(storage.baseAddress) }

    @inline(__always) public subscript(row: Int, column: Int) -> Double {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// One row, for writing by the worker that owns it.
    @inline(__always) func row(_ r: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: storage[(r * columns)..<((r + 1) * columns)])
    }

    /// Column `c` over all rows, in row order.
    public func column(_ c: Int) -> [Double] { (0..<rows).map { storage[$0 * columns + c] } }

    /// `body(c, column(c))` for each c of `cs`, in order, reading the rows once per eight columns
    /// (a pass per column touches a cache line per row each time) and holding eight columns at a time.
    public func forEachColumn(_ cs: [Int], _ body: (Int, [Double]) -> Void) {
        let R = rows, C = columns, m = storage, W = 8
        guard R > 0 else { for c in cs { body(c, []) }; return }
        var block = [Double](repeating: 0, count: R * W)
        var group = [Int](repeating: 0, count: W)
        for g in stride(from: 0, to: cs.count, by: W) {
            let w = min(W, cs.count - g)
            for i in 0..<w { group[i] = cs[g + i] }
            block.withUnsafeMutableBufferPointer { b in
                group.withUnsafeBufferPointer { group in
                    for r in 0..<R {
                        let row = r * C
                        for i in 0..<w { b[i * R + r] = m[row + group[i]] }
                    }
                }
            }
            for i in 0..<w { body(group[i], Array(block[(i * R)..<((i + 1) * R)])) }
        }
    }

    /// Row `r` as an array.
    public func rowValues(_ r: Int) -> [Double] { Array(row(r)) }
}

/// What one scenario's trials produced, by trial index (t = 0...T in series).
public final class ScenarioTrials: @unchecked Sendable {
    public let trials: Int
    public let horizon: Int
    /// Customer equity, horizon only (Σ_{t=1}^{T} d^t CF_t), and with terminal value.
    public let ce: Matrix, ceTerminal: Matrix
    /// Customer equity per segment, horizon only (like the scenario's `customer_equity`).
    public let segmentCE: Matrix
    /// Cash flow CF_t of customers (all segments), t = 0...T; CF_0 = 0.
    public let cashFlow: Matrix
    /// Customers in non-churn states at the end of each period, t = 0...T.
    public let customers: Matrix
    /// Per chunk of trials: sums over the chunk's trials of customers by stage, [stage][t].
    let stageSums: Matrix
    /// Per chunk: rows scaled down because their moves summed above 1.
    let overflowCounts: Matrix
    /// Plans only: cost per period t = 0...T, cost PV per category, and which risks occurred (1/0).
    public let cost: Matrix, costPVByCategory: Matrix, occurred: Matrix
    /// Plans only: each trial's delay and effect scale.
    public let delay: Matrix, effectScale: Matrix
    /// Plans only: cost per category and period, column category × (T + 1) + t.
    public let costByCategoryPeriod: Matrix
    /// Terminal value (all segments) at the annual rate − 2 and + 2 points (`ScenarioModel.alternateRates`),
    /// then at each rate of the hurdle grid (`ScenarioModel.alternateDiscounts`).
    public let terminalAtRates: Matrix
    /// Plans with risk responses: per response j (`ScenarioModel.responses`), the same trial without
    /// it — customer equity, with terminal value, and the cost's present value — at columns 3j, 3j + 1,
    /// 3j + 2 (no columns without responses).
    public let responses: Matrix

    init(trials n: Int, horizon T: Int, segments: Int, chunks: Int, categories: Int, risks: Int, responses: Int = 0,
         rates: Int = 2) {
        trials = n
        horizon = T
        ce = Matrix(rows: n, columns: 1)
        ceTerminal = Matrix(rows: n, columns: 1)
        segmentCE = Matrix(rows: n, columns: segments)
        cashFlow = Matrix(rows: n, columns: T + 1)
        customers = Matrix(rows: n, columns: T + 1)
        stageSums = Matrix(rows: chunks, columns: Stage.allCases.count * (T + 1))
        overflowCounts = Matrix(rows: chunks, columns: 1)
        cost = Matrix(rows: n, columns: T + 1)
        costPVByCategory = Matrix(rows: n, columns: categories)
        occurred = Matrix(rows: n, columns: risks)
        delay = Matrix(rows: n, columns: 1)
        effectScale = Matrix(rows: n, columns: 1)
        costByCategoryPeriod = Matrix(rows: n, columns: categories * (T + 1))
        terminalAtRates = Matrix(rows: n, columns: rates)
        self.responses = Matrix(rows: n, columns: 3 * responses)
    }

    /// Mean customers per stage and period over all trials, reduced in chunk order
    /// (the same bits for any number of threads).
    public func meanByStage() -> [Stage: [Double]] {
        var out: [Stage: [Double]] = [:]
        for (k, st) in Stage.allCases.enumerated() {
            var m = [Double](repeating: 0, count: horizon + 1)
            for c in 0..<stageSums.rows {
                for t in 0...horizon { m[t] += stageSums[c, k * (horizon + 1) + t] }
            }
            out[st] = m.map { $0 / Double(trials) }
        }
        return out
    }

    /// Total row overflows over all trials, periods and segments.
    public var rowOverflows: Int {
        (0..<overflowCounts.rows).reduce(0) { $0 + Int(overflowCounts[$1, 0]) }
    }
}

public import CLVModel
