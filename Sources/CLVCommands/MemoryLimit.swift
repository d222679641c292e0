import ArgumentParser
import CLVAnalysis
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
}
