/// clvsim's exit codes (README, `--help`).
public enum ExitStatus: Int32, Sendable {
    /// Success.
    case success = 0
    /// Invalid input: a scenario or study file has errors.
    case invalidInput = 1
    /// Usage: unknown flag, missing argument, bad flag value.
    case usage = 2
    /// Run-time failure: a file could not be written, the run was interrupted.
    case runtimeFailure = 3
    /// `clvsim diff`: a `--fail-if` gate tripped (the outputs are written).
    case gateTripped = 4
}

/// An error that ends a command with a given status after printing its lines.
struct CommandFailure: Error {
    var status: ExitStatus
    var lines: [String]
}
