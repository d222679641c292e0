/// How much of the analysis a run computes (`clvsim run --analysis`).
///
/// - `full` (the default): everything the board pack shows.
/// - `summary`: what the engine's benchmark peers compute and whatever else costs little — every
///   key of model.md 6 (customer equity, CLV samples and their statistics, the expected path at
///   mean inputs, the plan metrics with payback and P(NPV > 0)), and head-to-head, the
///   assumptions, the board figures and the decision's ranking — with the same values as a full
///   run. It skips the sensitivity analytics (tornado, break-even, global), the value of
///   information, the decision's acceptability over the hurdle grid and the expectation check:
///   `sensitivity`, `value_of_information`, `decision.acceptability` and `scenarios[].check` are
///   absent, and the results say `"analysis": "summary"` (docs/results-json.md). A board pack
///   needs the full analysis: `clvsim report` refuses such a file.
public enum AnalysisDepth: String, Sendable, CaseIterable {
    case full, summary

    /// The parts a summary leaves out, as `clvsim report` names them.
    public static let skippedBySummary = "sensitivity (tornado, break-even, global), value of information, "
        + "the decision's acceptability and the expectation check"
}
