import CLVCalibration
import CLVModel
import Foundation
import Testing

/// Exact estimates from a panel small enough to count by hand.
@Suite("Calibration: exact counts on a small panel")
struct PanelCountsTests {
    // a: active all year. b: active, at_risk, then gone (churned in Q3). c: arrives in Q2 as new.
    // d: arrives in Q3 as new and stays new. e: at_risk, at_risk, active, at_risk.
    static let panel = """
        customer,quarter,stage,net_income
        a,2024Q1,active,100
        a,2024Q2,active,120
        a,2024Q3,active,110
        a,2024Q4,active,130
        b,2024Q1,active,50
        b,2024Q2,at_risk,20
        c,2024Q2,new,10
        c,2024Q3,active,90
        c,2024Q4,active,70
        d,2024Q3,new,5
        d,2024Q4,new,15
        e,2024Q4,at_risk,10
        e,2024Q1,at_risk,30
        e,2024Q3,active,60
        e,2024Q2,at_risk,40

        """

    func calibrate(prior: Double, arrivals: ArrivalsMode = .mean) throws -> Scenario {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        var o = CalibrationOptions()
        o.columns = ["period": "quarter", "state": "stage", "revenue": "net_income"]
        o.prior = prior
        o.arrivals = arrivals
        let r = try Calibration.panel(path: Scratch.write(Self.panel, "panel.csv", in: d), options: o)
        return try Scratch.load(r.baselineYAML)
    }

    @Test("--prior 0: the Dirichlet weights are the transition counts between consecutive quarters")
    func weights() throws {
        let s = try calibrate(prior: 0)
        let (active, risk, new, churned) = (s.state("active"), s.state("at_risk"), s.state("new"), s.state("churned"))
        let g = s.segment("customers")
        #expect(g.dirichlet(active) == [active: 4, risk: 2])
        #expect(g.dirichlet(risk) == [active: 1, risk: 1, churned: 1])
        #expect(g.dirichlet(new) == [active: 1, new: 1])
        #expect(g.dirichlet(churned) == nil)
        #expect(s.period == .quarter)
        #expect(s.states.map(\.stage) == [.retention, .retention, .acquisition, .churn])
    }

    @Test("--prior 1 adds one to every destination of a row")
    func prior() throws {
        let s = try calibrate(prior: 1)
        let g = s.segment("customers")
        #expect(g.dirichlet(s.state("active")) == [s.state("active"): 5, s.state("at_risk"): 3])
        #expect(g.dirichlet(s.state("new")) == [s.state("active"): 2, s.state("new"): 2])
    }

    @Test("values: revenue means per state with their standard errors; revenue_cv from the spread")
    func values() throws {
        let s = try calibrate(prior: 0)
        let g = s.segment("customers")
        let active = try #require(g.value(s.state("active")))
        // 100, 120, 110, 130, 50, 90, 70, 60: mean 91.25, sd 29.97 (n − 1), se = sd/√8.
        let xs = [100.0, 120, 110, 130, 50, 90, 70, 60]
        let sd = (xs.map { ($0 - 91.25) * ($0 - 91.25) }.reduce(0, +) / 7).squareRoot()
        #expect(active.revenue?.distribution == .lognormal(mean: 91.25, sd: (sd / 8.0.squareRoot() * 10_000).rounded() / 10_000))
        #expect(abs((active.revenueCV?.distribution.mean ?? 0) - sd / 91.25) < 1e-4)
        #expect(g.value(s.state("at_risk"))?.revenue?.distribution.mean == 25)
        #expect(g.value(s.state("new"))?.revenue?.distribution.mean == 10)
        #expect(g.value(s.state("churned")) == nil)
    }

    @Test("initial: the last quarter's counts; arrivals: new customers per quarter over Q2…Q4 as gamma(mean, sd)")
    func stock() throws {
        let s = try calibrate(prior: 0)
        let g = s.segment("customers")
        #expect(g.initial(s.state("active")) == 2)
        #expect(g.initial(s.state("at_risk")) == 1)
        #expect(g.initial(s.state("new")) == 1)
        #expect(g.initial.count == 3)
        // First appearances after Q1: c in Q2, d in Q3, none in Q4 → counts 1, 1, 0.
        #expect(g.arrival(s.state("new")) == .gamma(mean: 0.667, sd: 0.577))
        #expect(g.arrivals.count == 1)
    }

    @Test("--arrivals auto: no new customer in the later half of the window reads as a closed cohort")
    func closedCohort() throws {
        #expect(try calibrate(prior: 0, arrivals: .auto).segment("customers").arrivals.isEmpty)
        #expect(try calibrate(prior: 0, arrivals: .none).segment("customers").arrivals.isEmpty)
    }

    @Test("--censor-missing: a customer who disappears is not counted as churned")
    func censored() throws {
        let d = try Scratch.dir()
        defer { try? FileManager.default.removeItem(at: d) }
        var o = CalibrationOptions()
        o.columns = ["period": "quarter", "state": "stage", "revenue": "net_income"]
        o.prior = 0
        o.censorMissing = true
        let s = try Scratch.load(Calibration.panel(path: Scratch.write(Self.panel, "p.csv", in: d), options: o).baselineYAML)
        #expect(s.segment("customers").dirichlet(s.state("at_risk")) == [s.state("active"): 1, s.state("at_risk"): 1])
        #expect(!s.states.contains { $0.name == "churned" })
    }
}
