import Dispatch
import Foundation
import Synchronization

/// Ctrl-C (SIGINT) and SIGTERM during a run: instead of dying mid-write, the process notes the
/// signal in an atomic flag that the engine polls between chunks of trials (`RunOptions.isCancelled`);
/// the run then stops, writes nothing, says `clvsim: interrupted; no output was written` and exits 3
/// (run-time failure — not 130, so that the exit codes stay the four documented in `--help`).
///
/// The signals are first ignored (`SIG_IGN`) so that their default action, termination, cannot
/// happen; a `DispatchSource` still sees them and sets the flag on a Dispatch queue, where any
/// code may run (a C signal handler could not safely touch Swift objects).
/// `@unchecked Sendable`: `sources` is only touched by `install` and `remove`, on the command's thread;
/// the handlers share nothing but the atomic flag.
final class Interrupt: @unchecked Sendable {
    static let message = "clvsim: interrupted; no output was written"
    static let signals: [Int32] = [SIGINT, SIGTERM]

    private let flag = Atomic<Bool>(false)
    private var sources: [any DispatchSourceSignal] = []

    /// Whether SIGINT or SIGTERM arrived since `install`.
    var isSet: Bool { flag.load(ordering: .relaxed) }

    /// Starts catching SIGINT and SIGTERM; `remove` restores their default action.
    static func install() -> Interrupt {
        let interrupt = Interrupt()
        var made: [any DispatchSourceSignal] = []
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak interrupt] in interrupt?.flag.store(true, ordering: .relaxed) }
            source.resume()
            made.append(source)
        }
        interrupt.sources = made
        return interrupt
    }

    /// Stops catching: the signals terminate the process again, as before `install`.
    func remove() {
        for s in sources { s.cancel() }
        sources = []
        for sig in Self.signals { signal(sig, SIG_DFL) }
    }
}
