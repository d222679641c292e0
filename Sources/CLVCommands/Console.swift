import Foundation
import CLVModel

/// Where commands write: standard output and error in the executable, strings in tests.
///
/// A write that fails (a closed stream, `/dev/full`, a pipe whose reader has gone — SIGPIPE is
/// ignored, see `Signals`) never traps: the first failure is kept in `writeFailure`, said once on
/// whichever stream still works, and `CLI.main` then exits 3.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private var outSink: (String) -> Void
    private var errSink: (String) -> Void
    private var failure: String?
    /// Whether standard error is a terminal (progress bars go there only then).
    public let errIsTerminal: Bool

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, errIsTerminal: Bool = false) {
        outSink = out
        errSink = err
        self.errIsTerminal = errIsTerminal
    }

    /// The process's standard output and error, written with `write(2)`. A stream that is closed
    /// at start is held open on /dev/null (so that no output file can take its descriptor) and
    /// reported as closed on the first write.
    public static func standard() -> Console {
        let out = Stream(fd: 1, name: "standard output"), err = Stream(fd: 2, name: "standard error")
        let console = Console(out: { _ in }, err: { _ in }, errIsTerminal: isatty(2) == 1)
        console.outSink = { [unowned console] s in
            if let why = out.write(s) { console.noteFailure(why, fallback: err) }
        }
        console.errSink = { [unowned console] s in
            if let why = err.write(s) { console.noteFailure(why, fallback: out) }
        }
        return console
    }

    /// A console that collects what is written, for tests.
    public static func capture() -> (Console, Captured) {
        let c = Captured()
        return (Console(out: { c.append(out: $0) }, err: { c.append(err: $0) }), c)
    }

    /// A line (or lines) to standard output; control, bidi-control and non-characters escaped (`\u001B`).
    public func print(_ s: String) { lock.withLock { outSink(TextSafety.escaped(s, keepingLayout: true) + "\n") } }
    /// A line (or lines) to standard error, escaped as `print` is.
    public func error(_ s: String) { lock.withLock { errSink(TextSafety.escaped(s, keepingLayout: true) + "\n") } }
    /// Raw text to standard error (progress bar redraws).
    public func errRaw(_ s: String) { lock.withLock { errSink(s) } }

    /// The first write that failed (`cannot write to standard output: Broken pipe`), if any.
    public var writeFailure: String? { lock.withLock { failure } }

    /// Called with the lock held, from a sink.
    private func noteFailure(_ why: String, fallback: Stream) {
        guard failure == nil else { return }
        failure = why
        _ = fallback.write("clvsim: error: \(why)\n")
    }

    /// One of the process's standard streams.
    final class Stream: @unchecked Sendable {
        let fd: Int32
        let name: String
        /// Whether the descriptor was closed when the process started.
        let wasClosed: Bool

        init(fd: Int32, name: String) {
            self.fd = fd
            self.name = name
            if fcntl(fd, F_GETFD) == -1 && errno == EBADF {
                wasClosed = true
                // open() takes the lowest free descriptor: fill lower closed ones too until this one is held.
                while true {
                    let held = open("/dev/null", O_RDWR)
                    if held < 0 || held == fd { break }
                    if held > fd { close(held); break }
                }
            } else {
                wasClosed = false
            }
        }

        /// Writes all of `s`; the reason when it cannot.
        func write(_ s: String) -> String? {
            if wasClosed { return "cannot write to \(name): it is closed" }
            do { try FileIO.writeAll(fd, Data(s.utf8), what: "cannot write to \(name)") } catch { return error.description }
            return nil
        }
    }
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
