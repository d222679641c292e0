public import CLVModel

/// Why a diff could not be made; each case maps to one exit status (`clvsim --help`).
public enum ReviewError: Error, Sendable, CustomStringConvertible {
    /// A revision or repository problem (exit 1).
    case git(String)
    /// A side's files have errors (exit 1): the side's label and its diagnostics.
    case invalidInput(side: String, [Diagnostic])
    /// A `--fail-if` or flag that cannot be understood (exit 2).
    case usage(String)
    /// A run failed or was interrupted (exit 3).
    case runFailed(String)
    /// A side would need more memory than allowed (exit 1).
    case tooLarge(String)

    public var description: String { lines.joined(separator: "\n") }

    /// The lines to print on standard error.
    public var lines: [String] {
        switch self {
        case .git(let m): ["clvsim: error: \(m)"]
        case .invalidInput(let side, let d): ["clvsim: error: the study at \(side) has errors:"] + d.map(\.description)
        case .usage(let m): ["clvsim: error: \(m)"]
        case .runFailed(let m), .tooLarge(let m): [m]
        }
    }
}
