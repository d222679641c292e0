/// The report's language.
public enum ReportLocale: String, Sendable, CaseIterable {
    case en
    case zhHans = "zh-Hans"

    /// `en`, `zh-Hans` (also `zh`, `zh-CN`); nil for anything else.
    public init?(tag: String) {
        switch tag.lowercased() {
        case "en", "en-us", "en-gb": self = .en
        case "zh-hans", "zh", "zh-cn", "zh-hans-cn": self = .zhHans
        default: return nil
        }
    }
}

/// Every fixed word of the report, in one language. Sentences with numbers are functions.
struct Strings: Sendable {
    let locale: ReportLocale

    static func of(_ l: ReportLocale) -> Strings { Strings(locale: l) }
    var en: Bool { locale == .en }
    func t(_ e: String, _ z: String) -> String { en ? e : z }

    // Header
    var study: String { t("Study", "研究") }
    var date: String { t("Date", "日期") }
    var tool: String { t("Tool", "工具") }
    var seed: String { t("Seed", "随机种子") }
    var trials: String { t("Trials", "模拟次数") }
    var gitCommit: String { t("Scenario folder commit", "情景目录 Git 提交") }
    var inputFiles: String { t("Input files", "输入文件") }
    var file: String { t("File", "文件") }
    var sha256: String { "SHA-256" }

    // Sections
    var summary: String { t("Executive summary", "执行摘要") }
    var comparison: String { t("Scenario comparison", "情景比较") }
    var charts: String { t("Charts", "图表") }
    var risks: String { t("Risk register", "风险登记") }
    var assumptions: String { t("Assumptions", "假设附录") }
    var method: String { t("Method", "方法说明") }

    // Summary
    var ranking: String { t("Ranking", "方案排名") }
    var pairwise: String { t("Head to head", "两两比较") }
    var plan: String { t("Plan", "方案") }
    var against: String { t("Against", "对比方案") }
    var pBeats: String { t("P(plan beats the other)", "方案胜出概率") }
    var meanDifference: String { t("Mean NPV difference", "净现值差额均值") }
    var expectedNPV: String { t("Expected NPV", "预期净现值") }

    func planSentence(plan: String, npv: String, lo: String, hi: String, bcr: String, roi: String, p: String,
                      payback: String) -> String {
        en ? "\(plan): expected NPV \(npv) (90% interval \(lo) to \(hi)), benefit–cost ratio \(bcr), ROI \(roi), a \(p) chance that NPV is positive, and \(payback)."
           : "\(plan)：预期净现值 \(npv)（90% 区间 \(lo) 至 \(hi)），成本收益比 \(bcr)，投资回报率 \(roi)，净现值为正的概率为 \(p)，\(payback)。"
    }
    func payback(_ period: Int, unit: String) -> String {
        en ? "a median payback in \(unit) \(period)" : "投资回收期中位数为第 \(period) \(unit)"
    }
    func noPayback(share: String) -> String {
        en ? "no median payback within the horizon (\(share) of trials pay back)"
           : "在规划期内多数情形无法收回投资（\(share) 的模拟可收回）"
    }
    func keyDetail(p: String, bcr: String) -> String {
        en ? "expected NPV · P(NPV > 0) \(p) · BCR \(bcr)" : "预期净现值 · 净现值为正概率 \(p) · 成本收益比 \(bcr)"
    }
    func basis(terminal: Bool) -> String {
        if terminal {
            return t("Benefit is each plan's customer equity minus the baseline's, including terminal value (customers still active at the horizon keep their expected lifetime value). NPV is benefit minus the present value of the plan's costs, trial by trial.",
                     "收益为方案与基准情景的客户资产之差，含终值（规划期末仍在的客户按其预期终身价值计入）。净现值为收益减去方案成本的现值，逐次模拟计算。")
        }
        return t("Benefit is each plan's customer equity minus the baseline's over the horizon only (no terminal value). NPV is benefit minus the present value of the plan's costs, trial by trial.",
                 "收益为方案与基准情景在规划期内的客户资产之差（不含终值）。净现值为收益减去方案成本的现值，逐次模拟计算。")
    }
    func rankItem(_ rank: Int, plan: String, npv: String, p: String) -> String {
        en ? "\(plan) — expected NPV \(npv), P(NPV > 0) \(p)" : "\(plan) — 预期净现值 \(npv)，净现值为正概率 \(p)"
    }
    var pairNote: String {
        t("Paired by trial: both plans face the same simulated world in each trial (common random numbers).",
          "按模拟逐次配对：每次模拟中两个方案面对相同的随机情形（共同随机数）。")
    }

