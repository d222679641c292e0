import CLVReport

/// Every fixed word of the diff comment, in one language.
struct DiffStrings {
    let locale: ReportLocale
    var en: Bool { locale == .en }
    func t(_ e: String, _ z: String) -> String { en ? e : z }

    func title(_ study: String, _ a: String, _ b: String) -> String {
        en ? "### clvsim diff — \(study): `\(a)` → `\(b)`" : "### clvsim diff — \(study)：`\(a)` → `\(b)`"
    }
    var decisionUnchanged: String { t("**Decision: unchanged.**", "**决策：不变。**") }
    var withinNoise: String { t("— *within Monte Carlo noise (less than 3 standard errors past the line)*", "——*在蒙特卡洛误差范围内（越线不足 3 倍标准误）*") }
    var decisionChanged: String { t("**Decision changed:**", "**决策发生变化：**") }
    func recommendedStays(_ p: String?, byDecision: Bool = false) -> String {
        if byDecision {
            guard let p else { return t("The study's decision rule still chooses to keep the current setup.", "研究的决策规则仍选择维持现状。") }
            return en ? "\(p) remains the choice of the study's decision rule (budget, loss limit and ranking)."
                      : "\(p) 仍是研究决策规则（预算、亏损概率上限与排序）的选择。"
        }
        guard let p else { return t("No plan has a positive expected NPV: keep the current setup.", "没有方案的预期净现值为正：维持现状。") }
        return en ? "\(p) remains the recommended plan (highest expected NPV, and positive)."
                  : "\(p) 仍是推荐方案（预期净现值最高且为正）。"
    }
    func ranking(_ a: String, _ b: String) -> String { en ? "Ranking by expected NPV: \(a) → \(b)" : "按预期净现值排名：\(a) → \(b)" }
    func recommended(_ a: String?, _ b: String?) -> String {
        let none = t("none (keep the current setup)", "无（维持现状）")
        return en ? "Recommended plan: \(a ?? none) → \(b ?? none)" : "推荐方案：\(a ?? none) → \(b ?? none)"
    }
    func crosses(_ p: String, _ a: String, _ b: String) -> String {
        en ? "\(p): P(NPV > 0) crosses 50% (\(a) → \(b))" : "\(p)：净现值为正的概率越过 50%（\(a) → \(b)）"
    }
    func sign(_ p: String, positive: Bool) -> String {
        en ? "\(p): expected NPV turns \(positive ? "positive" : "negative")" : "\(p)：预期净现值由\(positive ? "负转正" : "正转负")"
    }
    func headline(trials: Int, seed: UInt64, unit: String) -> String {
        en ? "**Headline figures** (amounts in \(unit)) — both sides at \(NumberFormat.grouped(Double(trials))) trials, seed \(seed); ± is the Monte Carlo standard error of Δ from the paired trials; ✱ marks |Δ| > 3 se."
           : "**主要指标**（金额单位：\(unit)）— 两侧均为 \(NumberFormat.grouped(Double(trials))) 次模拟、随机种子 \(seed)；± 为配对模拟下 Δ 的蒙特卡洛标准误；✱ 表示 |Δ| > 3 倍标准误。"
    }
    var moreFigures: String { t("Benefit, cost and payback", "收益、成本与回收期") }
    var figure: String { t("Figure", "指标") }
    var before: String { t("Before", "变更前") }
    var after: String { t("After", "变更后") }
    var delta: String { "Δ" }
    var se: String { t("± se", "± 标准误") }
    var expectedNPV: String { t("expected NPV", "预期净现值") }
    var benefit: String { t("benefit", "收益") }
    var costPV: String { t("cost (PV)", "成本现值") }
    var bcr: String { t("benefit–cost ratio", "成本收益比") }
    var pPositive: String { t("P(NPV > 0)", "净现值为正的概率") }
    var payback: String { t("payback p50", "回收期中位数") }
    var equity: String { t("customer equity", "客户资产") }
    var equityTerminal: String { t("customer equity + terminal", "客户资产（含终值）") }
    var none: String { t("none", "无") }
    func noun(_ c: AssumptionChange.Category) -> String {
        switch c {
        case .inputs: t("input", "输入")
        case .effects: t("effect", "效果")
        case .costs: t("cost", "成本项")
        case .risks: t("risk", "风险")
        case .plans: t("plan", "方案")
        case .segments: t("segment", "客群")
        case .states: t("state", "状态")
        case .settings: t("setting", "设置")
        case .ramp: t("ramp", "爬坡")
        case .correlations: t("correlation", "相关性")
        }
    }
    var added: String { t("added", "新增") }
    var removed: String { t("removed", "删除") }
    func changes(_ n: Int) -> String { en ? "**What changed** (\(n) assumption change\(n == 1 ? "" : "s"))" : "**假设变更**（共 \(n) 项）" }
    var noChanges: String { t("No assumption changed: both sides are the same study.", "假设没有变化：两侧为同一研究。") }
    func more(_ n: Int) -> String { en ? "… and \(n) more (see the JSON)" : "……另有 \(n) 项（见 JSON）" }
    func inScenarios(_ s: [String]) -> String { s.isEmpty ? "" : (en ? " (\(s.joined(separator: ", ")))" : "（\(s.joined(separator: "、"))）") }
    func attribution(method: String, factors: Int, runs: Int, unit: String) -> String {
        en ? "**Where Δ expected NPV comes from** (\(unit)) — \(method) over \(factors) change\(factors == 1 ? "" : "s"), \(runs) paired runs"
           : "**预期净现值变化的来源**（\(unit)）— \(method)，\(factors) 项变更，\(runs) 次配对运行"
    }
    var shapley: String { t("Shapley values (order-free)", "Shapley 值（与顺序无关）") }
    var sequential: String { t("one change at a time, in the order listed", "按所列顺序逐项变更") }
    var change: String { t("Change", "变更") }
    var other: String { t("other changes (structure, settings)", "其他变更（结构、设置）") }
    var residual: String { t("residual", "残差") }
    var interaction: String { t("of which the changes together (interaction)", "其中变更之间的交互作用") }
    var total: String { t("**Δ expected NPV**", "**预期净现值变化**") }
    var chart: String { t("waterfall chart", "瀑布图") }
    var gates: String { t("**Gates**", "**检查门槛**") }
    var tripped: String { t("tripped", "触发") }
    var passed: String { t("passed", "通过") }
    func footer(_ version: String, _ a: String, _ b: String) -> String {
        en ? "<sub>clvsim \(version) · before: \(a) · after: \(b)</sub>" : "<sub>clvsim \(version) · 变更前：\(a) · 变更后：\(b)</sub>"
    }
}
