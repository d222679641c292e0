import Foundation

/// The few POSIX calls the outputs need, each returning the system's reason on failure
/// (`No space left on device`) instead of trapping. No forced try, no force-unwraps: every error is a value.
enum FileIO {
    /// A failed system call: what was being done, and `strerror(errno)`.
    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
        /// The failure of the call just made, described as `what: reason`.
        static func last(_ what: String) -> Failure { Failure(description: "\(what): \(String(cString: strerror(errno)))") }
    }

    /// Identity of a file: device and inode (two names of one file — hard links, symlinks — share it).
    struct Identity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    /// What a path names, following symbolic links; nil when nothing is there.
    static func status(_ path: String) -> stat? {
        var s = stat()
        return stat(path, &s) == 0 ? s : nil
    }

    /// What a path names itself, not following a final symbolic link; nil when nothing is there.
    static func linkStatus(_ path: String) -> stat? {
        var s = stat()
        return lstat(path, &s) == 0 ? s : nil
    }

    static func identity(_ s: stat) -> Identity { Identity(device: UInt64(s.st_dev), inode: UInt64(s.st_ino)) }
    static func isDirectory(_ s: stat) -> Bool { (s.st_mode & S_IFMT) == S_IFDIR }
    static func isRegular(_ s: stat) -> Bool { (s.st_mode & S_IFMT) == S_IFREG }
    static func isSymlink(_ s: stat) -> Bool { (s.st_mode & S_IFMT) == S_IFLNK }

    /// The absolute path with every symbolic link, `.` and `..` resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Writes every byte to `fd`, retrying interrupted and partial writes.
    static func writeAll(_ fd: Int32, _ data: Data, what: String) throws(Failure) {
        let ok = data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) -> Bool in
            guard let base = buf.baseAddress else { return true }
            var done = 0
            while done < buf.count {
                let n = write(fd, base + done, buf.count - done)
                if n < 0 { if errno == EINTR { continue }; return false }
                done += n
            }
            return true
        }
        if !ok { throw Failure.last(what) }
    }

    /// Creates `path` (which must not exist), writes `data`, flushes it to disk and closes it.
    static func createSynced(_ path: String, _ data: Data, mode: mode_t = 0o644) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure.last("cannot create \(path)") }
        do throws(Failure) {
            try writeAll(fd, data, what: "cannot write \(path)")
            if fsync(fd) != 0 { throw Failure.last("cannot flush \(path) to disk") }
        } catch {
            close(fd)
            throw error
        }
        if close(fd) != 0 { throw Failure.last("cannot write \(path)") }
    }

    /// Flushes a folder's entries (new names, renames) to disk; best effort, as some file systems refuse.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// The names in a folder (without `.` and `..`).
    static func entries(_ dir: String) throws(Failure) -> [String] {
        guard let d = opendir(dir) else { throw Failure.last("cannot read the folder \(dir)") }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Removes a file or a folder and everything in it (symbolic links are removed, not followed).
    static func removeTree(_ path: String) {
        guard let s = linkStatus(path) else { return }
        if isDirectory(s) {
            for name in (try? entries(path)) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// The folder part of a path (`.` for a bare name, `/` for a top-level one).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of a path.
    static func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
