/// Sentences that say what a figure is: the horizon/terminal split, payback's basis, ROI and
/// BCR, and the expectation check.
extension Strings {
    func horizonSplit(horizon: String, terminal: String, total: String, periods: Int, unit: String,
                      mostlyBeyond: Bool) -> String {
        let split = en
            ? "Within the \(periods)-\(unit) horizon the expected NPV is \(horizon); the terminal value of the customers kept beyond it adds \(terminal), for \(total) in all."
            : "规划期（\(periods) 个\(unit)）内预期净现值为 \(horizon)；规划期后留存客户的终值贡献 \(terminal)，合计 \(total)。"
        guard mostlyBeyond else { return split }
        return split + t(" Most of the value lies beyond the horizon: it depends on the customers the plan keeps after it.",
                         "大部分价值产生于规划期之后，取决于方案在期末之后留住的客户。")
    }
    var paybackBasis: String {
        t("Payback is the first period at which the cumulative discounted cash flow against the baseline, net of the plan's costs, turns non-negative. It counts cash flows within the horizon only (no terminal value), so a plan can have a positive NPV and still not pay back within the horizon.",
          "投资回收期为相对基准的累计折现现金流（扣除方案成本）首次转为非负的期数。它只计算规划期内的现金流（不含终值），因此方案可能净现值为正却在规划期内无法收回投资。")
    }
    var ratioDefinitions: String {
        t("Definitions: benefit–cost ratio (BCR) = expected benefit ÷ expected present value of cost (a ratio of means, written 1 : BCR); ROI = expected NPV ÷ expected present value of cost = BCR − 1. Expected values are Monte Carlo means over the trials, risks included.",
          "定义：成本收益比 = 预期收益 ÷ 预期成本现值（均值之比，记作 1 : 比值）；投资回报率 = 预期净现值 ÷ 预期成本现值 = 成本收益比 − 1。预期值均为含风险的蒙特卡洛模拟均值。")
    }
    var checkHeading: String { t("Expectation check", "期望值校验") }
    func checkText(trials: String) -> String {
        t("For each of the first \(trials) trials, the expected-value path at that trial's own drawn inputs (risks as drawn) gives the exact expected customer equity of that simulated world. The Monte Carlo value minus it has mean 0 whatever the inputs' spread, so z = mean difference ÷ its standard error measures simulation error alone: |z| above 4 would be a defect. The value at mean inputs without risks is shown for reference only; it differs from the Monte Carlo mean by the effect of uncertainty and risks.",
          "对前 \(trials) 次模拟，以每次模拟自身抽取的输入（含风险抽样结果）计算期望值路径，得到该模拟情形下客户资产的精确期望。蒙特卡洛结果与之差额的均值为 0（无论输入的不确定性多大），因此 z = 差额均值 ÷ 其标准误只反映模拟误差：|z| 大于 4 即为缺陷。参数取均值且无风险时的数值仅作参考，它与蒙特卡洛均值之差来自不确定性与风险的影响。")
    }
    var atMeanInputs: String { t("At mean inputs, no risks (reference)", "参数均值、无风险（参考）") }
    var exactExpectation: String { t("Exact expectation of the same trials", "同批模拟的精确期望") }
    var monteCarloSameTrials: String { t("Monte Carlo mean (same trials)", "蒙特卡洛均值（同批模拟）") }
    var seOfDifference: String { t("Standard error of the difference", "差额标准误") }

    var voiHeading: String { t("Value of information: what a pilot could be worth", "信息价值：试点最多值多少") }
    var doNothing: String { t("doing nothing", "维持现状") }
    var evppi: String { t("Worth knowing for certain (EVPPI)", "确知该输入的价值（EVPPI）") }
    var shareOfEVPI: String { t("Share of EVPI", "占 EVPI 比例") }
    func voiText(evpi: String, best: String, top: (input: String, value: String)?) -> String {
        var text = t("On today's information the best choice is \(best). Knowing every input for certain before choosing would be worth up to \(evpi) (the expected value of perfect information, EVPI).",
                     "按现有信息，最优选择为\(best)。若在决策前确知全部输入，最多值 \(evpi)（完全信息期望价值，EVPI）。")
        if let top {
            text += t(" Knowing \(top.input) alone would be worth up to \(top.value): a pilot that measures it and costs more than that cannot pay.",
                      " 仅确知 \(top.input) 最多值 \(top.value)：为测量它而开展的试点若成本更高，则不值得。")
        }
        return text
    }
    func voiNote(se: String) -> String {
        t("EVPPI is estimated from the run's own trials by regressing each option's NPV on the input (local lines in equal-count bins) and subtracting the level that noise alone gives (the same fit after shuffling the trials). Standard error of EVPI: \(se).",
          "EVPPI 由本次模拟的各次结果估计：将各选项净现值对该输入做分箱局部线性回归，并减去仅由噪声产生的水平（打乱模拟顺序后的同一拟合）。EVPI 标准误：\(se)。")
    }
}
