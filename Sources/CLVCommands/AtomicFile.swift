import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in
/// the same folder, which is flushed to disk and then renamed over the target (rename is atomic
/// within a file system). On any failure the temporary file is removed and the target is left as it was.
public enum AtomicFile {
    /// Why a file could not be written, in the words of the system (`No such file or directory`).
    struct Failure: Error, LocalizedError, Sendable {
        var path: String
        var reason: String
        var errorDescription: String? { reason }
    }

    /// A reason `path` cannot be written, checked before a long run starts; nil when it looks writable.
    public static func problem(writing path: String) -> String? {
        let dir = Paths.directory(of: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "'\(path)' is a directory"
        }
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) else { return "no such directory '\(dir)'" }
        guard isDirectory.boolValue else { return "'\(dir)' is not a directory" }
        guard access(dir, W_OK) == 0 else { return "directory '\(dir)' is not writable" }
        return nil
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String) throws {
        if let why = problem(writing: path) { throw Failure(path: path, reason: why) }
        let dir = Paths.directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let tmp = (dir == "." ? "" : dir + "/") + ".\(name).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        func fail() -> Failure { Failure(path: path, reason: String(cString: strerror(errno))) }
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw fail() }
        var ok = data.withUnsafeBytes { buf -> Bool in
            var done = 0
            while done < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 { if errno == EINTR { continue }; return false }
                done += n
            }
            return true
        }
        var failure = ok ? nil : fail()
        if ok && fsync(fd) != 0 { ok = false; failure = fail() }
        if close(fd) != 0 && ok { ok = false; failure = fail() }
        if ok && rename(tmp, path) != 0 { ok = false; failure = fail() }
        if !ok {
            unlink(tmp)
            throw failure ?? Failure(path: path, reason: "write failed")
        }
    }

    /// Paths as the loader shows them: the directory part of a path, "." for a bare name.
    enum Paths {
        static func directory(of path: String) -> String {
            guard let slash = path.lastIndex(of: "/") else { return "." }
            return slash == path.startIndex ? "/" : String(path[..<slash])
        }
    }
}
