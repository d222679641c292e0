import Foundation

/// One file written as `OutputSet` writes it (staged beside the target, synced, renamed; special
/// files written through; never a trap). Kept for commands that write single files one by one
/// (`diff`); a command with several outputs should commit them as one `OutputSet` instead.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws(OutputSet.Problem) {
        let outputs = try OutputSet(json: path, report: nil, inputs: [])
        try outputs.commit(json: Data(text.utf8), report: [])
    }
}

extension OutputSet.Problem: LocalizedError {
    /// The message without its `clvsim: error: ` prefix, for callers that add their own.
    public var errorDescription: String? {
        message.hasPrefix("clvsim: error: ") ? String(message.dropFirst("clvsim: error: ".count)) : message
    }
}
