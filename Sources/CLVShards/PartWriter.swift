public import CLVAnalysis
public import CLVEngine
import CLVModel
import Foundation

/// Why a part could not be written, read or merged: one line, naming the offending file when there is one.
public struct PartError: Error, Sendable, CustomStringConvertible, Equatable {
    public let file: String?
    public let message: String
    public init(_ file: String?, _ message: String) {
        self.file = file
        self.message = message
    }
    public var description: String { "\(file ?? "clvsim"): error: \(message)" }
}

/// Writes a shard's part file: the header, then the body streamed block by block while it is
/// hashed, into a temporary file in the same folder that is renamed into place (a failed or
/// interrupted shard leaves no part, and a retried one replaces it with the same bytes).
public enum PartWriter {
    /// Writes trials `range` of `run` (and the design rows of `sobol`) to `path`; returns the file's size.
    @discardableResult
    public static func write(_ run: StudyRun, range: Range<Int>, sobol: SaltelliSobol.Evaluations?, header template: PartHeader,
                             to path: String) throws(PartError) -> Int {
        var header = template
        let blocks = run.partLayout(range)
        header.trialRange = [range.lowerBound, range.upperBound]
        header.blocks = blocks.map(\.signature)
        header.sobolRange = sobol.map { [$0.range.lowerBound, $0.range.upperBound] }
        header.sobolColumns = sobol.map { $0.npv.count * ($0.npv.first?.count ?? 0) }   // runs × plans
        let sobolDoubles = sobol?.npv.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } ?? 0
        header.bodyBytes = blocks.reduce(0) { $0 + $1.bytes } + sobolDoubles * MemoryLayout<Double>.size
        header.bodySHA256 = String(repeating: "0", count: 64)
        let placeholder = header.encoded()

        let dir = (path as NSString).deletingLastPathComponent
        let tmp = (dir.isEmpty ? "" : dir + "/") + ".\((path as NSString).lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw PartError(path, "cannot write the part: \(String(cString: strerror(errno)))") }
        var ok = false
        defer {
            if !ok { close(fd); unlink(tmp) }
        }
        func fail() -> PartError { PartError(path, "cannot write the part: \(String(cString: strerror(errno)))") }
        func put(_ bytes: UnsafeRawBufferPointer) throws(PartError) {
            var done = 0
            while done < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + done, min(bytes.count - done, 1 << 24))
                if n < 0 { if errno == EINTR { continue }; throw fail() }
                done += n
            }
        }
        func put(_ bytes: [UInt8]) throws(PartError) {
            var failure: PartError? = nil
            bytes.withUnsafeBytes { b in
                do throws(PartError) { try put(b) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        try put(PartHeader.magic + le(PartHeader.version) + le(UInt32(placeholder.count)) + placeholder + Array(repeating: 0x30, count: 64))
        var hash = SHA256()
        try run.forEachPartBlock(range) { (_, bytes) throws(PartError) in
            hash.update(bytes)
            try put(bytes)
        }
        for runNPV in sobol?.npv ?? [] {
            for plan in runNPV {
                let bytes = plan.withUnsafeBytes { Array($0) }
                hash.update(bytes)
                try put(bytes)
            }
        }
        header.bodySHA256 = hash.finalizeHex()
        let final = header.encoded()
        precondition(final.count == placeholder.count, "the header's length does not depend on its checksum")
        var headerHash = SHA256()
        headerHash.update(final)
        let head = final + Array(headerHash.finalizeHex().utf8)
        let written = head.withUnsafeBytes { pwrite(fd, $0.baseAddress!, $0.count, off_t(PartHeader.magic.count + 8)) }
        guard written == head.count else { throw fail() }
        guard fsync(fd) == 0 else { throw fail() }
        guard close(fd) == 0 else { ok = true; unlink(tmp); throw fail() }
        ok = true
        guard rename(tmp, path) == 0 else { unlink(tmp); throw fail() }
        return PartHeader.magic.count + 8 + head.count + header.bodyBytes
    }

    static func le(_ x: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: x >> (8 * $0)) } }
}
