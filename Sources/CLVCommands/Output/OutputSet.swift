import Foundation

/// Every output of one run — the `--json` file and every file of the `--report` folder — committed
/// as a set: nothing is replaced until everything has been written and flushed to disk.
///
/// 1. `init` (before the run) resolves the targets and refuses, with exit 2, any output that is an
///    input of the run (through symbolic links, `..` or hard links), a report folder that holds an
///    input, and a `--json` that would collide with a report file. Problems that would only make
///    the commit fail (a missing folder, a folder in the way) are found here too, with exit 3, so
///    that no run is wasted.
/// 2. `commit` writes the new files into temporary names on the same file system as their targets
///    (a `.NAME.clvsim-new-PID` folder beside the report folder; a `.NAME.clvsim-new-PID` file beside
///    the JSON), `fsync`s each, and only then moves them into place: the JSON by one `rename`, the
///    report folder as a whole (the old folder is renamed aside, the new one into its place, the old
///    one removed once both renames succeeded). A failure before the last step undoes what was done,
///    so every pre-existing output is byte-identical to before.
///
/// Files of the old report folder that the run does not write (a README the user keeps there) are
/// carried into the new folder as hard links, so they are kept as they are. A `--json` directly in
/// the report folder is written into the new folder with the report. A target that is not a regular
/// file (`/dev/null`, `/dev/stdout`, a FIFO) is written through — opened and written, never renamed
/// over — before anything is moved.
public struct OutputSet: Sendable {
    /// Why an output cannot be written: the message, and the exit status it ends the command with
    /// (2 for a refused path, 3 for a failure of the system).
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var status: ExitStatus
        public var message: String
        public var description: String { message }
        static func refused(_ m: String) -> Problem { Problem(status: .usage, message: m) }
        static func failed(_ m: String) -> Problem { Problem(status: .runtimeFailure, message: m) }
    }

    /// How the JSON reaches its target.
    enum JSONTarget: Sendable, Equatable {
        /// A regular file (or none yet) at this resolved path: temporary file, then rename.
        case replace(String)
        /// A file in the report folder: written into the new folder under this name.
        case inReport(String)
        /// A device, FIFO or socket: opened and written, never replaced.
        case writeThrough(String)
    }

    /// One output file: the option that named it (`--json`, `--trials-out`), the path as given, and how it is written.
    struct File: Sendable, Equatable {
        var option: String
        var path: String
        var target: JSONTarget
    }
    /// The output files besides the report, in the order given.
    let files: [File]
    /// The `--report` path as given, and the resolved folder it names (links resolved).
    let reportPath: String?
    let report: String?

    /// Names the run writes into a report folder besides its charts (`chart-*.svg`).
    static func isReportFileName(_ name: String) -> Bool {
        name == "report.md" || name == "report.html" || (name.hasPrefix("chart-") && name.hasSuffix(".svg"))
    }

    /// The outputs of a run with one `--json` file (or none).
    public init(json: String?, report: String?, inputs: [String]) throws(Problem) {
        try self.init(files: json.map { [("--json", $0)] } ?? [], report: report, inputs: inputs)
    }

    /// Resolves and checks the outputs of a run whose input files are `inputs` (as the loader read
    /// them): output files named by their options (`("--json", "out.json")`) and a report folder.
    public init(files given: [(option: String, path: String)], report: String?, inputs: [String]) throws(Problem) {
        var inputIDs: [FileIO.Identity: String] = [:]
        var inputReal: [(String, String)] = []
        for i in inputs {
            if let s = FileIO.status(i) { inputIDs[FileIO.identity(s)] = i }
            if let r = FileIO.realPath(i) { inputReal.append((r, i)) }
        }
        reportPath = report
        var resolvedReport: String?
        if let report {
            let r = try Self.resolveFolder(report)
            for (real, given) in inputReal where real.hasPrefix(r == "/" ? "/" : r + "/") {
                throw .refused("clvsim: error: --report \(report) would replace a folder holding \(given), an input of this run")
            }
            if let s = FileIO.status(r), FileIO.isDirectory(s) {
                for name in try Self.list(r) {
                    let path = r + "/" + name
                    if let s = FileIO.status(path), let given = inputIDs[FileIO.identity(s)] {
                        throw .refused("clvsim: error: --report \(report) would replace \(name), which is \(given), an input of this run")
                    }
                    if let s = FileIO.linkStatus(path), FileIO.isDirectory(s) {
                        throw .failed("clvsim: error: cannot write the report into \(report): it holds a folder '\(name)' "
                                      + "that is not part of a report; move it out or choose another folder")
                    }
                }
            }
            if let cwd = FileIO.realPath("."), cwd == r || cwd.hasPrefix(r + "/") {
                throw .refused("clvsim: error: --report \(report) is the current folder or holds it; the report replaces its folder as a whole, so name a folder of its own (such as \(report == "." ? "report" : report + "/report"))")
            }
            resolvedReport = r
        }
        self.report = resolvedReport
        var files: [File] = []
        for (option, path) in given {
            let target = try Self.resolveFile(option, path, report: resolvedReport, reportPath: report, inputIDs: inputIDs)
            for f in files where f.target == target && !Self.isStream(target) {
                throw .refused("clvsim: error: \(option) \(path) and \(f.option) \(f.path) name the same file")
            }
            files.append(File(option: option, path: path, target: target))
        }
        self.files = files
    }

    static func isStream(_ t: JSONTarget) -> Bool { if case .writeThrough = t { return true } else { return false } }

    /// How the output file `path` (named by `option`) is written.
    static func resolveFile(_ option: String, _ json: String, report resolvedReport: String?, reportPath: String?,
                            inputIDs: [FileIO.Identity: String]) throws(Problem) -> JSONTarget {
        // Devices, FIFOs, sockets and the process's own streams (`/dev/stdout`, `/dev/fd/N`) are
        // written through, whatever they resolve to (`/dev/stdout` may be a pipe, or a file the shell opened).
        if Self.descriptor(named: json) != nil || FileIO.status(json).map({ !FileIO.isRegular($0) && !FileIO.isDirectory($0) }) == true {
            return .writeThrough(json)
        }
        // A file in a report folder that does not exist yet: its folder is made by the commit.
        let target: String
        let dir = FileIO.parent(of: json)
        if let r = resolvedReport, FileIO.status(dir) == nil, FileIO.linkStatus(json) == nil,
           let folder = try? Self.resolveFolder(dir), folder == r {
            target = r + "/" + FileIO.name(of: json)
        } else {
            target = try Self.resolveFile(json)
        }
        if let s = FileIO.status(target), let given = inputIDs[FileIO.identity(s)] {
            throw .refused("clvsim: error: \(option) \(json) is \(given), an input of this run; choose another file")
        }
        if let r = resolvedReport {
            if target == r { throw .refused("clvsim: error: \(option) \(json) is the --report folder itself") }
            if FileIO.parent(of: target) == r {
                let name = FileIO.name(of: target)
                if Self.isReportFileName(name) {
                    throw .refused("clvsim: error: \(option) \(json) would be overwritten by the report's own \(name)")
                }
                if let s = FileIO.status(target), !FileIO.isRegular(s) { return .writeThrough(json) }
                return .inReport(name)
            }
            if target.hasPrefix(r + "/") {
                throw .refused("clvsim: error: \(option) \(json) is in a subfolder of the --report folder, which the report replaces; "
                               + "put it directly in \(reportPath ?? r) or outside it")
            }
        }
        if let s = FileIO.status(target), !FileIO.isRegular(s) { return .writeThrough(json) }
        return .replace(target)
    }

    /// The descriptor a path names directly: `/dev/stdout` 1, `/dev/stderr` 2, `/dev/fd/N` and
    /// `/proc/self/fd/N` N; nil for any other path.
    static func descriptor(named path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// The names in `dir`, as a refusal when the folder cannot be read.
    private static func list(_ dir: String) throws(Problem) -> [String] {
        do { return try FileIO.entries(dir) } catch { throw .failed("clvsim: error: \(error.description)") }
    }

    /// The real path of a folder to be written (it may not exist yet: its deepest existing ancestor is resolved).
    static func resolveFolder(_ path: String) throws(Problem) -> String {
        if let s = FileIO.status(path) {
            guard FileIO.isDirectory(s) else {
                throw .failed("clvsim: error: cannot write the report into \(path): it is a file, not a folder")
            }
            guard let real = FileIO.realPath(path) else { throw .failed("clvsim: error: cannot resolve \(path)") }
            if real == "/" { throw .refused("clvsim: error: --report / would replace the root folder") }
            return real
        }
        if let l = FileIO.linkStatus(path), FileIO.isSymlink(l) {
            throw .failed("clvsim: error: cannot write the report into \(path): it is a symbolic link to a missing folder"
                          + " (or a loop of links)")
        }
        // Missing: resolve the deepest ancestor that exists; the rest is created by the commit.
        var missing: [String] = []
        var p = path
        while FileIO.linkStatus(p) == nil {
            missing.insert(FileIO.name(of: p), at: 0)
            let up = FileIO.parent(of: p)
            if up == p { break }
            p = up
        }
        guard let s = FileIO.status(p), FileIO.isDirectory(s), let base = FileIO.realPath(p) else {
            throw .failed("clvsim: error: cannot write the report into \(path): '\(p)' is not a folder")
        }
        if missing.contains("..") || missing.contains(".") {
            throw .failed("clvsim: error: cannot write the report into \(path): no such folder '\(p)/\(missing.joined(separator: "/"))'")
        }
        return (base == "/" ? "" : base) + "/" + missing.joined(separator: "/")
    }

    /// The real path of a file to be written: links resolved, folder checked.
    static func resolveFile(_ path: String) throws(Problem) -> String {
        if let s = FileIO.status(path) {
            if FileIO.isDirectory(s) { throw .failed("clvsim: error: cannot write \(path): '\(path)' is a directory") }
            guard let real = FileIO.realPath(path) else { throw .failed("clvsim: error: cannot resolve \(path)") }
            return real
        }
        if let l = FileIO.linkStatus(path), FileIO.isSymlink(l) {
            throw .failed("clvsim: error: cannot write \(path): it is a symbolic link to a missing file (or a loop of links)")
        }
        if path.hasSuffix("/") || FileIO.name(of: path) == ".." || FileIO.name(of: path) == "." {
            throw .failed("clvsim: error: cannot write \(path): it names a folder")
        }
        let dir = FileIO.parent(of: path)
        guard let s = FileIO.status(dir) else { throw .failed("clvsim: error: cannot write \(path): no such directory '\(dir)'") }
        guard FileIO.isDirectory(s) else { throw .failed("clvsim: error: cannot write \(path): '\(dir)' is not a directory") }
        guard access(dir, W_OK) == 0 else { throw .failed("clvsim: error: cannot write \(path): directory '\(dir)' is not writable") }
        guard let real = FileIO.realPath(dir) else { throw .failed("clvsim: error: cannot resolve \(dir)") }
        return (real == "/" ? "" : real) + "/" + FileIO.name(of: path)
    }
}
