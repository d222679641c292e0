public import CLVAnalysis
public import CLVModel
import Foundation

#if _endian(big)
#error("part files hold doubles little-endian, as the host stores them: a big-endian build needs byte swapping in PartWriter and PartFile")
#endif

/// The header of a part file: what run the part belongs to, which trials it holds and how its
/// body is laid out. Written as sorted-key JSON, so a rerun of the same shard writes the same bytes.
///
/// A part file is `CLVPART\n`, the format version (UInt32, little-endian), the header's length
/// (UInt32), the header, the SHA-256 of the header (64 hex digits), then the body: exact doubles,
/// little-endian, block after block as `blocks` lists them, then the Sobol design's NPVs.
public struct PartHeader: Codable, Sendable, Equatable {
    public static let format = "clvsim-part/1"
    public static let magic = Array("CLVPART\n".utf8)
    public static let version: UInt32 = 1

    public struct Input: Codable, Sendable, Hashable {
        public var file: String
        public var sha256: String
    }

    /// A `--stress` as given (path and level), to apply again when merging.
    public struct StressSpec: Codable, Sendable, Hashable {
        public var path: String
        /// `percentile` (value in 0...1), `mean` or `value`.
        public var level: String
        public var value: Double?
    }

    public var format = PartHeader.format
    /// The clvsim version that wrote the part; merging needs the same.
    public var tool: String
    /// The study file as given on the command line (relative to the working directory), as results record it.
    public var study: String
    /// SHA-256 of every input file, as `Study.inputs`.
    public var inputs: [Input]
    /// Decimal: a UInt64 seed does not fit a JSON number exactly.
    public var seed: String
    public var trials: Int
    public var clvSamples: Int
    public var stress: [StressSpec]
    /// Base trials of the Saltelli design, when `--sobol N` was given (and the study has plans).
    public var sobol: Int?
    /// This part: shard `shard` of `shards` (from 0), trials [trialRange[0], trialRange[1]).
    public var shard: Int
    public var shards: Int
    public var trialRange: [Int]
    /// Rows [sobolRange[0], sobolRange[1]) of the Saltelli design.
    public var sobolRange: [Int]?
    /// Runs × plans of the design's NPVs in the body.
    public var sobolColumns: Int?
    /// Every block of the body (`RunBlock.signature`), in order.
    public var blocks: [String]
    public var bodyBytes: Int
    public var bodySHA256: String

    enum CodingKeys: String, CodingKey {
        case format, tool, study, inputs, seed, trials, clvSamples = "clv_samples", stress, sobol, shard, shards
        case trialRange = "trial_range", sobolRange = "sobol_range", sobolColumns = "sobol_columns", blocks
        case bodyBytes = "body_bytes", bodySHA256 = "body_sha256"
    }

    var range: Range<Int> { trialRange[0]..<trialRange[1] }
    var sobolRows: Range<Int>? { sobolRange.map { $0[0]..<$0[1] } }

    func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        // Encoding a value of plain strings, integers and finite doubles cannot fail; were it to,
        // the empty header would be refused by merge as a corrupted part, never trap.
        return (try? e.encode(self)).map { Array($0) } ?? []
    }
}

extension PartHeader.StressSpec {
    init(_ s: Stress) {
        path = s.path
        switch s.level {
        case .percentile(let q): level = "percentile"; value = q
        case .mean: level = "mean"; value = nil
        case .value(let x): level = "value"; value = x
        }
    }

    var stress: Stress? {
        switch (level, value) {
        case ("percentile", let q?): Stress(path: path, level: .percentile(q))
        case ("mean", _): Stress(path: path, level: .mean)
        case ("value", let x?): Stress(path: path, level: .value(x))
        default: nil
        }
    }
}

extension PartHeader {
    /// The header of a shard of `study` (loaded from `studyPath`, as given); ranges, blocks and the
    /// body's size and checksum are filled in by `PartWriter`.
    public init(study: Study, studyPath: String, seed: UInt64, trials: Int, clvSamples: Int, stress: [Stress], sobol: Int?,
                shard: Int, of shards: Int) {
        tool = Tool.version
        self.study = studyPath
        inputs = study.inputs.map { Input(file: $0.path, sha256: $0.sha256) }
        self.seed = String(seed)
        self.trials = trials
        self.clvSamples = clvSamples
        self.stress = stress.map(StressSpec.init)
        self.sobol = sobol
        self.shard = shard
        self.shards = shards
        trialRange = [0, 0]
        sobolRange = nil
        sobolColumns = nil
        blocks = []
        bodyBytes = 0
        bodySHA256 = ""
    }
}
