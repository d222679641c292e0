/// File paths as the user sees them: joined to the directory of the file that names them,
/// normalised lexically (`a/./b/../c` → `a/c`), with no `./` prefix. Leading `..` are kept;
/// absolute paths stay absolute. No symlink resolution: the path shown is the path written.
enum Paths {
    /// `relative` resolved against the directory holding `file` (or kept when absolute).
    static func join(_ relative: String, nextTo file: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        let dir = directory(of: file)
        return normalize(dir.isEmpty ? relative : dir + "/" + relative)
    }

    /// The directory part of `path` (empty for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Lexical normalisation: drops `.` and empty components, folds `x/..`.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute, parts.isEmpty {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
