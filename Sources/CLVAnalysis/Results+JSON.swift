import CLVModel

extension Summary {
    /// `{mean, sd, se, p5, p25, p50, p75, p95, min, max}`.
    public var json: JSON {
        .object([("mean", .num(mean)), ("sd", .num(sd)), ("se", .num(se)), ("p5", .num(p5)), ("p25", .num(p25)),
                 ("p50", .num(p50)), ("p75", .num(p75)), ("p95", .num(p95)), ("min", .num(min)), ("max", .num(max))])
    }
}

extension Results {
    /// The results document, `clvsim-results/1` (model.md 6), keys in the documented order.
    public var json: JSON {
        .object([
            ("schema", .string("clvsim-results/1")),
            ("tool", .object([("name", .string(Tool.name)), ("version", .string(Tool.version))])),
            ("study", .string(study)),
            ("seed", .uint(seed)),
            ("trials", .int(Int64(trials))),
            ("inputs", .array(inputs.map { .object([("file", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("scenarios", .array(scenarios.map(\.json))),
        ])
    }
}

extension ScenarioResult {
    var json: JSON {
        var o: [(String, JSON)] = [
            ("name", .string(name)), ("role", .string(role.rawValue)),
            ("customer_equity", customerEquity.json), ("customer_equity_terminal", customerEquityTerminal.json),
            ("analytic", .object([("customer_equity", .num(analyticCustomerEquity)),
                                  ("customer_equity_terminal", .num(analyticCustomerEquityTerminal))])),
            ("row_overflows", .int(Int64(rowOverflows))),
            ("segments", .array(segments.map(\.json))),
            ("series", series.json),
        ]
        if let v = vsBaseline { o.append(("vs_baseline", v.json)) }
        return .object(o)
    }
}

extension SegmentResult {
    var json: JSON {
        .object([("name", .string(name)), ("customer_equity", customerEquity.json), ("clv", .array(clv.map(\.json)))])
    }
}

extension CLVResult {
    var json: JSON {
        .object([("entry_state", .string(entryState)), ("mean", .num(mean)), ("se", .num(se)), ("p5", .num(p5)),
                 ("p50", .num(p50)), ("p95", .num(p95)), ("top10_share", .num(top10Share)),
                 ("top20_share", .num(top20Share)), ("p_negative", .num(pNegative)), ("analytic", .num(analytic))])
    }
}

extension Series.Band {
    var json: JSON {
        .object([("mean", .array(mean.map(JSON.num))), ("p5", .array(p5.map(JSON.num))),
                 ("p50", .array(p50.map(JSON.num))), ("p95", .array(p95.map(JSON.num)))])
    }
}

extension Series {
    var json: JSON {
        .object([("period", .array(period.map { .int(Int64($0)) })), ("customers", customers.json),
                 ("cash_flow", cashFlow.json),
                 ("by_stage", .object(byStage.map { ($0.stage.rawValue, .object([("mean", .array($0.mean.map(JSON.num)))])) }))])
    }
}

extension PlanComparison {
    var json: JSON {
        .object([("basis", .string(basis.rawValue)), ("benefit", benefit.json), ("cost", cost.json), ("npv", npv.json),
                 ("roi", roi.json), ("bcr", bcr.json), ("bcr_of_means", .num(bcrOfMeans)),
                 ("p_npv_positive", .num(pNPVPositive)),
                 ("payback_period", .object([("p50", .num(paybackP50)), ("p_within_horizon", .num(paybackWithinHorizon))]))])
    }
}
