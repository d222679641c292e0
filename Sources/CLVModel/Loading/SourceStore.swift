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
        if let bytes = read(path) {
            inputs.append(InputFile(path: path, sha256: SHA256.hex(bytes)))
            result = YAMLReader.parse(bytes, file: path)
        } else {
            let at = from ?? SourceLocation(file: path, line: 0, column: 0)
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let why = !exists ? "no such file '\(path)'"
                : isDirectory.boolValue ? "'\(path)' is a directory, not a file" : "cannot read '\(path)'"
            result = .failure(Diagnostics([Diagnostic(at: at, why)]))
        }
        parsed[path] = result
        return result
    }

    private func read(_ path: String) -> [UInt8]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        // Read one byte past the limit so an oversized file is reported, not silently truncated.
        guard let data = try? handle.read(upToCount: YAMLLimits.maxBytes + 1) else { return [] }
        return [UInt8](data)
    }
}
