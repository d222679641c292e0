import CLVAnalysis
import CLVEngine
import CLVModel

extension ReportBuilder {
    func chart(_ name: String, _ title: String, _ desc: String, _ canvas: SVGCanvas) -> Block {
        .chart(Chart(name: name, title: title, description: desc, svg: canvas.render(id: name, title: title, desc: desc)))
    }

    /// Type-7 quantiles of every column t = 0...T of `m`.
    func columnQuantiles(_ m: Matrix, _ ps: [Double]) -> [[Double]] {
        var out = ps.map { _ in [Double]() }
        for t in 0..<m.columns {
            let col = m.column(t).filter(\.isFinite).sorted()
            for (i, p) in ps.enumerated() { out[i].append(col.isEmpty ? 0 : Statistics.quantile(sorted: col, p)) }
        }
        return out
    }

    func charts() -> Section {
        var blocks: [Block] = []
        let npv = plans.map { Distribution1D(name: $0.result.name, sorted: $0.trials.npv.filter(\.isFinite).sorted(),
                                             color: Palette.scenario($0.k)) }
        let names = plans.map(\.result.name).joined(separator: ", ")
        if !npv.isEmpty {
            blocks.append(chart("chart-1-npv-histogram", s.npvHistTitle, s.npvHistDesc(names),
                                Charts.histograms(npv, ctx: chartContext, title: s.npvHistTitle,
                                                  xTitle: chartContext.withUnit(s.npvAxis, chartContext.money),
                                                  markers: true, zeroLine: true)))
            blocks.append(chart("chart-2-npv-s-curve", s.sCurveTitle, s.sCurveDesc, Charts.sCurves(npv, ctx: chartContext)))
        }
        let fans = results.scenarios.indices.map { k -> Charts.Fan in
            let q = columnQuantiles(a.run.trials[k].customers, [0.05, 0.25, 0.5, 0.75, 0.95])
            return Charts.Fan(name: results.scenarios[k].name, color: Palette.scenario(k),
                              p5: q[0], p25: q[1], p50: q[2], p75: q[3], p95: q[4])
        }
        blocks.append(chart("chart-3-customers-fan", s.fanTitle, s.fanDesc, Charts.fans(fans, ctx: chartContext)))
        if !plans.isEmpty {
            let lines = plans.map {
                Charts.CashLine(name: $0.result.name, color: Palette.scenario($0.k), cumulative: $0.trials.meanCumulative,
                                payback: $0.vs.paybackP50)
            }
            blocks.append(chart("chart-4-cumulative-cash-flow", s.cashTitle, s.cashDesc, Charts.cashFlows(lines, ctx: chartContext)))
        }
        let mixes = results.scenarios.indices.map { k -> Charts.StageMix in
            let m = a.run.trials[k].meanByStage()
            return Charts.StageMix(name: results.scenarios[k].name, layers: [Stage.acquisition, .retention, .expansion].map {
                (stage: $0.rawValue, values: m[$0] ?? [])
            })
        }
        blocks.append(chart("chart-5-stage-mix", s.stageTitle, s.stageDesc, Charts.stageMix(mixes, ctx: chartContext)))
        if !plans.isEmpty {
            let known = ["technology", "people", "operations", "marketing"]
            var categories: [String] = []
            for p in plans { for c in a.run.models[p.k].categories where !categories.contains(c) { categories.append(c) } }
            categories = known.filter(categories.contains) + categories.filter { !known.contains($0) }
            let bars = plans.map { p -> Charts.CostBar in
                let m = a.run.models[p.k], tr = a.run.trials[p.k]
                return Charts.CostBar(name: p.result.name, parts: categories.compactMap { c in
                    m.categories.firstIndex(of: c).map { (category: c, value: Statistics.mean(tr.costPVByCategory.column($0))) }
                })
            }
            blocks.append(chart("chart-6-cost-by-category", s.costTitle, s.costDesc,
                                Charts.costs(bars, categories: categories, ctx: chartContext)))
        }
        var panels: [Charts.CLVPanel] = []
        let base = results.scenarios[0]
        for (g, samples) in a.run.clv[0].enumerated() {
            for (e, sample) in samples.enumerated() {
                let r = base.segments[g].clv[e]
                let name = samples.count > 1 ? "\(base.segments[g].name) · \(r.entryState)" : base.segments[g].name
                panels.append(Charts.CLVPanel(name: name, sorted: sample.values.filter(\.isFinite).sorted(), mean: r.mean,
                                              top20: r.top20Share))
            }
        }
        if !panels.isEmpty {
            blocks.append(chart("chart-7-clv-by-segment", s.clvTitle, s.clvDesc, Charts.clv(panels, ctx: chartContext)))
        }
        return Section(id: "charts", title: s.charts, blocks: blocks)
    }
}
