public import CLVModel

/// `sensitivity` of the results: the what-if analytics as data (docs/what-if.md).
public struct SensitivityResult: Sendable, Codable {
    public var basis: PlanComparison.Basis
    public var tornado: TornadoResult
    public var breakEven: [BreakEvenPlan]
    public var global: GlobalResult?
    public var sobol: SobolResult?
    public var correlations: [CorrelationResult]?

    enum CodingKeys: String, CodingKey, NilOmittingKeys {
        case basis, tornado, breakEven = "break_even", global, sobol, correlations
        static let omittedWhenNil: Set<String> = ["global", "sobol", "correlations"]
    }

    public init(_ w: WhatIf) {
        basis = w.basis
        tornado = TornadoResult(w.tornado)
        breakEven = w.breakEven.plans.map { p in BreakEvenPlan(plan: p.name, effects: p.items.map(BreakEvenItem.init), trials: p.trials) }
        global = w.global.map(GlobalResult.init)
        sobol = w.sobol.map(SobolResult.init)
        correlations = w.correlations.isEmpty ? nil : w.correlations.map {
            CorrelationResult(between: [$0.first, $0.second], listed: $0.listed, target: $0.target, achieved: $0.achieved)
        }
    }
}

/// One-at-a-time swings on the expected-value path (mean inputs, no risks).
public struct TornadoResult: Sendable, Codable {
    public struct Side: Sendable, Codable {
        public var value: Double?
        public var npv: Double
    }
    public struct Bar: Sendable, Codable {
        public var input: String
        public var text: String
        public var kind: String
        public var low: Side
        public var high: Side
        public var swing: Double
    }
    public struct Plan: Sendable, Codable {
        public var plan: String
        /// Deprecated name of `npv_at_mean_inputs` (kept for the §6 contract): NOT the Monte
        /// Carlo expected NPV, but the NPV with every input at its mean and no risk occurring.
        public var expectedNPV: Double
        public var bars: [Bar]
        /// The tornado's reference line: NPV at mean inputs, without risks.
        public var npvAtMeanInputs: Double
        enum CodingKeys: String, CodingKey {
            case plan, expectedNPV = "expected_npv", bars, npvAtMeanInputs = "npv_at_mean_inputs"
        }
    }
    public var lowPercentile: Double
    public var highPercentile: Double
    public var plans: [Plan]
    enum CodingKeys: String, CodingKey { case lowPercentile = "low_percentile", highPercentile = "high_percentile", plans }

    public init(_ t: Tornado) {
        lowPercentile = t.lowPercentile
        highPercentile = t.highPercentile
        plans = t.plans.map { p in
            Plan(plan: p.name, expectedNPV: p.expectedNPV, bars: p.bars.map {
                Bar(input: $0.input, text: $0.text, kind: $0.kind.rawValue, low: Side(value: $0.lowValue, npv: $0.npvLow),
                    high: Side(value: $0.highValue, npv: $0.npvHigh), swing: $0.swing)
            }, npvAtMeanInputs: p.expectedNPV)
        }
    }
}

public struct BreakEvenPlan: Sendable, Codable {
    public var plan: String
    public var effects: [BreakEvenItem]
    /// Trials the expected NPVs are taken over (nil in results written before it was recorded).
    public var trials: Int?
}

/// One effect's break-even (`BreakEven.Item`).
public struct BreakEvenItem: Sendable, Codable {
    public var input: String
    public var target: String
    public var segments: [String]?
    public var change: EffectChange
    public var assumed: Double
    public var status: BreakEven.Status
    public var breakEven: Double?
    public var bound: Double?
    public var npvWithout: Double
    public var npvAssumed: Double
    public var text: String
    /// Standard errors of `npvWithout` and `npvAssumed`, the expected NPV at `breakEven`, and the
    /// passes over the trials the search made (what-if.md#break-even).
    public var npvWithoutSE: Double?
    public var npvAssumedSE: Double?
    public var npvAtBreakEven: Double?
    public var evaluations: Int?
    enum CodingKeys: String, CodingKey {
        case input, target, segments, change, assumed, status, breakEven = "break_even", bound
        case npvWithout = "npv_without", npvAssumed = "npv_assumed", text
        case npvWithoutSE = "npv_without_se", npvAssumedSE = "npv_assumed_se", npvAtBreakEven = "npv_at_break_even", evaluations
    }