    // Comparison
    var scenario: String { t("Scenario", "情景") }
    var role: String { t("Role", "角色") }
    var baseline: String { t("baseline", "基准") }
    var planRole: String { t("plan", "方案") }
    var ceHorizon: String { t("Customer equity (horizon)", "客户资产（规划期内）") }
    var ceTerminal: String { t("Customer equity (with terminal value)", "客户资产（含终值）") }
    var customersAtHorizon: String { t("Customers at horizon", "期末客户数") }
    var clvHeading: String { t("Lifetime value of a new customer, by segment", "各细分客群新客户终身价值") }
    var overflows: String { t("Row overflows", "转移概率溢出") }
    var comparisonNote: String {
        t("Means over trials. Customer equity is the present value of all customers' cash flows; CLV is the mean lifetime value of one newly acquired customer, acquisition cost included. A row overflow is a period in which a state's move probabilities summed above 1 and were scaled down.",
          "均为各次模拟的平均值。客户资产为全部客户现金流的现值；终身价值为一位新获客户的平均终身价值（已扣除获客成本）。转移概率溢出指某期某状态的转移概率之和超过 1 而被按比例缩减的次数。")
    }

    // Charts
    var npvHistTitle: String { t("NPV distribution by plan", "各方案净现值分布") }
    var npvAxis: String { t("NPV", "净现值") }
    var shareOfTrials: String { t("Share of trials (%)", "模拟占比（%）") }
    var zeroLine: String { t("NPV = 0", "净现值 = 0") }
    var sCurveTitle: String { t("Cumulative probability of NPV", "净现值累积概率") }
    var cumulativeProbability: String { t("Probability that NPV ≤ x (%)", "净现值 ≤ x 的概率（%）") }
    var fanTitle: String { t("Active customers over time", "活跃客户数变化") }
    var activeCustomers: String { t("Active customers", "活跃客户数") }
    var band90: String { t("P5–P95", "P5–P95") }
    var band50: String { t("P25–P75", "P25–P75") }
    var median: String { t("Median", "中位数") }
    var baselineMedian: String { t("Baseline median", "基准中位数") }
    var cashTitle: String { t("Cumulative discounted cash flow against the baseline", "相对基准的累计折现现金流") }
    var cumulativeCash: String { t("Cumulative discounted net cash flow", "累计折现净现金流") }
    var medianPayback: String { t("Median payback", "回收期中位数") }
    var stageTitle: String { t("Lifecycle stage mix at the horizon (mean customers)", "规划期末客户生命周期阶段构成（平均客户数）") }
    var customersMean: String { t("Customers (mean)", "客户数（均值）") }
    var costTitle: String { t("Cost by category (present value, mean over trials)", "按类别的成本（现值，模拟均值）") }
    var costAxis: String { t("Present value of cost", "成本现值") }
    var clvTitle: String { t("Lifetime value of a new customer, by segment (baseline)", "各细分客群新客户终身价值分布（基准）") }
    var clvAxis: String { t("CLV", "终身价值") }
    var shareOfCustomers: String { t("Share of customers (%)", "客户占比（%）") }
    var mean: String { t("Mean", "均值") }
    func top20(_ share: String) -> String { en ? "top 20% hold \(share) of value" : "前 20% 客户贡献 \(share) 价值" }
    func periodAxis(_ unit: String) -> String { en ? "\(unit.capitalizedFirst) (period)" : "期数（\(unit)）" }

    func stage(_ s: String) -> String {
        switch s {
        case "acquisition": t("Acquisition", "获客")
        case "retention": t("Retention", "留存")
        case "expansion": t("Expansion", "拓展")
        case "churn": t("Churn", "流失")
        default: s
        }
    }
    func category(_ c: String) -> String {
        switch c {
        case "technology": t("Technology", "技术")
        case "people": t("People", "人员")
        case "operations": t("Operations", "运营")
        case "marketing": t("Marketing", "营销")
        case "mitigation": t("Risk mitigation", "风险缓解")
        case "transfer": t("Risk transfer", "风险转移")
        default: c
        }
    }
    func period(_ p: String) -> String {
        switch p {
        case "month": t("month", "月")
        case "quarter": t("quarter", "季度")
        case "half_year": t("half-year", "半年")
        case "year": t("year", "年")
        default: p
        }
    }

