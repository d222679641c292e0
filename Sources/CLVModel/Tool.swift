/// The tool's name and version, recorded in every result and report (model.md 4).
public enum Tool {
    public static let name = "clvsim"
    public static let version = "0.1.0"
}
