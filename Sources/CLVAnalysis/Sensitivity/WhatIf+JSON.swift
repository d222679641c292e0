import CLVModel
import Foundation

extension WhatIf {
    /// `{basis, tornado, break_even, global?}`.
    public var json: JSON {
        var o: [(String, JSON)] = [("basis", .string(basis.rawValue)), ("tornado", tornado.json), ("break_even", breakEven.json)]
        if let global { o.append(("global", global.json)) }
        if let sobol { o.append(("sobol", sobol.json)) }
        if !correlations.isEmpty {
            o.append(("correlations", .array(correlations.map {
                .object([("between", .array([.string($0.first), .string($0.second)])), ("listed", .num($0.listed)), ("target", .num($0.target)),
                         ("achieved", .num($0.achieved))])
            })))
        }
        return .object(o)
    }
}

extension Tornado {
    public var json: JSON {
        .object([
            ("low_percentile", .num(lowPercentile)), ("high_percentile", .num(highPercentile)),
            ("plans", .array(plans.map { p in
                .object([("plan", .string(p.name)), ("expected_npv", .num(p.expectedNPV)),
                         ("bars", .array(p.bars.map(\.json)))])
            })),
        ])
    }
}

extension Tornado.Bar {
    var json: JSON {
        .object([("input", .string(input)), ("text", .string(text)), ("kind", .string(kind.rawValue)),
                 ("low", .object([("value", .num(lowValue)), ("npv", .num(npvLow))])),
                 ("high", .object([("value", .num(highValue)), ("npv", .num(npvHigh))])),
                 ("swing", .num(swing))])
    }
}

extension BreakEven {
    public var json: JSON {
        .array(plans.map { p in
            .object([("plan", .string(p.name)), ("effects", .array(p.items.map(\.json))), ("trials", .int(Int64(p.trials)))])
        })
    }
}

extension BreakEven.Item {
    var json: JSON {
        .object([("input", .string(input)), ("target", .string(target)),
                 ("segments", segments.map { .array($0.map(JSON.string)) } ?? .null),
                 ("change", .string(change.rawValue)), ("assumed", .num(assumed)), ("status", .string(status.rawValue)),
                 ("break_even", .num(value)), ("bound", .num(bound)),
                 ("npv_without", .num(npvWithout)), ("npv_assumed", .num(npvAssumed)), ("text", .string(sentence)),
                 ("npv_without_se", .num(npvWithoutSE)), ("npv_assumed_se", .num(npvAssumedSE)),
                 ("npv_at_break_even", .num(npvAtValue)), ("evaluations", .int(Int64(evaluations)))])
    }
}

extension GlobalSensitivity {
    public var json: JSON {
        .object([
            ("trials", .int(Int64(trials))), ("bins", .int(Int64(bins))),
            ("plans", .array(plans.map { p in
                .object([("plan", .string(p.name)), ("sum_first_order", .num(p.sumFirstOrder)),
                         ("inputs", .array(p.items.map {
                             .object([("input", .string($0.input)), ("spearman", .num($0.spearman)),
                                      ("first_order", .num($0.firstOrder))])
                         }))])
            })),
        ])
    }
}

extension Stress.Applied {
    public var json: JSON {
        let level: JSON
        switch self.level {
        case .percentile(let p): level = .num(p)
        case .mean: level = .string("mean")
        case .value: level = .null
        }
        return .object([("input", .string(path)), ("percentile", level), ("value", .num(value)), ("text", .string(text))])
    }

    /// `segments.mass.arrivals.onboarding = 352.4 (P10 of gamma(450, 80))`.
    public var summary: String {
        let what: String
        switch level {
        case .percentile(let p): what = "P\(JSON.format(p * 100)) of \(text)"
        case .mean: what = "mean of \(text)"
        case .value: what = "was \(text)"
        }
        return "\(path) = \(String(format: "%.6g", value)) (\(what))"
    }
}

extension PrecisionRun {
    public var json: JSON {
        .object([("target", .num(target)), ("batch", .int(Int64(batch))), ("max_trials", .int(Int64(maxTrials))),
                 ("met", .bool(met)), ("passes", .array(passes.map { .int(Int64($0)) })),
                 ("reached", .array(reached.map {
                     .object([("name", .string($0.name)), ("mean", .num($0.mean)), ("se", .num($0.se)),
                              ("relative_se", .num($0.relative))])
                 }))])
    }
}