    // Chart descriptions
    func npvHistDesc(_ plans: String) -> String {
        en ? "Histogram of the net present value over all trials for \(plans), with the 5th, 50th and 95th percentiles marked and a line at zero."
           : "\(plans)各次模拟净现值的直方图，标出第 5、50、95 百分位数及零线。"
    }
    var sCurveDesc: String {
        t("For each plan, the share of trials whose NPV is at most the value on the horizontal axis. A curve further right is better; where it crosses zero shows the chance of losing money.",
          "每个方案净现值不超过横轴取值的模拟占比。曲线越靠右越好；曲线与零线的交点即亏损概率。")
    }
    var fanDesc: String {
        t("Customers in non-churn states at the end of each period, every scenario on one scale: the median line and the P5–P95 band (shaded) of each.",
          "各期末非流失客户数，全部情景使用同一刻度：每个情景的中位数曲线与 P5–P95 区间（阴影）。")
    }
    var cashDesc: String {
        t("Mean over trials of the cumulative discounted difference between the plan's and the baseline's cash flow, minus the plan's cost, within the horizon: it leaves out the terminal value, so its end point is the NPV within the horizon, not the headline expected NPV. A circle marks the median payback period, when at least half the trials pay back.",
          "各次模拟均值：规划期内方案与基准的现金流之差扣除方案成本后的累计折现值。不含终值，因此终点为规划期内净现值，而非标题中的预期净现值。至少半数模拟可收回投资时，圆点标出回收期中位数。")
    }
    var stageDesc: String {
        t("Mean customers per lifecycle stage at the end of the horizon, one stacked bar per scenario on one scale.",
          "规划期末各生命周期阶段的平均客户数，每个情景一根堆叠横条，使用同一刻度。")
    }
    var costDesc: String {
        t("Present value of each plan's cost by category, mean over trials (overruns included).",
          "各方案按类别的成本现值，模拟均值（含超支）。")
    }
    var clvDesc: String {
        t("Distribution of the lifetime value of one newly acquired customer per segment, over simulated customers, with the mean marked and the share of total value that the top 20% of customers hold. The axis is cut at the 1st and 99th percentiles.",
          "各细分客群一位新获客户终身价值在模拟客户中的分布，标出均值及前 20% 客户所占价值份额。横轴截取第 1 至第 99 百分位。")
    }

    // Risks
    var risk: String { t("Risk", "风险") }
    var probabilityWritten: String { t("Probability (as written)", "概率（设定）") }
    var occurred: String { t("Occurred in trials", "模拟中发生比例") }
    var npvWith: String { t("Mean NPV with the risk", "发生时净现值均值") }
    var npvWithout: String { t("Mean NPV without", "未发生时净现值均值") }
    var impact: String { t("Impact", "影响") }
    var noRisks: String { t("No plan lists a risk.", "各方案均未列出风险。") }
    var risksNote: String {
        t("Each risk occurs independently in a trial with its probability; delays push the ramp back, overruns raise costs, an effect scale shrinks the plan's effects.",
          "每个风险在每次模拟中按其概率独立发生：延误推迟效果爬坡，超支增加成本，效果折减使方案效果按比例缩小。")
    }

    // Assumptions
    var inputsHeading: String { t("Inputs", "输入参数") }
    var input: String { t("Input", "参数") }
    var distribution: String { t("Distribution as written", "分布（原文）") }
    var p5p95: String { t("P5–P95 of draws", "抽样 P5–P95") }
    var usedBy: String { t("Used by", "所属情景") }
    var allScenarios: String { t("all scenarios", "全部情景") }
    var constant: String { t("constant", "常数") }
    var inputsNote: String {
        t("Every number of the baseline and the plans; a plan shares an input with the baseline when the path is the same (common random numbers). Occurrence draws of risks are uniform(0, 1).",
          "基准与各方案的全部参数；路径相同的参数在方案与基准间共用同一抽样（共同随机数）。风险是否发生由 uniform(0, 1) 抽样决定。")
    }
    var effectsHeading: String { t("Plan effects and ramp", "方案效果与爬坡") }
    var target: String { t("Target", "作用对象") }
    var segments: String { t("Segments", "细分客群") }
    var change: String { t("Change", "变化方式") }
    var amount: String { t("Amount", "幅度") }
    var allSegments: String { t("all", "全部") }
    func changeKind(_ c: String) -> String {
        switch c {
        case "relative": t("relative", "相对")
        case "absolute": t("absolute", "绝对")
        case "set": t("set to", "设为")
        case "multiply": t("multiplied by", "乘以")
        default: c
        }
    }
    func ramp(plan: String, from: String, to: String, unit: String) -> String {
        en ? "\(plan): effects start after \(unit) \(from) and are full from \(unit) \(to)."
           : "\(plan)：效果自第 \(from) \(unit)后开始显现，第 \(to) \(unit)起全部到位。"
    }
    /// A window that ends: full through `until`, then gone at once (`fade` nil) or fading out.
    func ramp(plan: String, from: String, to: String, until: String, fade: String?, end: String, unit: String) -> String {
        en ? "\(plan): effects start after \(unit) \(from), are full from \(unit) \(to) through \(unit) \(until)" + windowEnd(fade, end, unit) + "."
           : "\(plan)：效果自第 \(from) \(unit)后开始显现，第 \(to) \(unit)起全部到位，持续至第 \(until) \(unit)" + windowEnd(fade, end, unit) + "。"
    }
    /// An effect's own window (`ramp:` on the effect), replacing the plan's for that effect.
    func effectRamp(plan: String, effect: String, from: String, to: String, until: String?, fade: String?, end: String,
                    unit: String) -> String {
        let through = until.map {
            en ? " through \(unit) \($0)" + windowEnd(fade, end, unit, one: true) : "，持续至第 \($0) \(unit)" + windowEnd(fade, end, unit)
        } ?? ""
        return en ? "\(plan), \(effect): this effect has its own window; it starts after \(unit) \(from) and is full from \(unit) \(to)\(through)."
                  : "\(plan)，\(effect)：该效果有独立的时间窗，自第 \(from) \(unit)后开始显现，第 \(to) \(unit)起全部到位\(through)。"
    }
    /// How a window ends; `one`: said of one effect ("stops", "fades out").
    private func windowEnd(_ fade: String?, _ end: String, _ unit: String, one: Bool = false) -> String {
        if let fade {
            return en ? ", then \(one ? "fades" : "fade") out over \(fade) \(unit)s (none from \(unit) \(end) on)"
                      : "，其后 \(fade) 个\(unit)内逐步消退（第 \(end) \(unit)起为零）"
        }
        return en ? ", then \(one ? "stops" : "stop")" : "，此后不再有效"
    }
    func noRamp(plan: String) -> String { en ? "\(plan): effects are full from the start." : "\(plan)：效果自开始即全部到位。" }

