import Testing
@testable import CLVNumerics

/// The customer lanes (`CustomerLanes`, the kernel's clv_customers) must give every customer the
/// value `CLVSimulator.run` gives it one customer after another — bit for bit, in every kernel
/// variant this processor runs — whatever the revenue draws the lanes leave to the scalar sampler.
@Suite("Customer lanes")
struct CustomerLanesTests {
    /// One slot's parameters: per state revenue, cost, cv, and a row (destinations in state order
    /// with their running probabilities, the last state's +∞).
    struct Slot {
        var revenue: [Double], cost: [Double], cv: [Double]
        var rows: [[(to: Int, cumulative: Double)]]
        var start: Double
    }

    /// `CLVSimulator.run`'s loop for one customer: the reference.
    static func scalarValue(_ slot: Slot, churn: [Bool], entry: Int, discount: Double, maxPeriods: Int,
                            seed: UInt64, key: UInt64, customer: UInt64, stream: RandomStream) -> (Double, Int) {
        stream.reset(seed: seed, trial: customer, key: key)
        let S = churn.count
        var s = entry, value = slot.start, dk = 1.0, steps = 0
        while dk >= 1e-6 && !churn[s] && steps < maxPeriods {
            steps += 1
            let rev = slot.revenue[s], cv = slot.cv[s]
            let r = cv > 0 && rev > 0 ? stream.gamma(GammaShape(1 / (cv * cv)), scale: rev * cv * cv) : rev
            value += dk * (r - slot.cost[s])
            let u = stream.uniform()
            s = slot.rows[s].first { u < $0.cumulative }?.to ?? S - 1
            dk *= discount
        }
        return (value, steps)
    }

    /// Segments of 2 to 8 states with random rows, churn states, revenue cvs from 0 (no draw) to 1.6
    /// (shapes below 1: the scalar sampler's general path), zero revenues and, in one segment in
    /// three, no discounting (customers stopped by churn or by `maxPeriods`).
    static func segment(_ pick: RandomStream) -> (churn: [Bool], slots: [Slot], discount: Double) {
        let S = 2 + Int(pick.next() % 7)
        var churn = (0..<S).map { _ in pick.uniform() < 0.3 }
        churn[S - 1] = true
        churn[0] = false
        let cvs: [Double] = [0, 0.05, 0.3, 0.6, 0.8, 0.9, 1.0, 1.3, 1.6]
        let slots: [Slot] = (0..<5).map { _ in
            var rows: [[(to: Int, cumulative: Double)]] = []
            for _ in 0..<S {
                var acc = 0.0, row: [(to: Int, cumulative: Double)] = []
                for to in 0..<S where pick.uniform() < 0.6 {
                    acc += pick.uniform() * 0.4
                    row.append((to, to == S - 1 ? .infinity : acc))
                }
                rows.append(row)
            }
            return Slot(revenue: (0..<S).map { _ in pick.uniform() < 0.15 ? 0 : 50 + 500 * pick.uniform() },
                        cost: (0..<S).map { _ in 30 * pick.uniform() },
                        cv: (0..<S).map { _ in cvs[Int(pick.next() % UInt64(cvs.count))] },
                        rows: rows, start: pick.uniform() < 0.5 ? -100 * pick.uniform() : 0)
        }
        return (churn, slots, pick.uniform() < 0.33 ? 1 : 0.97 + 0.03 * pick.uniform())
    }

    @Test("every customer's value and the customer-periods are the scalar loop's, bit for bit",
          arguments: BinomialLanes.ISA.available)
    func equalsScalar(isa: BinomialLanes.ISA) {
        let pick = RandomStream(), stream = RandomStream()
        pick.reset(raw: 2027)
        var customers = 0
        for round in 0..<60 {
            let (churn, slots, discount) = Self.segment(pick)
            let S = churn.count, maxPeriods = 400
            let lanes = CustomerLanes(isa: isa, slots: slots.count, states: 8)
            for (k, sl) in slots.enumerated() {
                lanes.setStart(slot: k, sl.start)
                var destination: [Int] = [], cumulative: [Double] = [], starts: [Int] = []
                for r in sl.rows {
                    starts.append(destination.count)
                    destination += r.map(\.to)
                    cumulative += r.map(\.cumulative)
                }
                starts.append(destination.count)
                destination.withUnsafeMutableBufferPointer { d in
                    cumulative.withUnsafeMutableBufferPointer { c in
                        for s in 0..<S {
                            let cv = sl.cv[s], rev = sl.revenue[s]
                            lanes.set(slot: k, state: s, revenue: rev, cost: sl.cost[s], cv: cv,
                                      shape: GammaShape(1 / (cv * cv)), scale: rev * cv * cv,
                                      row: starts[s]..<starts[s + 1], destination: d, cumulative: c)
                        }
                    }
                }
            }
            let n = 50 + Int(pick.next() % 150)
            let ids = (0..<n).map { _ in pick.next() % 1_000_000 }
            let slotOf = (0..<n).map { _ in Int32(pick.next() % UInt64(slots.count)) }
            let entry = Int(pick.next() % UInt64(S - 1))
            let (seed, key) = (pick.next(), pick.next())
            var out = [Double](repeating: .nan, count: n)
            let periods = ids.withUnsafeBufferPointer { c in
                slotOf.withUnsafeBufferPointer { sl in
                    out.withUnsafeMutableBufferPointer { o in
                        lanes.run(churn: churn, entry: entry, discount: discount, maxPeriods: maxPeriods,
                                  base: StreamKey.mix(StreamKey.mix(seed) ^ key), customers: c.baseAddress!,
                                  slots: sl.baseAddress!, count: n, out: o.baseAddress!)
                    }
                }
            }
            var expectedPeriods = 0
            for q in 0..<n {
                let (v, steps) = Self.scalarValue(slots[Int(slotOf[q])], churn: churn, entry: entry, discount: discount,
                                                  maxPeriods: maxPeriods, seed: seed, key: key, customer: ids[q],
                                                  stream: stream)
                expectedPeriods += steps
                #expect(out[q].bitPattern == v.bitPattern, "\(isa) round \(round) customer \(q): \(out[q]) against \(v)")
            }
            #expect(periods == expectedPeriods, "\(isa) round \(round)")
            customers += n
        }
        #expect(customers > 5_000)
    }
}
