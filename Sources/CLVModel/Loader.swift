/// Reads study and scenario files (model.md 2): YAML with positions, `extends` merged, every number
/// and distribution parsed and checked, every problem reported with its file, line, column and key path.
public enum Loader {
    /// Loads a study file, or a lone scenario file as a study with a baseline and no plans.
    /// Throws `Diagnostics` listing every problem found (warnings included) when any is an error;
    /// otherwise warnings are in `Study.warnings`. `path` is shown in messages as given (normalised).
    public static func loadStudy(path: String) throws(Diagnostics) -> Study {
        let sink = DiagnosticSink()
        let store = SourceStore()
        let study = StudyDecoder(store: store, sink: sink).decode(Paths.normalize(path))
        let problems = sink.sorted
        guard var study, !sink.hasErrors else {
            throw Diagnostics(problems.isEmpty ? [Diagnostic(at: SourceLocation(file: path, line: 0, column: 0), "cannot load")] : problems)
        }
        study.warnings = problems
        study.inputs = store.inputs
        return study
    }

    /// Checks files (studies, baselines or plans; a plan with its `extends` chain) and returns every
    /// problem found, errors and warnings, sorted by file, line and column, each once.
    public static func validate(paths: [String]) -> [Diagnostic] {
        let sink = DiagnosticSink()
        for path in paths {
            // One store per file named: each check reads its files fresh, as a run would.
            let store = SourceStore()
            let decoder = StudyDecoder(store: store, sink: sink)
            let file = Paths.normalize(path)
            if case .success(let tree) = store.tree(file, namedAt: nil), !StudyDecoder.isStudy(tree) {
                _ = decoder.scenario(file, namedAt: nil)
            } else {
                _ = decoder.decode(file)
            }
        }
        return sink.sorted
    }
}