    // Method
    func methodText(periods: Int, unit: String, rate: String, trials: String) -> String {
        en ? "Each scenario is a Markov chain of customer lifecycle states (acquisition, retention, expansion, churn) per segment, simulated as counts over \(periods) \(unit)s with new arrivals each period. Cash flow per period is revenue minus cost to serve and acquisition cost, discounted at \(rate) a year. Every uncertain input is drawn once per trial; \(trials) trials are run, and a plan and the baseline use the same draws in each trial, so their difference isolates the plan."
           : "每个情景将各细分客群的客户生命周期（获客、留存、拓展、流失）建模为马尔可夫链，按客户数量模拟 \(periods) 个\(unit)，每期有新客户到达。每期现金流为收入减去服务成本与获客成本，按年折现率 \(rate) 折现。每个不确定参数在每次模拟中抽样一次，共 \(trials) 次模拟；同一次模拟中方案与基准使用相同抽样，两者之差即方案本身的影响。"
    }
    var seHeading: String { t("Monte Carlo standard errors", "蒙特卡洛标准误") }
    var figure: String { t("Figure", "指标") }
    var estimate: String { t("Estimate", "估计值") }
    var standardError: String { t("Standard error", "标准误") }
    func seNPV(_ plan: String) -> String { en ? "Expected NPV — \(plan)" : "预期净现值 — \(plan)" }
    func seP(_ plan: String) -> String { en ? "P(NPV > 0) — \(plan)" : "净现值为正概率 — \(plan)" }
    func seBCR(_ plan: String) -> String { en ? "BCR (ratio of means) — \(plan)" : "成本收益比（均值之比）— \(plan)" }
    func seCE(_ sc: String) -> String { en ? "Customer equity — \(sc)" : "客户资产 — \(sc)" }
    var analyticHeading: String { t("Analytic check", "解析校验") }
    var analyticText: String {
        t("The expected-value path computes customer equity exactly with every input at its mean and no risks. With uncertain inputs the Monte Carlo mean differs from it by the effect of the uncertainty (non-linearity, risks), so the z-score measures that effect plus simulation error; with constant inputs it must be within a few standard errors.",
          "期望值路径在全部参数取均值且无风险时精确计算客户资产。参数不确定时，蒙特卡洛均值与之相差的部分来自不确定性本身（非线性与风险）加上模拟误差，z 值反映两者之和；若参数均为常数，二者之差应在几个标准误以内。")
    }
    var analytic: String { t("Analytic (mean inputs)", "解析值（参数均值）") }
    var monteCarlo: String { t("Monte Carlo mean", "蒙特卡洛均值") }
    var zScore: String { t("z", "z 值") }
    var horizonBasis: String { t("horizon", "规划期内") }
    var terminalBasis: String { t("with terminal value", "含终值") }
    var basisColumn: String { t("Basis", "口径") }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
