import Foundation
import Testing
@testable import CLVReview
#if canImport(Glibc)
import Glibc
#endif

/// git children must be interruptible: clvsim ignores SIGPIPE for its whole life, and Foundation's
/// `Process` passes ignored signals on (a child once showed SigIgn 0000000180005002: SIGINT, SIGPIPE and SIGTERM).
@Suite("Spawned programs start with default signals")
struct SpawnTests {
    #if os(Linux)
    @Test("with SIGPIPE and SIGHUP ignored here, a spawned program ignores and blocks none of signals 1-31")
    func cleanSignals() throws {
        let oldPipe = signal(SIGPIPE, SIG_IGN), oldHup = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGPIPE, oldPipe); signal(SIGHUP, oldHup) }
        let outcome = try Spawn.run("/bin/cat", ["/proc/self/status"], environment: ["LC_ALL": "C"])
        #expect(outcome.status == 0)
        let lines = String(decoding: outcome.output, as: UTF8.self).split(separator: "\n")
        // Signals 1-31 are the standard ones; 32 and 33 are glibc's own (thread cancellation,
        // set*id), which no program can set and which stay as the runtime left them.
        func mask(_ name: String) -> UInt64? {
            lines.first { $0.hasPrefix(name + ":\t") }.flatMap { UInt64($0.dropFirst(name.count + 2), radix: 16) }
        }
        let standard: UInt64 = 0x7fff_ffff
        #expect(mask("SigIgn").map { $0 & standard } == 0)
        #expect(mask("SigBlk").map { $0 & standard } == 0)
    }
    #endif

    @Test("standard input is fed, both outputs are read to the end, and the exit status comes back")
    func streams() throws {
        let big = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        let echo = try Spawn.run("/bin/sh", ["-c", "cat; echo oops >&2; exit 3"], environment: [:], input: big)
        #expect(echo.status == 3)
        #expect(echo.output == big)
        #expect(String(decoding: echo.error, as: UTF8.self) == "oops\n")
        let env = try Spawn.run("/usr/bin/env", [], environment: ["A": "1", "B": "two"])
        #expect(String(decoding: env.output, as: UTF8.self) == "A=1\nB=two\n")
    }

    @Test("a program that does not exist is an error naming it, not a crash")
    func missing() {
        #expect(throws: ReviewError.self) { try Spawn.run("/nonexistent/git", [], environment: [:]) }
    }
}
