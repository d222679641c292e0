import CLVAnalysis
import CLVModel

extension ReportBuilder {
    /// A chart in both layouts: `build` runs once wide (report.md, laptop, print) and once narrow (phones).
    func chart(_ name: String, _ title: String, _ desc: String, _ build: () -> SVGCanvas) -> Block {
        let wide = build(), narrow = Charts.narrow(build)
        return .chart(Chart(name: name, title: title, description: desc, svg: wide.render(id: name, title: title, desc: desc),
                            svgNarrow: narrow.render(id: name + "-narrow", title: title, desc: desc),
                            tall: wide.height > 0.62 * wide.width))
    }

    func charts() -> Section {
        var blocks: [Block] = []
        let npv = plans.map { Distribution1D(name: planName($0.result), quantiles: $0.vs.npvQuantiles, color: Palette.scenario($0.k)) }
        let names = plans.map { planName($0.result) }.joined(separator: s.t(", ", "、"))
        if !npv.isEmpty {
            let lo = npv.compactMap(\.quantiles.first).min(), hi = npv.compactMap(\.quantiles.last).max()
            blocks.append(chart("chart-1-npv-histogram", s.npvHistTitle,
                                s.npvHistDesc(names) + " " + s.histogramCut(lo: fmt.money(lo), hi: fmt.money(hi))) {
                Charts.histograms(npv, ctx: chartContext, title: s.npvHistTitle,
                                  xTitle: chartContext.withUnit(s.npvAxis, chartContext.money), markers: true, zeroLine: true)
            })
            blocks.append(chart("chart-2-npv-s-curve", s.sCurveTitle, s.sCurveDesc) { Charts.sCurves(npv, ctx: chartContext) })
        }
        let fans = results.scenarios.enumerated().map { k, r -> Charts.Fan in
            let q = r.paths.customers
            return Charts.Fan(name: planName(r), color: Palette.scenario(k), p5: q.p5, p25: q.p25, p50: q.p50, p75: q.p75, p95: q.p95)
        }
        blocks.append(chart("chart-3-customers-fan", s.fanTitle, s.fanDesc) { Charts.fans(fans, ctx: chartContext) })
        if !plans.isEmpty {
            let lines = plans.map {
                Charts.CashLine(name: planName($0.result), color: Palette.scenario($0.k), cumulative: $0.vs.cumulativeMean,
                                payback: $0.vs.paybackP50)
            }
            blocks.append(chart("chart-4-cumulative-cash-flow", s.cashTitle, s.cashDesc) { Charts.cashFlows(lines, ctx: chartContext) })
        }
        let mixes = results.scenarios.map { r -> Charts.StageMix in
            Charts.StageMix(name: planName(r), layers: [Stage.acquisition, .retention, .expansion].map {
                (stage: $0.rawValue, values: r.paths.byStage[$0] ?? [])
            })
        }
        blocks.append(chart("chart-5-stage-mix", s.stageTitle, s.stageDesc) { Charts.stageMix(mixes, ctx: chartContext) })
        if !plans.isEmpty {
            let categories = costCategories
            let bars = plans.map { p -> Charts.CostBar in
                Charts.CostBar(name: planName(p.result), parts: categories.compactMap { c in
                    p.vs.costByCategory.first { $0.category == c }.map { (category: c, value: $0.pvMean) }
                })
            }
            blocks.append(chart("chart-6-cost-by-category", s.costTitle, s.costDesc) {
                Charts.costs(bars, categories: categories, ctx: chartContext)
            })
        }
        var panels: [Charts.CLVPanel] = []
        let base = results.scenarios[0]
        for segment in base.segments {
            for r in segment.clv {
                let seg = self.names.segment(segment.name)
                let name = segment.clv.count > 1 ? "\(seg) · \(self.names.state(r.entryState))" : seg
                panels.append(Charts.CLVPanel(name: name, quantiles: r.quantiles, mean: r.mean, top20: r.top20Share))
            }
        }
        if !panels.isEmpty {
            blocks.append(chart("chart-7-clv-by-segment", s.clvTitle, s.clvDesc + (panels.count > 1 ? " " + s.ownScales : "")) {
                Charts.clv(panels, ctx: chartContext)
            })
        }
        return Section(id: "charts", title: s.charts, blocks: blocks)
    }

    /// Cost categories of every plan: the four usual ones first, then the rest in order of appearance.
    var costCategories: [String] {
        let known = ["technology", "people", "operations", "marketing"]
        var categories: [String] = []
        for p in plans { for c in p.vs.costByCategory.map(\.category) where !categories.contains(c) { categories.append(c) } }
        return known.filter(categories.contains) + categories.filter { !known.contains($0) }
    }
}
