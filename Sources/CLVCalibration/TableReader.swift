import CLVModel
import Dispatch
import Foundation

/// The running hash of a file, fed on its own serial queue so hashing overlaps parsing.
final class BackgroundHasher: @unchecked Sendable {
    private let queue = DispatchQueue(label: "clvsim.calibration.sha256")
    /// Touched only on `queue`.
    private var hasher = SHA256()
    /// At most this many chunks wait, so a hasher that falls behind slows the reader instead of
    /// holding the file in memory.
    private let slots = DispatchSemaphore(value: 4)

    func update(_ bytes: [UInt8]) {
        slots.wait()
        queue.async {
            self.hasher.update(bytes)
            self.slots.signal()
        }
    }

    /// Waits for every chunk and returns the digest.
    func finish() -> String { queue.sync { hasher.finalizeHex() } }
}

/// A streaming reader of delimited text: CSV (comma, optional `"` quoting without line breaks inside
/// quotes) or whitespace-separated columns (runs of spaces and tabs, leading ones ignored), with a
/// header line. The file is read in fixed 1 MiB chunks and hashed as it goes; one line is held at a
/// time, so memory does not depend on the file's size.
///
/// Chosen over CSV.swift and SwiftCSV by measurement (README, "Calibration"): both build a `String`
/// per field, and SwiftCSV reads the whole file into memory first.
final class TableReader {
    enum Separator: Sendable { case comma, whitespace }

    let path: String
    private let fd: Int32
    private(set) var separator: Separator = .comma
    /// Column names of the header line.
    private(set) var header: [String] = []
    /// SHA-256 of the file; set when `forEachRecord` returns.
    private let hasher = BackgroundHasher()
    private(set) var sha256 = ""
    private(set) var rows = 0

    init(path: String) throws(Diagnostics) {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw Diagnostics([Diagnostic(at: SourceLocation(file: path, line: 0, column: 0),
                                          "cannot read '\(path)': \(String(cString: strerror(errno)))")])
        }
    }

    deinit { close(fd) }

    /// One data line: its fields as byte ranges of `bytes`.
    struct Record {
        let line: Int
        let bytes: UnsafeBufferPointer<UInt8>
        /// Start and end offset of each field in `bytes`.
        let starts: UnsafeBufferPointer<Int>
        let ends: UnsafeBufferPointer<Int>
        let quotedLine: Bool
        var count: Int { starts.count }

        @inline(__always) func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[starts[i]..<ends[i]])
        }
        func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }
        /// 1-based column of field `i` in Unicode scalars, as the loader counts (0-based byte offset otherwise).
        func column(_ i: Int) -> Int {
            let end = i < count ? starts[i] - (quotedLine && starts[i] > 0 && bytes[starts[i] - 1] == UInt8(ascii: "\"") ? 1 : 0) : bytes.count
            var c = 1
            for k in 0..<max(end, 0) where bytes[k] & 0xC0 != 0x80 { c += 1 }
            return c
        }
    }

    /// Reads the header and calls `body` with every following non-blank line, in order.
    /// A CR before the LF is dropped (CDNOW ships CRLF). `body` may throw to stop.
    func forEachRecord(_ body: (Record) throws -> Void) throws {
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        var line = [UInt8]()
        line.reserveCapacity(4096)
        var starts = [Int](), ends = [Int]()
        starts.reserveCapacity(16)
        ends.reserveCapacity(16)
        var lineNumber = 0
        var sawHeader = false

        func handle(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            lineNumber += 1
            var n = bytes.count
            if n > 0 && bytes[n - 1] == 13 { n -= 1 }
            let b = UnsafeBufferPointer(rebasing: bytes[0..<n])
            if !sawHeader {
                if b.allSatisfy({ $0 == 32 || $0 == 9 }) { return }
                separator = b.contains(UInt8(ascii: ",")) ? .comma : .whitespace
                var q = false
                split(b, &starts, &ends, &q)
                header = zip(starts, ends).map { String(decoding: UnsafeBufferPointer(rebasing: b[$0..<$1]), as: UTF8.self) }
                sawHeader = true
                return
            }
            if b.allSatisfy({ $0 == 32 || $0 == 9 }) { return }
            var quoted = false
            split(b, &starts, &ends, &quoted)
            rows += 1
            try starts.withUnsafeBufferPointer { s in
                try ends.withUnsafeBufferPointer { e in
                    try body(Record(line: lineNumber, bytes: b, starts: s, ends: e, quotedLine: quoted))
                }
            }
        }

        while true {
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, chunk) }
            if got < 0 {
                if errno == EINTR { continue }
                throw Diagnostics([Diagnostic(at: SourceLocation(file: path, line: 0, column: 0),
                                              "cannot read '\(path)': \(String(cString: strerror(errno)))")])
            }
            if got == 0 { break }
            try buffer.withUnsafeBufferPointer { all in
                let data = UnsafeBufferPointer(rebasing: all[0..<got])
                hasher.update(Array(data))
                var from = 0
                while let nl = data[from...].firstIndex(of: 10) {
                    if line.isEmpty {
                        try handle(UnsafeBufferPointer(rebasing: data[from..<nl]))
                    } else {
                        line.append(contentsOf: data[from..<nl])
                        try line.withUnsafeBufferPointer { try handle($0) }
                        line.removeAll(keepingCapacity: true)
                    }
                    from = nl + 1
                }
                line.append(contentsOf: data[from...])
            }
        }
        if !line.isEmpty { try line.withUnsafeBufferPointer { try handle($0) } }
        sha256 = hasher.finish()
    }

    /// Field boundaries of one line. Quoted CSV fields lose their quotes (a doubled `""` inside
    /// stays doubled: ids and numbers never contain one).
    private func split(_ b: UnsafeBufferPointer<UInt8>, _ starts: inout [Int], _ ends: inout [Int], _ quoted: inout Bool) {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        let n = b.count
        switch separator {
        case .whitespace:
            var i = 0
            while i < n {
                while i < n && (b[i] == 32 || b[i] == 9) { i += 1 }
                if i == n { break }
                let s = i
                while i < n && b[i] != 32 && b[i] != 9 { i += 1 }
                starts.append(s)
                ends.append(i)
            }
        case .comma:
            var i = 0
            while true {
                var s = i
                // Spaces around a field are not part of it.
                while s < n && b[s] == 32 { s += 1 }
                if s < n && b[s] == UInt8(ascii: "\"") {
                    quoted = true
                    var j = s + 1
                    while j < n {
                        if b[j] == UInt8(ascii: "\"") {
                            if j + 1 < n && b[j + 1] == UInt8(ascii: "\"") { j += 2; continue }
                            break
                        }
                        j += 1
                    }
                    starts.append(s + 1)
                    ends.append(min(j, n))
                    var k = j + 1
                    while k < n && b[k] != UInt8(ascii: ",") { k += 1 }
                    if k >= n { return }
                    i = k + 1
                    continue
                }
                var e = s
                while e < n && b[e] != UInt8(ascii: ",") { e += 1 }
                var t = e
                while t > s && b[t - 1] == 32 { t -= 1 }
                starts.append(s)
                ends.append(t)
                if e >= n { return }
                i = e + 1
            }
        }
    }
}
