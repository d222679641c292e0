import CLVAnalysis
import CLVModel

/// Words of the "What drives the result" section and of the run notes in the method.
extension Strings {
    var drivers: String { t("What drives the result", "驱动因素与盈亏平衡") }
    var tornadoTitle: String { t("Tornado: NPV at mean inputs, one input moved to its P10 and P90", "龙卷风图：参数取均值时，单一输入移至 P10 与 P90 的净现值") }
    var tornadoCentre: String { t("NPV at mean inputs, no risks", "参数均值、无风险时的净现值") }
    var tornadoLow: String { t("Input at P10 (risk occurs)", "输入取 P10（风险发生）") }
    var tornadoHigh: String { t("Input at P90 (risk does not occur)", "输入取 P90（风险不发生）") }
    func tornadoDesc(_ names: String) -> String {
        t("For \(names): each bar moves one input from its mean to its 10th (sky) and 90th (vermillion) percentile with everything else at its mean, computed exactly on the expected-value path; a risk bar compares the risk occurring with it not occurring. The black line is the NPV at mean inputs without risks — a reference point, not the Monte Carlo expected NPV of the summary, which includes the risks and the inputs' spread.",
          "\(names)：每根条形将一个输入从均值移至第 10（天蓝）和第 90（朱红）百分位，其余输入取均值，在期望值路径上精确计算；风险条形比较风险发生与不发生。黑线为输入取均值且无风险时的净现值——仅作参照，并非摘要中含风险与输入不确定性的蒙特卡洛预期净现值。")
    }
    var breakEvenHeading: String { t("Break-even of each effect", "各项效果的盈亏平衡点") }
    var breakEvenText: String {
        t("The smallest change of each effect, in the direction the plan assumes, at which the plan's expected NPV over the simulated trials, risks included, reaches 0; every other input keeps its draws. \"Even without this effect\" means the plan's expected NPV stays ≥ 0 with the effect removed.",
          "在方案假设的方向上、使方案在全部模拟试验上的预期净现值（含风险）达到 0 所需的最小效果幅度；其余输入保持各自的抽样值。“即使没有此效果”指去掉该效果后方案的预期净现值仍 ≥ 0。")
    }
    func breakEven(_ i: BreakEvenItem, name: String) -> String {
        let what = name + " (\(changeWord(i.change)))"
        let assumed = BreakEven.format(i.assumed, i.change)
        switch i.status {
        case .reached:
            let v = BreakEven.format(i.breakEven ?? .nan, i.change)
            return t("\(what) must reach at least \(v) for NPV ≥ 0; the plan assumes \(assumed).",
                     "\(what) 至少需达到 \(v) 才能使净现值 ≥ 0；方案假设为 \(assumed)。")
        case .notNeeded:
            return t("\(what): NPV ≥ 0 even without this effect; the plan assumes \(assumed).",
                     "\(what)：即使没有此效果净现值也 ≥ 0；方案假设为 \(assumed)。")
        case .notReachable:
            let b = BreakEven.format(i.bound ?? .nan, i.change)
            return t("\(what): not reachable — NPV stays below 0 up to \(b); the plan assumes \(assumed).",
                     "\(what)：无法达到——直至 \(b) 净现值仍低于 0；方案假设为 \(assumed)。")
        case .notApplicable:
            return t("\(what): no break-even (a 'set' effect or no direction); the plan assumes \(assumed).",
                     "\(what)：无盈亏平衡点（'set' 效果或方向不明）；方案假设为 \(assumed)。")
        }
    }
    func changeWord(_ c: EffectChange) -> String {
        switch c {
        case .relative: t("relative", "相对")
        case .absolute: t("absolute", "绝对")
        case .set: t("set", "设定")
        case .multiply: t("multiply", "乘以")
        }
    }
    var globalHeading: String { t("What moves NPV across the simulated worlds", "模拟情形中影响净现值的因素") }
    var globalText: String {
        t("Spearman rank correlation between each input's draw and the plan's NPV over the trials, and the input's first-order share of NPV variance (binned estimate). Risks count as occurred (1) or not (0).",
          "各输入抽样值与方案净现值在各次模拟间的 Spearman 秩相关系数，以及该输入对净现值方差的一阶贡献（分箱估计）。风险按发生（1）或不发生（0）计。")
    }
    func sobolHeading(_ n: String) -> String { t("Sobol indices from a Saltelli design (N = \(n))", "Saltelli 设计的 Sobol 指数（N = \(n)）") }
    var sobolText: String {
        t("First-order index: the share of the plan's NPV variance the input explains alone; total index: its share including interactions with other inputs.",
          "一阶指数：该输入单独解释的方案净现值方差占比；总指数：包含与其他输入交互作用在内的占比。")
    }
    var firstOrder: String { t("First order", "一阶指数") }
    var totalIndex: String { t("Total", "总指数") }
    var spearman: String { t("Spearman ρ", "Spearman 秩相关系数 ρ") }
    var varianceShare: String { t("Share of NPV variance", "净现值方差占比") }
    func precisionNote(target: String, met: Bool, trials: String, passes: Int) -> String {
        met ? t("Trials were added in batches until the standard error of every plan's mean NPV was below \(target) of its absolute value: reached with \(trials) trials (\(passes) passes).",
                "按批次增加模拟次数，直至每个方案净现值均值的标准误低于其绝对值的 \(target)：在 \(trials) 次模拟时达到（共 \(passes) 轮）。")
            : t("Trials were added in batches toward a standard error below \(target) of every plan's mean NPV; the trial limit was reached first, at \(trials) trials.",
                "按批次增加模拟次数以使各方案净现值均值的标准误低于其绝对值的 \(target)；在达到该精度前已达到模拟次数上限（\(trials) 次）。")
    }
    func stressNote(path: String, level: String, value: String, text: String) -> String {
        t("Stress test: \(path) fixed at \(level) = \(value) (written as \(text)) in every trial.",
          "压力测试：\(path) 在每次模拟中固定为 \(level) = \(value)（原设定为 \(text)）。")
    }
}
