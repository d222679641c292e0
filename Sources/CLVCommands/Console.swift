import Foundation

/// Where commands write: standard output and error in the executable, strings in tests.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private var outSink: (String) -> Void
    private var errSink: (String) -> Void
    /// Whether standard error is a terminal (progress bars go there only then).
    public let errIsTerminal: Bool

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, errIsTerminal: Bool = false) {
        outSink = out
        errSink = err
        self.errIsTerminal = errIsTerminal
    }

    /// The process's standard output and error.
    public static func standard() -> Console {
        Console(out: { FileHandle.standardOutput.write(Data($0.utf8)) },
                err: { FileHandle.standardError.write(Data($0.utf8)) },
                errIsTerminal: isatty(2) == 1)
    }

    /// A console that collects what is written, for tests.
    public static func capture() -> (Console, Captured) {
        let c = Captured()
        return (Console(out: { c.append(out: $0) }, err: { c.append(err: $0) }), c)
    }

    public func print(_ s: String) { lock.withLock { outSink(s + "\n") } }
    public func error(_ s: String) { lock.withLock { errSink(s + "\n") } }
    /// Raw text to standard error (progress bar redraws).
    public func errRaw(_ s: String) { lock.withLock { errSink(s) } }
}

/// Text written to a capturing console.
public final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var o = "", e = ""
    func append(out s: String) { lock.withLock { o += s } }
    func append(err s: String) { lock.withLock { e += s } }
    public var out: String { lock.withLock { o } }
    public var err: String { lock.withLock { e } }
}
