import Foundation

/// The commit checked out in the git repository that holds a folder, read from `.git` directly —
/// `HEAD`, loose refs, `packed-refs`, and the `.git` file of a worktree or submodule (`gitdir: …`,
/// with its `commondir`). git itself is never run: a received bundle's `.git/config` can name
/// programs (`core.fsmonitor`, hooks, filters, `diff.external`) that any git command may execute,
/// and reading these few text files executes nothing. Objects are not read, so whether the folder
/// has uncommitted changes (`-dirty`) is not known and not claimed.
enum GitHead {
    /// The 40- (or 64-, SHA-256 repositories) hex-digit commit of HEAD of the repository holding
    /// `folder`; nil outside a repository, or when HEAD cannot be resolved (an unborn branch, a
    /// damaged or unusual repository).
    static func commit(of folder: String) -> String? {
        guard var dir = FileIO.realPath(folder) else { return nil }
        // The nearest `.git` (folder or file) at or above `folder`.
        for _ in 0..<256 {
            let dotGit = (dir == "/" ? "" : dir) + "/.git"
            if let s = FileIO.status(dotGit) {
                if FileIO.isDirectory(s) { return resolveHead(gitDir: dotGit) }
                if FileIO.isRegular(s), let target = gitFile(dotGit) { return resolveHead(gitDir: target) }
                return nil
            }
            if dir == "/" { return nil }
            dir = FileIO.parent(of: dir)
        }
        return nil
    }

    /// The folder named by a `.git` file (`gitdir: ../.git/worktrees/x`), relative to the file's folder.
    static func gitFile(_ path: String) -> String? {
        guard let text = read(path), text.hasPrefix("gitdir:") else { return nil }
        let target = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !target.isEmpty else { return nil }
        return target.hasPrefix("/") ? target : FileIO.parent(of: path) + "/" + target
    }

    /// HEAD of a git directory, following symbolic refs (at most 5).
    static func resolveHead(gitDir: String) -> String? {
        // A worktree's git directory holds HEAD; branches live in the common directory.
        var common = gitDir
        if let c = read(gitDir + "/commondir")?.trimmingCharacters(in: .whitespacesAndNewlines), !c.isEmpty {
            common = c.hasPrefix("/") ? c : gitDir + "/" + c
        }
        guard var value = read(gitDir + "/HEAD")?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        for _ in 0..<5 {
            if isHash(value) { return value.lowercased() }
            guard value.hasPrefix("ref:") else { return nil }
            let ref = value.dropFirst(4).trimmingCharacters(in: .whitespaces)
            // Refs are names like refs/heads/main: never absolute, never climbing out.
            guard ref.hasPrefix("refs/"), !ref.split(separator: "/").contains("..") else { return nil }
            if let loose = read(gitDir + "/" + ref) ?? read(common + "/" + ref) {
                value = loose.trimmingCharacters(in: .whitespacesAndNewlines)
            } else if let packed = packedRef(ref, in: common) {
                value = packed
            } else {
                return nil   // an unborn branch
            }
        }
        return nil
    }

    /// A ref's hash in `packed-refs` (lines `HASH refs/heads/main`; `#` headers and `^` peel lines skipped).
    static func packedRef(_ ref: String, in common: String) -> String? {
        guard let text = read(common + "/packed-refs") else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == ref, isHash(String(parts[0])) { return String(parts[0]) }
        }
        return nil
    }

    static func isHash(_ s: String) -> Bool {
        (s.count == 40 || s.count == 64) && s.allSatisfy(\.isHexDigit)
    }

    /// A small regular file's text (refs are tiny; `packed-refs` may be large, up to 64 MB).
    static func read(_ path: String) -> String? {
        guard let s = FileIO.status(path), FileIO.isRegular(s), s.st_size <= 64 << 20,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
