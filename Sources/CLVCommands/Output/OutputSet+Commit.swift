import Foundation

extension OutputSet {
    /// The message of a run stopped by a signal before its outputs were moved into place.
    static let interrupted = "clvsim: interrupted; no output was written"

    /// Writes `json` (when `--json` was given) and the report `files` (name → bytes, when `--report`
    /// was given) as one set; see `commit(contents:report:isCancelled:)`.
    func commit(json data: Data?, report files: [(String, Data)], isCancelled: () -> Bool = { false }) throws(Problem) {
        var contents: [String: Data] = [:]
        if let data { contents["--json"] = data }
        try commit(contents: contents, report: files, isCancelled: isCancelled)
    }

    /// Writes each output file (`contents[option]`, for the files named at `init`) and the report
    /// `files` (name → bytes) as one set. `isCancelled` is asked once everything is staged, just before the first
    /// output is touched: from then on the commit runs to its end, so an interrupt leaves either the
    /// old outputs or a complete new set. Throws with every pre-existing output as it was.
    func commit(contents: [String: Data], report files: [(String, Data)],
                isCancelled: () -> Bool = { false }) throws(Problem) {
        let tag = "clvsim-new-\(getpid())"
        var leftovers: [String] = []
        func fail(_ message: String) -> Problem {
            for p in leftovers.reversed() { FileIO.removeTree(p) }
            return .failed("clvsim: error: " + message)
        }

        // 1. The new report folder, complete, beside the old one.
        var staged: String?
        if let folder = report {
            let parent = FileIO.parent(of: folder)
            do { try Self.createFolders(parent) } catch { throw fail(error.description) }
            let s = parent + "/." + FileIO.name(of: folder) + "." + tag
            FileIO.removeTree(s)
            let old = FileIO.status(folder)
            guard mkdir(s, 0o755) == 0 else { throw fail(FileIO.Failure.last("cannot create a folder beside \(reportPath ?? folder)").description) }
            leftovers.append(s)
            if let old { chmod(s, old.st_mode & 0o7777) }
            var written = Set<String>()
            var all = files
            for f in self.files { if case .inReport(let name) = f.target, let data = contents[f.option] { all.append((name, data)) } }
            do throws(FileIO.Failure) {
                for (name, bytes) in all {
                    try FileIO.createSynced(s + "/" + name, bytes)
                    written.insert(name)
                }
                if old != nil {
                    for name in try FileIO.entries(folder) where !written.contains(name) && !Self.isReportFileName(name) {
                        try Self.carry(folder + "/" + name, to: s + "/" + name)
                    }
                }
            } catch {
                throw fail("cannot write the report into \(reportPath ?? folder): \(error.description)")
            }
            FileIO.syncDirectory(s)
            staged = s
        }

        // 2. Each new file, beside the old one.
        var stagedFiles: [(temp: String, target: String, shown: String)] = []
        for f in self.files {
            guard case .replace(let target) = f.target, let data = contents[f.option] else { continue }
            let t = FileIO.parent(of: target) + "/." + FileIO.name(of: target) + "." + tag
            unlink(t)
            let mode = FileIO.status(target).map { $0.st_mode & 0o777 } ?? 0o644
            do { try FileIO.createSynced(t, data, mode: mode) } catch {
                throw fail("cannot write \(f.path): \(error.description)")
            }
            leftovers.append(t)
            stagedFiles.append((t, target, f.path))
        }

        // Last chance to stop with nothing changed.
        if isCancelled() {
            _ = fail("")
            throw .failed(Self.interrupted)
        }

        // 3. A special file is written through; it has no old bytes to keep.
        for f in self.files {
            guard case .writeThrough(let path) = f.target, let data = contents[f.option] else { continue }
            do { try Self.writeThrough(path, data) } catch {
                throw fail("cannot write \(path): \(error.description)")
            }
        }

        // 4. Move into place: the report folder (old one aside first), then the JSON.
        var aside: String?
        if let folder = report, let s = staged {
            let parent = FileIO.parent(of: folder)
            if FileIO.linkStatus(folder) != nil {
                let a = parent + "/." + FileIO.name(of: folder) + ".clvsim-old-\(getpid())"
                FileIO.removeTree(a)
                guard rename(folder, a) == 0 else {
                    throw fail(FileIO.Failure.last("cannot replace the report folder \(reportPath ?? folder)").description)
                }
                aside = a
            }
            guard rename(s, folder) == 0 else {
                let why = FileIO.Failure.last("cannot replace the report folder \(reportPath ?? folder)")
                if let a = aside { rename(a, folder) }
                throw fail(why.description)
            }
            leftovers.removeAll { $0 == s }
        }
        // Each old file is kept under a second name (a hard link) until every rename succeeded.
        var kept: [(backup: String, target: String)] = []
        for (_, target, _) in stagedFiles where FileIO.status(target) != nil {
            let b = FileIO.parent(of: target) + "/." + FileIO.name(of: target) + ".clvsim-old-\(getpid())"
            unlink(b)
            if link(target, b) == 0 { kept.append((b, target)); leftovers.append(b) }
        }
        var moved: [String] = []
        for (t, target, shown) in stagedFiles {
            guard rename(t, target) == 0 else {
                let why = FileIO.Failure.last("cannot write \(shown)")
                // Put back the files already moved and the old report folder (or remove the new one).
                for m in moved {
                    if let k = kept.first(where: { $0.target == m }) { rename(k.backup, m) } else { unlink(m) }
                }
                if let folder = report, let s = staged, rename(folder, s) == 0 {
                    leftovers.append(s)
                    if let a = aside { rename(a, folder) }
                }
                throw fail(why.description)
            }
            leftovers.removeAll { $0 == t }
            moved.append(target)
            FileIO.syncDirectory(FileIO.parent(of: target))
        }
        for k in kept { unlink(k.backup) }
        if let a = aside { FileIO.removeTree(a) }
        if let folder = report { FileIO.syncDirectory(FileIO.parent(of: folder)) }
    }

