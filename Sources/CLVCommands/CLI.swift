import ArgumentParser
import CLVModel

/// The `clvsim` command: `run`, `report`, `validate`, `sensitivity`, `calibrate`, `diff` and `merge` (model.md 6).
struct Clvsim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clvsim",
        abstract: "Monte Carlo customer-lifetime-value studies of CRM upgrade plans.",
        discussion: """
            Exit codes: 0 success; 1 invalid input (each problem printed as file:line:col: error: …); \
            2 usage error; 3 run-time failure (an output could not be written, the run was interrupted); \
            4 a `clvsim diff --fail-if` gate tripped.
            """,
        version: Tool.version,
        subcommands: [RunCommand.self, ReportCommand.self, ValidateCommand.self, SensitivityCommand.self, CalibrateCommand.self,
                      DiffCommand.self, MergeCommand.self])

    init() {}
}

/// A subcommand whose work writes to a `Console` and returns an exit status.
protocol ConsoleCommand: ParsableCommand {
    func execute(_ console: Console) -> ExitStatus
}

/// Entry point shared by the executable and the tests.
public enum CLI {
    /// Parses `arguments` (without the program name), runs the command, and returns the exit code:
    /// 3 whenever something could not be written to standard output or error (`Console.writeFailure`).
    public static func main(_ arguments: [String], console: Console = .standard()) -> Int32 {
        Signals.ignoreBrokenPipe()
        let status = run(joiningNegativeValues(arguments), console: console)
        return console.writeFailure == nil ? status : ExitStatus.runtimeFailure.rawValue
    }

    static func run(_ arguments: [String], console: Console) -> Int32 {
        let command: any ParsableCommand
        do {
            command = try Clvsim.parseAsRoot(arguments)
        } catch {
            let code = Clvsim.exitCode(for: error)
            let message = Clvsim.fullMessage(for: error)
            if code == .success {
                console.print(message)
                return ExitStatus.success.rawValue
            }
            console.error(message)
            return ExitStatus.usage.rawValue
        }
        if let c = command as? any ConsoleCommand { return c.execute(console).rawValue }
        // `clvsim help [subcommand]` and bare `clvsim`: ArgumentParser's own help command,
        // rendered for the subcommand it names.
        do {
            var help = command
            try help.run()
        } catch {
            let code = Clvsim.exitCode(for: error)
            if code == .success {
                console.print(Clvsim.fullMessage(for: error))
                return ExitStatus.success.rawValue
            }
            console.error(Clvsim.fullMessage(for: error))
            return ExitStatus.usage.rawValue
        }
        return ExitStatus.success.rawValue
    }

    /// Options whose value may be written negative (`--trials -5`): ArgumentParser would read `-5`
    /// as a flag and say "Missing value"; joined as `--trials=-5`, the value is read and the
    /// option's own check names the allowed range.
    static let numericOptions: Set<String> = ["--trials", "--seed", "--clv-samples", "--threads", "--max-trials",
                                               "--sobol", "--top", "--max-memory", "--precision"]

    static func joiningNegativeValues(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { out += arguments[i...]; break }
            if numericOptions.contains(a), i + 1 < arguments.count, let next = arguments[i + 1].first, next == "-",
               arguments[i + 1].dropFirst().first.map({ $0.isNumber || $0 == "." }) == true {
                out.append(a + "=" + arguments[i + 1])
                i += 2
                continue
            }
            out.append(a)
            i += 1
        }
        return out
    }
}
