/// Where each kind of parameter sits in a compiled segment's flat parameter vector
/// (`SegmentModel`): named ranges in place of offset arithmetic.
///
/// For S states and M moves the vector is
/// `initial[S] arrivals[S] acquisitionCost revenue[S] cost[S] cv[S] moves[M]`,
/// then `moveRevenue[M] moveCost[M]` when the segment has move values, then the elements of the
/// segment's `by_period` series after their first (`series`, see `PeriodSeries`).
public struct ParameterLayout: Sendable, Hashable {
    public let states: Int
    public let moves: Int
    public let hasMoveValues: Bool
    public let initial: Range<Int>
    public let arrivals: Range<Int>
    public let acquisitionCost: Int
    public let revenue: Range<Int>
    public let cost: Range<Int>
    public let cv: Range<Int>
    /// The probability of each move, in `SegmentModel.moveTo` order.
    public let moveProbability: Range<Int>
    /// One-off revenue and cost of each move (empty without move values).
    public let moveRevenue: Range<Int>
    public let moveCost: Range<Int>
    /// Values of `by_period` series for periods 2, 3, … (period 1's is the parameter's own slot).
    public let series: Range<Int>
    /// Length of the vector.
    public let count: Int

    public init(states S: Int, moves M: Int, hasMoveValues: Bool, seriesElements E: Int = 0) {
        states = S
        moves = M
        self.hasMoveValues = hasMoveValues
        initial = 0..<S
        arrivals = S..<(2 * S)
        acquisitionCost = 2 * S
        revenue = (2 * S + 1)..<(3 * S + 1)
        cost = (3 * S + 1)..<(4 * S + 1)
        cv = (4 * S + 1)..<(5 * S + 1)
        moveProbability = (5 * S + 1)..<(5 * S + 1 + M)
        let mv = moveProbability.upperBound
        moveRevenue = mv..<(hasMoveValues ? mv + M : mv)
        moveCost = moveRevenue.upperBound..<(hasMoveValues ? moveRevenue.upperBound + M : moveRevenue.upperBound)
        series = moveCost.upperBound..<(moveCost.upperBound + E)
        count = series.upperBound
    }

    /// The slots written by states and moves, before any series element.
    public var written: Int { series.lowerBound }

    @inline(__always) public func initial(_ s: Int) -> Int { initial.lowerBound + s }
    @inline(__always) public func arrivals(_ s: Int) -> Int { arrivals.lowerBound + s }
    @inline(__always) public func revenue(_ s: Int) -> Int { revenue.lowerBound + s }
    @inline(__always) public func cost(_ s: Int) -> Int { cost.lowerBound + s }
    @inline(__always) public func cv(_ s: Int) -> Int { cv.lowerBound + s }
    @inline(__always) public func move(_ k: Int) -> Int { moveProbability.lowerBound + k }
    @inline(__always) public func moveRevenue(_ k: Int) -> Int { moveRevenue.lowerBound + k }
    @inline(__always) public func moveCost(_ k: Int) -> Int { moveCost.lowerBound + k }

    /// The slot of a state's value field.
    public func value(_ field: ValueField, _ s: Int) -> Int {
        switch field {
        case .revenue: revenue(s)
        case .cost: cost(s)
        case .revenueCV: cv(s)
        }
    }

    /// The slot of a move's one-off value field.
    public func moveValue(_ field: MoveValueField, _ k: Int) -> Int {
        switch field {
        case .revenue: moveRevenue(k)
        case .cost: moveCost(k)
        }
    }
}

public import CLVModel