    /// Creates `path` and its missing parents.
    static func createFolders(_ path: String) throws(FileIO.Failure) {
        if let s = FileIO.status(path) {
            if FileIO.isDirectory(s) { return }
            throw FileIO.Failure(description: "'\(path)' is not a folder")
        }
        let up = FileIO.parent(of: path)
        if up != path { try createFolders(up) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw FileIO.Failure.last("cannot create \(path)") }
    }

    /// Keeps a file of the old report folder in the new one: a hard link (same bytes, same inode),
    /// else a copy. A folder is not carried (`init` refuses report folders holding one).
    static func carry(_ from: String, to: String) throws(FileIO.Failure) {
        guard let s = FileIO.linkStatus(from) else { return }
        if FileIO.isDirectory(s) { throw FileIO.Failure(description: "'\(from)' is a folder that is not part of a report") }
        if link(from, to) == 0 { return }
        if FileIO.isSymlink(s) {
            var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(from, &buf, buf.count - 1)
            guard n >= 0 else { throw FileIO.Failure.last("cannot read the link \(from)") }
            let target = String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if symlink(target, to) != 0 { throw FileIO.Failure.last("cannot keep the link \(from)") }
            return
        }
        guard FileIO.isRegular(s), let data = FileManager.default.contents(atPath: from) else {
            throw FileIO.Failure.last("cannot keep \(from) in the new report folder")
        }
        try FileIO.createSynced(to, data, mode: s.st_mode & 0o777)
    }

    /// Opens an existing device, FIFO or socket and writes `data` to it (a FIFO without a reader is
    /// an error, not a wait).
    static func writeThrough(_ path: String, _ data: Data) throws(FileIO.Failure) {
        if let fd = descriptor(named: path) {
            try FileIO.writeAll(fd, data, what: "cannot write \(path)")
            return
        }
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENXIO { throw FileIO.Failure(description: "no process is reading the FIFO \(path)") }
            throw FileIO.Failure.last("cannot open \(path)")
        }
        defer { close(fd) }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        try FileIO.writeAll(fd, data, what: "cannot write \(path)")
    }
}
