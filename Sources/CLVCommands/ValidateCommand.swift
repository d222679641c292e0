import ArgumentParser
import CLVEngine
import CLVModel

/// `clvsim validate FILE...`: every problem of every file, one line each.
struct ValidateCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check study and scenario files and report every problem.",
        discussion: "Prints each problem as file:line:col: error: key.path: message and exits 1 when any is an error.")

    @Argument(help: "Study, baseline or plan files.")
    var files: [String]

    func execute(_ console: Console) -> ExitStatus {
        var found = Loader.validate(paths: files)
        // Checks that need the compiled study (correlation matrices), for the files that load.
        var seen = Set(found)
        for file in files {
            guard let study = try? Loader.loadStudy(path: file) else { continue }
            for w in StudyChecks.warnings(study) where seen.insert(w).inserted { found.append(w) }
        }
        found.sort { ($0.location, $0.keyPath, $0.message) < ($1.location, $1.keyPath, $1.message) }
        for d in found { console.error(d.description) }
        let errors = found.filter { $0.severity == .error }.count
        if errors > 0 { return .invalidInput }
        let warnings = found.count
        console.print("\(files.count) file\(files.count == 1 ? "" : "s") valid"
                      + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : ""))
        return .success
    }
}
