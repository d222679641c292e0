import Foundation

/// One file written as `OutputSet` writes it (staged beside the target, synced, renamed; special
/// files written through; never a trap). Kept for commands that write single files one by one
/// (`diff`); a command with several outputs should commit them as one `OutputSet` instead.
enum AtomicFile {
    /// Why the file could not be written, in words (`localizedDescription` is the reason itself).
    struct Failure: Error, LocalizedError {
        var errorDescription: String?
    }

    static func write(_ text: String, to path: String) throws(Failure) {
        do {
            let outputs = try OutputSet(json: path, report: nil, inputs: [])
            try outputs.commit(json: Data(text.utf8), report: [])
        } catch {
            let m = error.message
            throw Failure(errorDescription: m.hasPrefix("clvsim: error: ") ? String(m.dropFirst("clvsim: error: ".count)) : m)
        }
    }
}
