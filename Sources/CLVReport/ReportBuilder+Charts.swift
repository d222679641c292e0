import CLVAnalysis
import CLVModel

extension ReportBuilder {
    func chart(_ name: String, _ title: String, _ desc: String, _ canvas: SVGCanvas) -> Block {
        .chart(Chart(name: name, title: title, description: desc, svg: canvas.render(id: name, title: title, desc: desc)))
    }

    func charts() -> Section {
        var blocks: [Block] = []
        let npv = plans.map { Distribution1D(name: $0.result.name, quantiles: $0.vs.npvQuantiles, color: Palette.scenario($0.k)) }
        let names = plans.map(\.result.name).joined(separator: ", ")
        if !npv.isEmpty {
            blocks.append(chart("chart-1-npv-histogram", s.npvHistTitle, s.npvHistDesc(names),
                                Charts.histograms(npv, ctx: chartContext, title: s.npvHistTitle,
                                                  xTitle: chartContext.withUnit(s.npvAxis, chartContext.money),
                                                  markers: true, zeroLine: true)))
            blocks.append(chart("chart-2-npv-s-curve", s.sCurveTitle, s.sCurveDesc, Charts.sCurves(npv, ctx: chartContext)))
        }
        let fans = results.scenarios.enumerated().map { k, r -> Charts.Fan in
            let q = r.paths.customers
            return Charts.Fan(name: r.name, color: Palette.scenario(k), p5: q.p5, p25: q.p25, p50: q.p50, p75: q.p75, p95: q.p95)
        }
        blocks.append(chart("chart-3-customers-fan", s.fanTitle, s.fanDesc, Charts.fans(fans, ctx: chartContext)))
        if !plans.isEmpty {
            let lines = plans.map {
                Charts.CashLine(name: $0.result.name, color: Palette.scenario($0.k), cumulative: $0.vs.cumulativeMean,
                                payback: $0.vs.paybackP50)
            }
            blocks.append(chart("chart-4-cumulative-cash-flow", s.cashTitle, s.cashDesc, Charts.cashFlows(lines, ctx: chartContext)))
        }
        let mixes = results.scenarios.map { r -> Charts.StageMix in
            Charts.StageMix(name: r.name, layers: [Stage.acquisition, .retention, .expansion].map {
                (stage: $0.rawValue, values: r.paths.byStage[$0] ?? [])
            })
        }
        blocks.append(chart("chart-5-stage-mix", s.stageTitle, s.stageDesc, Charts.stageMix(mixes, ctx: chartContext)))
        if !plans.isEmpty {
            let known = ["technology", "people", "operations", "marketing"]
            var categories: [String] = []
            for p in plans { for c in p.vs.costByCategory.map(\.category) where !categories.contains(c) { categories.append(c) } }
            categories = known.filter(categories.contains) + categories.filter { !known.contains($0) }
            let bars = plans.map { p -> Charts.CostBar in
                Charts.CostBar(name: p.result.name, parts: categories.compactMap { c in
                    p.vs.costByCategory.first { $0.category == c }.map { (category: c, value: $0.pvMean) }
                })
            }
            blocks.append(chart("chart-6-cost-by-category", s.costTitle, s.costDesc,
                                Charts.costs(bars, categories: categories, ctx: chartContext)))
        }
        var panels: [Charts.CLVPanel] = []
        let base = results.scenarios[0]
        for segment in base.segments {
            for r in segment.clv {
                let name = segment.clv.count > 1 ? "\(segment.name) · \(r.entryState)" : segment.name
                panels.append(Charts.CLVPanel(name: name, quantiles: r.quantiles, mean: r.mean, top20: r.top20Share))
            }
        }
        if !panels.isEmpty {
            blocks.append(chart("chart-7-clv-by-segment", s.clvTitle, s.clvDesc, Charts.clv(panels, ctx: chartContext)))
        }
        return Section(id: "charts", title: s.charts, blocks: blocks)
    }
}
