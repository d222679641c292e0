import ArgumentParser
import CLVAnalysis
import CLVEngine
import CLVModel
import Foundation

/// A number of bytes as written on the command line: `1073741824`, `512M`, `4G`, `1.5G`, `2T`
/// (binary units: K = 1024; an optional trailing `B`/`iB` is accepted).
struct ByteCount: ExpressibleByArgument, Sendable, Hashable {
    var bytes: Double

    init(bytes: Double) { self.bytes = bytes }

    init?(argument: String) {
        var s = Substring(argument.trimmingCharacters(in: .whitespaces).uppercased())
        if s.hasSuffix("IB") { s = s.dropLast(2) } else if s.hasSuffix("B") { s = s.dropLast() }
        var scale = 1.0
        if let unit = s.last, let power = ["K": 1.0, "M": 2, "G": 3, "T": 4][String(unit)] {
            scale = pow(1024, power)
            s = s.dropLast()
        }
        guard let x = Double(s), x.isFinite, x > 0 else { return nil }
        bytes = x * scale
    }

    static var defaultValueDescription: String { "half of physical memory" }

    /// `1.2 GB`, `512 MB` (binary units, as the flag reads them).
    var description: String { StudyPipeline.byteText(bytes) }
}

/// `--max-memory`'s default: half of physical memory (the study pipeline refuses larger runs).
enum MemoryGuard {
    static var defaultLimit: ByteCount { ByteCount(bytes: Double(ProcessInfo.processInfo.physicalMemory) / 2) }

    /// The process's peak resident memory so far, in bytes: `VmHWM` of /proc/self/status (this
    /// program's own memory; `getrusage`'s `ru_maxrss` also counts what the parent process held
    /// when it started this one), else `getrusage`.
    static func peakResidentBytes() -> Double {
        if let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kb = Double(line.split(separator: " ").dropFirst().first ?? "") {
            return kb * 1024
        }
        var u = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u) == 0 else { return .nan }
        return Double(u.ru_maxrss) * 1024
    }

    /// `memory: estimated 312 MB, peak 287 MB` for `--stats` (the estimate is the guard's).
    static func statsLine(_ study: Study, trials: Int, clvSamples: Int, threads: Int) -> String {
        let e = MemoryEstimate.of(study, trials: trials, clvSamples: clvSamples, threads: threads)
        return "memory: estimated \(ByteCount(bytes: e.bytes).description) (\(Int64(e.bytes)) bytes), "
            + "peak \(ByteCount(bytes: peakResidentBytes()).description) (\(Int64(peakResidentBytes())) bytes)"
    }
}
