import Dispatch
import Foundation
import Synchronization

/// SIGINT (Ctrl-C), SIGTERM and SIGHUP during a command: instead of dying mid-write, the process
/// notes the signal in an atomic flag that every phase polls — loading, the engine between chunks
/// of trials (`RunOptions.isCancelled`), analysis, rendering, and the output commit up to its point
/// of no return (`OutputSet.commit`). The command then says `clvsim: interrupted; no output was written`
/// and exits 3 (run-time failure — not 128 + n, so that the exit codes stay the four documented).
///
/// The signals are first ignored (`SIG_IGN`) so that their default action, termination, cannot
/// happen; a `DispatchSource` still sees them and sets the flag on a Dispatch queue, where any
/// code may run (a C signal handler could not safely touch Swift objects).
///
/// A phase can be long (loading a large file, a tornado over thousands of inputs) and polls only at
/// its end: a second signal before the commit began therefore ends the process at once, exit 3,
/// outputs untouched (nothing is written before the commit). Once the commit began, signals wait
/// for it to finish, so that the outputs are a complete new set.
///
/// SIGPIPE is ignored for the whole process (`ignoreBrokenPipe`): a write to a pipe whose reader
/// has gone (`clvsim … | head -1`) then fails with EPIPE, which `Console` turns into exit 3.
/// `@unchecked Sendable`: `sources` is only touched by `install` and `remove`, on the command's thread;
/// the handlers share nothing but the atomic flag.
final class Signals: @unchecked Sendable {
    static let message = OutputSet.interrupted
    static let caught: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// The phases of a run at which the flag is checked (and at which tests may raise a signal).
    enum Phase: String, CaseIterable, Sendable {
        case loading, simulating, analysing, rendering, committing
    }

    private let flag = Atomic<Bool>(false)
    private let count = Atomic<Int>(0)
    private let committing = Atomic<Bool>(false)
    private var sources: [any DispatchSourceSignal] = []
    /// `CLVSIM_TEST_SIGNAL_AT=phase:SIGNAME` (tests only): raise that signal at that phase.
    private let testRaise: (Phase, Int32)?

    /// Whether SIGINT, SIGTERM or SIGHUP arrived since `install`.
    var isSet: Bool { flag.load(ordering: .relaxed) }

    private init(environment: [String: String]) {
        testRaise = environment["CLVSIM_TEST_SIGNAL_AT"].flatMap(Self.parseTestRaise)
    }

    static func parseTestRaise(_ spec: String) -> (Phase, Int32)? {
        let parts = spec.split(separator: ":").map(String.init)
        guard parts.count == 2, let phase = Phase(rawValue: parts[0]),
              let sig = ["SIGINT": SIGINT, "SIGTERM": SIGTERM, "SIGHUP": SIGHUP][parts[1]] else { return nil }
        return (phase, sig)
    }

    /// Makes broken pipes fail writes with EPIPE instead of killing the process; once, at start.
    static func ignoreBrokenPipe() { signal(SIGPIPE, SIG_IGN) }

    /// Starts catching SIGINT, SIGTERM and SIGHUP; `remove` restores their default action.
    static func install(environment: [String: String] = ProcessInfo.processInfo.environment) -> Signals {
        let signals = Signals(environment: environment)
        var made: [any DispatchSourceSignal] = []
        for sig in caught {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak signals] in signals?.caught() }
            source.resume()
            made.append(source)
        }
        signals.sources = made
        return signals
    }

    /// A signal arrived (on a Dispatch queue).
    private func caught() {
        flag.store(true, ordering: .relaxed)
        let n = count.add(1, ordering: .relaxed).newValue
        if n >= 2 && !committing.load(ordering: .relaxed) {
            let text = Self.message + " (second signal: stopped at once)\n"
            _ = text.withCString { write(2, $0, strlen($0)) }
            _exit(ExitStatus.runtimeFailure.rawValue)
        }
    }

    /// Whether to stop at the start of `phase`. With the test hook set for this phase, the signal
    /// is first sent to this process for real and the flag awaited (at most 10 s).
    func stop(at phase: Phase) -> Bool {
        if let (p, sig) = testRaise, p == phase, !isSet {
            kill(getpid(), sig)
            for _ in 0..<1000 where !isSet { usleep(10_000) }
        }
        // The commit's point of no return: from here on signals wait for it (set before the check,
        // so that no signal falls between the two).
        if phase == .committing { committing.store(true, ordering: .relaxed) }
        return isSet
    }

    /// Stops catching: the signals terminate the process again, as before `install`.
    func remove() {
        for s in sources { s.cancel() }
        sources = []
        for sig in Self.caught { signal(sig, SIG_DFL) }
    }
}
