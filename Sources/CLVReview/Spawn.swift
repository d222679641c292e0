import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program with `posix_spawn`, its standard streams on pipes, every signal at its default
/// action and none blocked.
///
/// Foundation's `Process` on Linux hands a child the parent's ignored signals: clvsim ignores
/// SIGPIPE (and, while a command runs, turns SIGINT and SIGTERM into a clean stop), so a git
/// child started through `Process` could not be interrupted. `POSIX_SPAWN_SETSIGDEF` and
/// `POSIX_SPAWN_SETSIGMASK` give the child a clean slate.
enum Spawn {
    struct Outcome {
        /// The exit status, or 128 + the signal that ended the child.
        var status: Int32
        var output: Data
        var error: Data
    }

    /// Runs `path` with `arguments` (argv[1...]) and exactly `environment`, feeding `input` to its
    /// standard input (or /dev/null), and returns its status and both outputs read to the end.
    static func run(_ path: String, _ arguments: [String], environment: [String: String],
                    input: Data? = nil) throws(ReviewError) -> Outcome {
        var inFD: [Int32] = [-1, -1], outFD: [Int32] = [-1, -1], errFD: [Int32] = [-1, -1]
        guard pipeCloseOnExec(&outFD), pipeCloseOnExec(&errFD), input == nil || pipeCloseOnExec(&inFD) else {
            for fd in inFD + outFD + errFD where fd >= 0 { close(fd) }
            throw ReviewError.git("cannot create a pipe: \(String(cString: strerror(errno)))")
        }

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        if input == nil {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, inFD[0], 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outFD[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errFD[1], 2)

        var defaults = sigset_t(), none = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        // The child's ends belong to the child now (or to nobody, if it did not start).
        for fd in [inFD[0], outFD[1], errFD[1]] where fd >= 0 { close(fd) }
        guard spawned == 0 else {
            for fd in [inFD[1], outFD[0], errFD[0]] where fd >= 0 { close(fd) }
            throw ReviewError.git("cannot run \(path): \(String(cString: strerror(spawned)))")
        }

        let group = DispatchGroup()
        if let input {
            // Written from another thread: git answers as it reads, and a full output pipe would stall it.
            let handle = FileHandle(fileDescriptor: inFD[1], closeOnDealloc: true)
            DispatchQueue.global().async(group: group) {
                try? handle.write(contentsOf: input)
                try? handle.close()
            }
        }
        // Both pipes are read to the end before waiting, so a large blob cannot fill one and stall git.
        let errBox = DataBox()
        let errHandle = FileHandle(fileDescriptor: errFD[0], closeOnDealloc: true)
        DispatchQueue.global().async(group: group) { errBox.set(errHandle.readDataToEndOfFile()) }
        let outHandle = FileHandle(fileDescriptor: outFD[0], closeOnDealloc: true)
        let output = outHandle.readDataToEndOfFile()
        group.wait()
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        let low = raw & 0x7f
        let status = low == 0 ? (raw >> 8) & 0xff : 128 + low
        return Outcome(status: status, output: output, error: errBox.get())
    }

    /// A pipe whose two ends close on exec (the spawn's dup2 clears the flag on the child's copies).
    private static func pipeCloseOnExec(_ fds: inout [Int32]) -> Bool {
        var pair: [Int32] = [-1, -1]
        guard pipe(&pair) == 0 else { return false }
        for fd in pair { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        fds = pair
        return true
    }
}

/// What a thread reading a pipe fills in.
final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.withLock { data = d } }
    func get() -> Data { lock.withLock { data } }
}
