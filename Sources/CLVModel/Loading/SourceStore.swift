import Foundation

/// The files of one load: each read once, parsed once, hashed once, listed in first-read order.
final class SourceStore {
    /// Every file read, in the order first read (model.md 4).
    private(set) var inputs: [InputFile] = []
    private var parsed: [String: Result<YNode, Diagnostics>] = [:]

    /// The tree of the file at `path` (a display path, see `Paths`); `from` is where it was named.
    func tree(_ path: String, namedAt from: SourceLocation?) -> Result<YNode, Diagnostics> {
        if let done = parsed[path] { return done }
        let result: Result<YNode, Diagnostics>
        switch read(path) {
        case .success(let bytes):
            inputs.append(InputFile(path: path, sha256: SHA256.hex(bytes)))
            result = YAMLReader.parse(bytes, file: path)
        case .failure(let why):
            let at = from ?? SourceLocation(file: path, line: 0, column: 0)
            result = .failure(Diagnostics([Diagnostic(at: at, TextSafety.escaped(why.message))]))
        }
        parsed[path] = result
        return result
    }

    struct ReadFailure: Error { var message: String }

    /// The bytes of a regular file (at most one past the size limit), or why it cannot be read.
    /// Devices, FIFOs and sockets are refused before they are opened (opening a FIFO waits for a writer).
    private func read(_ path: String) -> Result<[UInt8], ReadFailure> {
        var st = stat()
        guard stat(path, &st) == 0 else { return .failure(ReadFailure(message: Self.reason(errno, path))) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(ReadFailure(message: "'\(path)' is a directory, not a file"))
        case S_IFIFO: return .failure(ReadFailure(message: "'\(path)' is a FIFO (named pipe), not a regular file"))
        case S_IFCHR, S_IFBLK: return .failure(ReadFailure(message: "'\(path)' is a device, not a regular file"))
        case S_IFSOCK: return .failure(ReadFailure(message: "'\(path)' is a socket, not a regular file"))
        default: return .failure(ReadFailure(message: "'\(path)' is not a regular file"))
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadFailure(message: Self.reason(errno, path))) }
        defer { close(fd) }
        // Read one byte past the limit so an oversized file is reported, not silently truncated.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= YAMLLimits.maxBytes {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(message: Self.reason(errno, path)))
            }
            if n == 0 { break }
            bytes += chunk[..<n]
        }
        return .success(bytes)
    }

    /// Why `path` cannot be opened, in words: the real cause, not always "no such file".
    static func reason(_ code: Int32, _ path: String) -> String {
        switch code {
        case ENOENT: return "no such file '\(path)'"
        case ELOOP: return "'\(path)' is a loop of symbolic links"
        case EACCES: return "permission denied reading '\(path)'"
        case ENOTDIR: return "'\(path)': a part of the path is not a folder"
        case ENAMETOOLONG: return "the path '\(path.prefix(80))…' is too long"
        default: return "cannot read '\(path)': \(String(cString: strerror(code)))"
        }
    }
}
