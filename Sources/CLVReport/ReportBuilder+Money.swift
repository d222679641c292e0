import CLVAnalysis

extension ReportBuilder {
    /// Cost schedule and funding need, downside, the horizon/terminal bridge, discount rates and IRR.
    func money() -> Section? {
        guard !plans.isEmpty, let board = results.board else { return nil }
        var blocks: [Block] = []
        let boards = plans.compactMap { p in board.plans.first { $0.plan == p.result.name }.map { (p, $0) } }

        // Downside.
        blocks.append(.heading(s.downsideHeading))
        let cells = fmt.moneyColumn(boards.flatMap { [$0.1.downside.p10, $0.1.downside.meanLossGivenLoss, $0.1.downside.cvar5] })
        blocks.append(.table(Table(
            header: [s.plan, s.p10, s.pLoss, s.lossGivenLoss, s.cvar5],
            rows: boards.enumerated().map { i, b in
                [planName(b.0.result), cells[3 * i], NumberFormat.percent(b.1.downside.pLoss), cells[3 * i + 1], cells[3 * i + 2]]
            }, numeric: [1, 2, 3, 4])))
        blocks.append(.note(s.downsideNote))

        // Bridge.
        let bridges = boards.map { p, b in
            Charts.Bridge(name: planName(p.result), benefit: b.bridge.benefitHorizon, cost: b.bridge.cost,
                          npvHorizon: b.bridge.npvHorizon, terminal: b.bridge.terminal, npv: b.bridge.npv)
        }
        if settings.terminalValue == "clv" {
            blocks.append(chart("chart-9-npv-bridge", s.bridgeTitle, s.bridgeDesc) {
                Charts.waterfall(bridges, ctx: chartContext, title: s.bridgeTitle)
            })
        }

        // Cost schedule by year and category, and the peak funding need.
        blocks.append(.heading(s.scheduleHeading))
        let perYear = periodsPerYear
        let T = settings.horizon
        let years = (T + perYear - 1) / perYear
        let columns = [s.atGoAhead] + (1...max(years, 1)).map(s.yearColumn)
        func byYear(_ v: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: columns.count)
            for (t, x) in v.enumerated() { out[t == 0 ? 0 : min((t - 1) / perYear + 1, columns.count - 1)] += x }
            return out
        }
        let categories = costCategories
        let schedules = boards.map { p, b -> Charts.Schedule in
            Charts.Schedule(name: planName(p.result), values: categories.map { c in
                b.funding.categories.firstIndex(of: c).map { byYear(b.funding.costByPeriod[$0]) }
                    ?? [Double](repeating: 0, count: columns.count)
            })
        }
        blocks.append(chart("chart-10-cost-schedule", s.scheduleTitle, s.scheduleDesc) {
            Charts.schedule(schedules, categories: categories, columns: columns, ctx: chartContext, title: s.scheduleTitle)
        })
        // One unit for the whole table, so every column reads the same way.
        var lines: [(String, String, [Double])] = []
        for sc in schedules {
            let all = sc.values + [columns.indices.map { j in sc.values.reduce(0) { $0 + $1[j] } }]
            var first = true
            // A category the plan does not spend on gets no row.
            for (ci, values) in all.enumerated() where ci == categories.count || values.contains(where: { $0 != 0 }) {
                let name = ci < categories.count ? chartContext.category(categories[ci]) : s.total
                lines.append((first ? sc.name : "", name, values + [values.reduce(0, +)]))
                first = false
            }
        }
        let scaled = fmt.scaled(lines.flatMap(\.2))
        let width = columns.count + 1
        let rows = lines.enumerated().map { i, l in [l.0, l.1] + Array(scaled.cells[(i * width)..<((i + 1) * width)]) }
        blocks.append(.table(Table(caption: s.amountsIn(scaled.unit), header: [s.plan, s.categoryColumn] + columns + [s.total],
                                   rows: rows, numeric: Set(2..<(columns.count + 3)))))
        blocks.append(.list(boards.map { p, b in
            [.text(s.peakFunding(plan: planName(p.result), mean: fmt.money(b.funding.peakFundingMean),
                                 p90: fmt.money(b.funding.peakFundingP90), period: b.funding.peakPeriod, unit: chartContext.periodUnit))]
        }))
        blocks.append(.note(s.scheduleNote(unit: chartContext.periodUnit)))

        // Discount rate ± 2 points and IRR.
        blocks.append(.heading(s.ratesHeading))
        let rates = boards.first?.1.discountRates.map { NumberFormat.percent($0.rate, decimals: 0) } ?? []
        let npvCells = fmt.moneyColumn(boards.flatMap { $0.1.discountRates.map { Optional($0.npvMean) } })
        let n = rates.count
        blocks.append(.table(Table(
            header: [s.plan] + rates.map(s.rateColumn) + [s.irrMedian, s.irrExists],
            rows: boards.enumerated().map { i, b in
                [planName(b.0.result)] + (0..<n).map { npvCells[i * n + $0] }
                    + [b.1.irr.median.map { NumberFormat.percent($0) } ?? s.notExist, NumberFormat.percent(b.1.irr.shareExists)]
            }, numeric: Set(1...(n + 2)))))
        blocks.append(.note(s.ratesNote))
        return Section(id: "money", title: s.money, blocks: blocks)
    }

    var periodsPerYear: Int {
        switch settings.period { case "month": 12; case "quarter": 4; case "half_year": 2; default: 1 }
    }
}
