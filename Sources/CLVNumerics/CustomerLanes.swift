internal import CLVLanes

/// Individual customers of one segment and entry in the lanes' kernel (`clv_lanes_customers`):
/// eight customers at a time, each on its own stream, each with its trial's parameters (a slot),
/// with the values `CLVSimulator.run` computes one customer after another, bit for bit. The
/// revenue Gamma's first candidate is drawn in the lanes; the cases they leave (about one draw in
/// ten near shape 1, every draw of a shape below 1) go to the scalar sampler on the lane's stream.
///
/// Owned by one worker: it holds the slots of one block of trials at a time.
public final class CustomerLanes {
    public let isa: BinomialLanes.ISA
    public let slots: Int, states: Int
    private let params: UnsafeMutablePointer<clv_customer_state>
    private let rows: UnsafeMutablePointer<clv_customer_row>
    private let start: UnsafeMutableBufferPointer<Double>
    private let stream = RandomStream()

    /// The most states (and so cells of a row) a segment drawn here may have.
    public static let maxStates = 8

    /// Room for `slots` trials of segments with up to `states` states (at most `maxStates`).
    public init(isa: BinomialLanes.ISA, slots: Int, states: Int) {
        self.isa = isa
        self.slots = slots
        self.states = states
        let n = max(slots * states, 1)
        params = .allocate(capacity: n)
        params.initialize(repeating: clv_customer_state(), count: n)
        rows = .allocate(capacity: n)
        rows.initialize(repeating: clv_customer_row(), count: n)
        start = .allocate(capacity: max(slots, 1))
        start.initialize(repeating: 0)
    }

    deinit {
        params.deallocate()
        rows.deallocate()
        start.deallocate()
    }

    /// Slot k's state s: revenue `revenue` (drawn from Gamma(`shape`, `scale`) when cv > 0 and
    /// revenue > 0, as `CLVSimulator.run` draws it), cost `cost`, and its transition row: cells
    /// `row` of `destination` and `cumulative` (at most eight).
    public func set(slot k: Int, state s: Int, revenue: Double, cost: Double, cv: Double, shape g: GammaShape,
                    scale: Double, row: Range<Int>, destination: UnsafeMutableBufferPointer<Int>,
                    cumulative: UnsafeMutableBufferPointer<Double>) {
        let drawn = cv > 0 && revenue > 0
        let lanes = drawn && g.direct && scale > 0 && scale.isFinite
        params[k * states + s] = clv_customer_state(
            revenue: revenue, cost: cost, d: g.d, c: g.c, shape: g.shape, scale: scale,
            kind: drawn ? (lanes ? 1 : 2) : 0, unused: 0)
        let r = rows + (k * states + s)
        withUnsafeMutableBytes(of: &r.pointee.cumulative) { b in
            let c = b.bindMemory(to: Double.self)
            for i in 0..<8 { c[i] = i < row.count ? cumulative[row.lowerBound + i] : .nan }
        }
        withUnsafeMutableBytes(of: &r.pointee.destination) { b in
            let d = b.bindMemory(to: Int32.self)
            for i in 0..<8 { d[i] = i < row.count ? Int32(destination[row.lowerBound + i]) : 0 }
        }
    }

    /// Slot k's customers' value before their first period (−acquisition cost, or 0).
    public func setStart(slot k: Int, _ value: Double) { start[k] = value }

    /// The customers `customer[q]` (stream trials) in slots `slot[q]`, q < count, of a segment with
    /// `churn` flags, entering at `entry`: their values into out[q]. Returns the customer-periods.
    public func run(churn flags: [Bool], entry: Int, discount: Double, maxPeriods: Int, base: UInt64,
                    customers: UnsafePointer<UInt64>, slots slot: UnsafePointer<Int32>, count: Int,
                    out: UnsafeMutablePointer<Double>) -> Int {
        precondition(flags.count <= Self.maxStates && flags.count <= states)
        var churn: UInt32 = 0
        for (s, f) in flags.enumerated() where f { churn |= 1 << UInt32(s) }
        let z = ContinuousSamplers.zig
        var job = clv_customers_job(
            states: Int32(flags.count), entry: Int32(entry), maxPeriods: Int32(maxPeriods), count: Int32(count),
            stride: Int32(states), churn: churn, params: UnsafePointer(params), rows: UnsafePointer(rows),
            start: UnsafePointer(start.baseAddress!), discount: discount, base: base, customer: customers, slot: slot,
            kn: z.kn, wn: z.wn, context: Unmanaged.passUnretained(self).toOpaque(),
            gamma: { context, words, shape, scale in
                let me = Unmanaged<CustomerLanes>.fromOpaque(context!).takeUnretainedValue()
                let s = me.stream.s
                for k in 0..<4 { s[k] = words![k] }
                let r = me.stream.gamma(GammaShape(shape), scale: scale)
                for k in 0..<4 { words![k] = s[k] }
                return r
            },
            out: out, periods: 0)
        clv_lanes_customers(clv_lanes_isa(rawValue: UInt32(isa.rawValue)), &job)
        return Int(job.periods)
    }
}
