public import CLVEngine
import CLVModel
import Foundation

/// A part file opened for merging: its header is read and checked at once (magic, version,
/// header checksum, exact file size, so a truncated part is refused before anything is merged);
/// its body is streamed later, straight into the run being assembled, and checked against the
/// header's SHA-256 as it goes.
public struct PartFile: Sendable {
    public let path: String
    public let header: PartHeader
    /// Where the body starts.
    let bodyOffset: Int

    /// Bytes handed to one `read` call while streaming a body (the only buffer merging adds).
    static let readLimit = 1 << 20

    public init(path: String) throws(PartError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw PartError(path, "cannot read the part: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw PartError(path, "cannot read the part: \(String(cString: strerror(errno)))") }
        let size = Int(st.st_size)
        let fixed = PartHeader.magic.count + 8
        let start = try Self.read(fd, count: min(size, fixed), path)
        guard start.count == fixed, Array(start[0..<PartHeader.magic.count]) == PartHeader.magic else {
            throw PartError(path, size < fixed && Array(start.prefix(PartHeader.magic.count)) == Array(PartHeader.magic.prefix(start.count))
                            ? "truncated part file (\(size) bytes)" : "not a clvsim part file (written by `clvsim run --shard I/N --out FILE`)")
        }
        let version = Self.uint32(start, PartHeader.magic.count), length = Int(Self.uint32(start, PartHeader.magic.count + 4))
        guard version == PartHeader.version else {
            throw PartError(path, "part format version \(version); this clvsim reads version \(PartHeader.version)")
        }
        guard size >= fixed + length + 64 else { throw PartError(path, "truncated part file (\(size) bytes; its header alone needs \(fixed + length + 64))") }
        let head = try Self.read(fd, count: length + 64, path)
        var hash = SHA256()
        hash.update(Array(head[0..<length]))
        guard hash.finalizeHex() == String(decoding: head[length...], as: UTF8.self) else {
            throw PartError(path, "corrupted part file: the header's checksum does not match")
        }
        let header: PartHeader
        do { header = try JSONDecoder().decode(PartHeader.self, from: Data(head[0..<length])) } catch {
            throw PartError(path, "corrupted part file: unreadable header")
        }
        guard header.format == PartHeader.format, header.trialRange.count == 2, header.trialRange[0] <= header.trialRange[1],
              header.sobolRange.map({ $0.count == 2 && $0[0] <= $0[1] }) ?? true else {
            throw PartError(path, "not a \(PartHeader.format) part file")
        }
        let expected = fixed + length + 64 + header.bodyBytes
        if size < expected { throw PartError(path, "truncated part file: \(size) bytes, its header promises \(expected)") }
        if size > expected { throw PartError(path, "corrupted part file: \(size - expected) bytes after the end of its body") }
        self.header = header
        bodyOffset = fixed + length + 64
    }

    /// Streams the body into `assembly` and the design rows into `sobol` ([run][plan][row]),
    /// checking the body's SHA-256. `layout` is what this part must hold for the study being merged.
    func readBody(into assembly: RunAssembly, sobol: inout [[[Double]]], stats: inout MergeStats) throws(PartError) {
        let range = header.range
        guard assembly.layout(range).map(\.signature) == header.blocks else {
            throw PartError(path, "its blocks do not match this study's (written by another build of clvsim \(header.tool)?)")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw PartError(path, "cannot read the part: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        stats.openParts += 1
        stats.mostOpenParts = max(stats.mostOpenParts, stats.openParts)
        defer { stats.openParts -= 1 }
        guard lseek(fd, off_t(bodyOffset), SEEK_SET) == off_t(bodyOffset) else {
            throw PartError(path, "cannot read the part: \(String(cString: strerror(errno)))")
        }
        var hash = SHA256()
        let path = self.path
        var bytesRead = 0, largestRead = 0
        defer {
            stats.bytesRead += bytesRead
            stats.largestRead = max(stats.largestRead, largestRead)
        }
        func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(PartError) {
            var done = 0
            while done < buffer.count {
                let ask = min(buffer.count - done, Self.readLimit)
                largestRead = max(largestRead, ask)
                let n = Foundation.read(fd, buffer.baseAddress! + done, ask)
                if n < 0 { if errno == EINTR { continue }; throw PartError(path, "cannot read the part: \(String(cString: strerror(errno)))") }
                if n == 0 { throw PartError(path, "truncated part file") }
                hash.update(UnsafeRawBufferPointer(rebasing: buffer[done..<(done + n)]))
                done += n
                bytesRead += n
            }
        }
        try assembly.fill(range) { (_, buffer) throws(PartError) in try fill(buffer) }
        if let rows = header.sobolRows {
            for r in sobol.indices {
                for p in sobol[r].indices {
                    var failure: PartError? = nil
                    sobol[r][p].withUnsafeMutableBytes { all in
                        do throws(PartError) {
                            try fill(UnsafeMutableRawBufferPointer(rebasing: all[(rows.lowerBound * 8)..<(rows.upperBound * 8)]))
                        } catch { failure = error }
                    }
                    if let failure { throw failure }
                }
            }
        }
        guard hash.finalizeHex() == header.bodySHA256 else {
            throw PartError(path, "corrupted part file: the body's SHA-256 does not match its header")
        }
    }

    static func read(_ fd: Int32, count: Int, _ path: String) throws(PartError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + done, count - done) }
            if n < 0 { if errno == EINTR { continue }; throw PartError(path, "cannot read the part: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            done += n
        }
        return Array(out[0..<done])
    }

    static func uint32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(b[at + $1]) << (8 * UInt32($1)) }
    }
}