    public init(_ i: BreakEven.Item) {
        input = i.input
        target = i.target
        segments = i.segments
        change = i.change
        assumed = i.assumed
        status = i.status
        breakEven = i.value
        bound = i.bound
        npvWithout = i.npvWithout
        npvAssumed = i.npvAssumed
        text = i.sentence
        npvWithoutSE = i.npvWithoutSE
        npvAssumedSE = i.npvAssumedSE
        npvAtBreakEven = i.npvAtValue
        evaluations = i.evaluations
    }
}

extension EffectChange: Codable {}
extension BreakEven.Status: Codable {}

public struct GlobalResult: Sendable, Codable {
    public struct Item: Sendable, Codable {
        public var input: String
        public var spearman: Double
        public var firstOrder: Double
        enum CodingKeys: String, CodingKey { case input, spearman, firstOrder = "first_order" }
    }
    public struct Plan: Sendable, Codable {
        public var plan: String
        public var sumFirstOrder: Double
        public var inputs: [Item]
        enum CodingKeys: String, CodingKey { case plan, sumFirstOrder = "sum_first_order", inputs }
    }
    public var trials: Int
    public var bins: Int
    public var plans: [Plan]

    public init(_ g: GlobalSensitivity) {
        trials = g.trials
        bins = g.bins
        plans = g.plans.map { p in
            Plan(plan: p.name, sumFirstOrder: p.sumFirstOrder,
                 inputs: p.items.map { Item(input: $0.input, spearman: $0.spearman, firstOrder: $0.firstOrder) })
        }
    }
}

public struct SobolResult: Sendable, Codable {
    public struct Item: Sendable, Codable {
        public var input: String
        public var firstOrder: Double
        public var total: Double
        enum CodingKeys: String, CodingKey { case input, firstOrder = "first_order", total }
    }
    public struct Plan: Sendable, Codable {
        public var plan: String
        public var inputs: [Item]
    }
    public var design = "saltelli"
    public var n: Int
    public var runs: Int
    public var plans: [Plan]

    public init(_ s: SaltelliSobol) {
        n = s.n
        runs = s.runs
        plans = s.plans.map { p in
            Plan(plan: p.name, inputs: p.items.map { Item(input: $0.input, firstOrder: $0.firstOrder, total: $0.total) })
        }
    }
}

public struct CorrelationResult: Sendable, Codable {
    public var between: [String]
    public var listed: Double
    public var target: Double
    public var achieved: Double?
}

/// An input fixed by `--stress`.
public struct StressResult: Sendable, Codable {
    public var input: String
    /// The percentile (0...1), `"mean"`, or null for a value.
    public var percentile: Level
    public var value: Double
    public var text: String

    public enum Level: Sendable, Codable {
        case percentile(Double), mean, value
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .percentile(let p): try c.encode(p)
            case .mean: try c.encode("mean")
            case .value: try c.encodeNil()
            }
        }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .value; return }
            if let s = try? c.decode(String.self), s == "mean" { self = .mean; return }
            self = .percentile(try c.decode(Double.self))
        }
    }

    public init(_ a: Stress.Applied) {
        input = a.path
        switch a.level {
        case .percentile(let p): percentile = .percentile(p)
        case .mean: percentile = .mean
        case .value: percentile = .value
        }
        value = a.value
        text = a.text
    }
}

/// How a `--precision` run stopped.
public struct PrecisionResult: Sendable, Codable {
    public struct Reached: Sendable, Codable {
        public var name: String
        public var mean: Double
        public var se: Double
        public var relativeSE: Double
        enum CodingKeys: String, CodingKey { case name, mean, se, relativeSE = "relative_se" }
    }
    public var target: Double
    public var batch: Int
    public var maxTrials: Int
    public var met: Bool
    public var passes: [Int]
    public var reached: [Reached]
    enum CodingKeys: String, CodingKey { case target, batch, maxTrials = "max_trials", met, passes, reached }

    public init(_ p: PrecisionRun) {
        target = p.target
        batch = p.batch
        maxTrials = p.maxTrials
        met = p.met
        passes = p.passes
        reached = p.reached.map { Reached(name: $0.name, mean: $0.mean, se: $0.se, relativeSE: $0.relative) }
    }
}
