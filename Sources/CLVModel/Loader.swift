/// Reads study and scenario files. (Implementation in progress.)
public enum Loader {
    /// Loads a study file, or a lone scenario file as a study with a baseline and no plans.
    /// Throws `Diagnostics` listing every problem found when any is an error.
    public static func loadStudy(path: String) throws(Diagnostics) -> Study {
        throw Diagnostics([Diagnostic(at: SourceLocation(file: path, line: 0, column: 0), "loader not implemented")])
    }

    /// Checks files (studies, baselines or plans) and returns every problem found, errors and warnings.
    public static func validate(paths: [String]) -> [Diagnostic] { [] }
}
