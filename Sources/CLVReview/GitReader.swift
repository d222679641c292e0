public import Foundation

/// Reads files of a git revision without letting the repository run anything.
///
/// A repository can name programs in its own `.git/config` (`core.fsmonitor`, hooks, filter and
/// diff drivers, pagers, credential helpers, `core.sshCommand`) and a process's `GIT_*`
/// variables can point git elsewhere. This reader runs `/usr/bin/git` with an environment of its
/// own (no inherited variable, `HOME` an empty temporary folder, system and global config off),
/// command-line overrides that neutralise every program the repository may name, no network
/// (`protocol.allow=never`, so a partial clone cannot fetch), and only plumbing that never
/// applies filters or text conversion: `rev-parse --verify`, `ls-tree` and `cat-file blob`.
public struct GitReader: Sendable {
    /// The working tree's top folder (the one holding `.git`).
    public let root: String
    /// The git executable (never looked up on `PATH`).
    public let git: String

    /// Every `-c` override given before the subcommand; they outrank the repository's config.
    static let overrides: [String] = [
        "core.fsmonitor=false", "core.hooksPath=/dev/null", "core.pager=cat", "core.sshCommand=false",
        "core.askPass=", "credential.helper=", "protocol.allow=never", "core.alternateRefsCommand=false",
        "diff.external=", "safe.directory=*", "core.untrackedCache=false", "gc.auto=0", "maintenance.auto=false",
    ]

    /// The repository holding `path` (a file or folder), found by walking up to a `.git` entry.
    public init(containing path: String, git: String? = nil) throws(ReviewError) {
        var dir = URL(fileURLWithPath: path).standardizedFileURL
        var isDir: ObjCBool = false
        if !(FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) && isDir.boolValue) {
            dir = dir.deletingLastPathComponent()
        }
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) { break }
            let up = dir.deletingLastPathComponent()
            if up.path == dir.path { throw ReviewError.git("\(path) is not inside a git repository") }
            dir = up
        }
        root = dir.path
        guard let g = git ?? Self.executable() else { throw ReviewError.git("git is not installed (looked for /usr/bin/git)") }
        self.git = g
    }

    /// `/usr/bin/git`, else a few fixed install locations; nil when none exists.
    static func executable() -> String? {
        ["/usr/bin/git", "/usr/local/bin/git", "/opt/homebrew/bin/git"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The full commit id of `revision`; throws when it names no commit.
    public func commit(_ revision: String) throws(ReviewError) -> String {
        guard !revision.isEmpty, !revision.hasPrefix("-"), !revision.contains("\0") else {
            throw ReviewError.git("'\(revision)' is not a revision")
        }
        let out: Data
        do { out = try run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"]) } catch {
            throw ReviewError.git("'\(revision)' names no commit in \(root)")
        }
        let id = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard id.count >= 40, id.allSatisfy(\.isHexDigit) else { throw ReviewError.git("'\(revision)' names no commit") }
        return id
    }

    /// One entry of a tree listing: a regular file's path (relative to the root) and size.
    public struct Entry: Sendable, Hashable {
        public var path: String
        public var object: String
        public var size: Int
    }

    /// Regular files (no symlinks, no submodules) of `commit` whose names end in one of `extensions`.
    public func files(_ commit: String, extensions: Set<String>) throws(ReviewError) -> [Entry] {
        let out = try run(["ls-tree", "-r", "-l", "-z", "--full-tree", commit])
        var entries: [Entry] = []
        for record in out.split(separator: 0) {
            // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`
            guard let tab = record.firstIndex(of: 9) else { continue }
            let head = String(decoding: record[record.startIndex..<tab], as: UTF8.self).split(separator: " ")
            let path = String(decoding: record[(tab + 1)...], as: UTF8.self)
            guard head.count == 4, head[0] == "100644" || head[0] == "100755", head[1] == "blob",
                  let size = Int(head[3]) else { continue }
            let ext = path.split(separator: ".").last.map { String($0).lowercased() } ?? ""
            guard extensions.contains(ext), Self.isSafe(path) else { continue }
            entries.append(Entry(path: path, object: String(head[2]), size: size))
        }
        return entries
    }

    /// The bytes of many blobs from one `git cat-file --batch` (no `--filters`, no `--textconv`:
    /// the raw objects), in the order asked.
    public func blobs(_ objects: [String]) throws(ReviewError) -> [Data] {
        guard !objects.isEmpty else { return [] }
        guard objects.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isHexDigit) }) else { throw ReviewError.git("bad object id") }
        let out = try run(["cat-file", "--batch"], input: Data(objects.map { $0 + "\n" }.joined().utf8))
        var result: [Data] = [], i = out.startIndex
        for object in objects {
            // `<oid> SP blob SP <size> LF <contents> LF`, or `<oid> SP missing LF`.
            guard let nl = out[i...].firstIndex(of: 10) else { throw ReviewError.git("cat-file: short output for \(object)") }
            let header = String(decoding: out[i..<nl], as: UTF8.self).split(separator: " ")
            guard header.count == 3, header[1] == "blob", let size = Int(header[2]), nl + 1 + size <= out.endIndex else {
                throw ReviewError.git("cat-file: \(object) is not a blob")
            }
            result.append(out.subdata(in: (nl + 1)..<(nl + 1 + size)))
            i = nl + 1 + size + 1
        }
        return result
    }

    /// A repository path that stays inside the folder it is written into.
    static func isSafe(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/").contains { $0 == ".." || $0 == "." || $0 == ".git" }
    }

    /// The environment git runs with: nothing inherited.
    static func environment(home: String) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": home, "XDG_CONFIG_HOME": home, "LC_ALL": "C",
         "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0",
         "GIT_NO_LAZY_FETCH": "1", "GIT_OPTIONAL_LOCKS": "0"]
    }

    /// Runs git plumbing in the repository and returns its standard output (through `Spawn`, so git
    /// starts with every signal at its default action).
    func run(_ arguments: [String], input: Data? = nil) throws(ReviewError) -> Data {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-git-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        do { try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true) } catch {
            throw ReviewError.git("cannot create a temporary folder: \(error.localizedDescription)")
        }
        let outcome = try Spawn.run(git, ["--no-pager", "-C", root] + Self.overrides.flatMap { ["-c", $0] } + arguments,
                                    environment: Self.environment(home: home.path), input: input)
        guard outcome.status == 0 else {
            let message = String(decoding: outcome.error, as: UTF8.self)
                .split(separator: "\n").first.map(String.init) ?? "exit status \(outcome.status)"
            throw ReviewError.git("git \(arguments.first ?? ""): \(message)")
        }
        return outcome.output
    }
}
