@testable import CLVCommands
import CLVAnalysis
@testable import CLVEngine
@testable import CLVShards
import Foundation
import Testing

/// model.md §4: results are the same "for any split of trials into shards, bit for bit". A study
/// run as N shards (`clvsim run --shard I/N --out PART`) and merged (`clvsim merge`) gives the
/// results JSON and board report of a plain `clvsim run`, byte for byte.
@Suite("Shard: sharded runs merged bit-identically")
struct ShardMergeTests {
    @Test("the bank study at 2,000 trials with a Saltelli design, as 1, 3 and 7 shards: JSON and report byte-identical to the plain run",
          arguments: [1, 3, 7])
    func bankStudy(_ n: Int) throws {
        let plain = try ShardSupport.plain(ShardSupport.bank, ShardSupport.bankFlags, report: true)
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = try ShardSupport.shards(ShardSupport.bank, ShardSupport.bankFlags, count: n, into: dir.path)
        let json = dir.path + "/merged.json", report = dir.path + "/report"
        // Parts in any order.
        let r = ShardSupport.clvsim(["merge"] + parts.reversed() + ["--json", json, "--report", report, "--quiet"])
        #expect(r.code == 0, "\(r.err)")
        let merged = try ShardSupport.read(json: json, report: report)
        #expect(merged.json == plain.json, "results JSON differs for \(n) shards")
        #expect(merged.report.keys.sorted() == plain.report.keys.sorted())
        for (name, bytes) in plain.report { #expect(merged.report[name] == bytes, "\(name) differs for \(n) shards") }
        // The design's rows were split too: the merged results hold its indices.
        let doc = try #require(try JSONSerialization.jsonObject(with: merged.json) as? [String: Any])
        #expect(((doc["sensitivity"] as? [String: Any])?["sobol"]) != nil)
    }

    @Test("correlated inputs (ranked over all trials) as 3 shards: results JSON byte-identical to the plain run")
    func correlatedStudy() throws {
        let plain = try ShardSupport.plain(ShardSupport.correlated, ShardSupport.correlatedFlags, report: false)
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = try ShardSupport.shards(ShardSupport.correlated, ShardSupport.correlatedFlags, count: 3, into: dir.path)
        let json = dir.path + "/merged.json"
        let r = ShardSupport.clvsim(["merge"] + parts + ["--json", json, "--quiet"])
        #expect(r.code == 0, "\(r.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: json)) == plain.json)
    }

    @Test("with --stress (every shard applies it; the merge applies it again) as 2 shards: results JSON and --trials-out CSV byte-identical")
    func stressed() throws {
        let flags = ["--trials", "300", "--clv-samples", "200", "--threads", "2",
                     "--stress", "segments.mass.arrivals.onboarding=P10", "--stress", "risks.Adoption shortfall.probability=1"]
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plainJSON = dir.path + "/plain.json", plainCSV = dir.path + "/plain.csv"
        #expect(ShardSupport.clvsim(["run", ShardSupport.bank] + flags + ["--json", plainJSON, "--trials-out", plainCSV, "--quiet"]).code == 0)
        let parts = try ShardSupport.shards(ShardSupport.bank, flags, count: 2, into: dir.path)
        let json = dir.path + "/merged.json", csv = dir.path + "/merged.csv"
        let r = ShardSupport.clvsim(["merge"] + parts + ["--json", json, "--trials-out", csv, "--quiet"])
        #expect(r.code == 0, "\(r.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: json)) == (try Data(contentsOf: URL(fileURLWithPath: plainJSON))))
        #expect(try Data(contentsOf: URL(fileURLWithPath: csv)) == (try Data(contentsOf: URL(fileURLWithPath: plainCSV))))
    }

    @Test("a shard run again (a retried pod or task, with another thread count) writes the identical part file")
    func rerunIsIdentical() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let flags = ["--trials", "300", "--clv-samples", "400", "--sobol", "8"]
        let a = dir.path + "/a.clvpart", b = dir.path + "/b.clvpart"
        #expect(ShardSupport.clvsim(["run", ShardSupport.bank] + flags + ["--threads", "1", "--shard", "2/7", "--out", a, "--quiet"]).code == 0)
        // The first attempt "failed" after writing: the retry replaces the part in place.
        #expect(ShardSupport.clvsim(["run", ShardSupport.bank] + flags + ["--threads", "2", "--shard", "2/7", "--out", b, "--quiet"]).code == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: a))
        #expect(first == (try Data(contentsOf: URL(fileURLWithPath: b))))
        #expect(ShardSupport.clvsim(["run", ShardSupport.bank] + flags + ["--shard", "2/7", "--out", a, "--quiet"]).code == 0)
        #expect(first == (try Data(contentsOf: URL(fileURLWithPath: a))))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["a.clvpart", "b.clvpart"])
    }

    @Test("merge streams the parts: one open at a time, reads of at most 1 MiB straight into the run, every body byte read once")
    func mergeStreams() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let flags = ["--trials", "600", "--clv-samples", "300", "--threads", "2"]
        let parts = try ShardSupport.shards(ShardSupport.bank, flags, count: 7, into: dir.path)
        var stats = MergeStats()
        _ = try Merge.run(parts, StudyRequest(), stats: &stats)
        let bodies = try parts.map { try PartFile(path: $0).header.bodyBytes }.reduce(0, +)
        #expect(stats.parts == 7)
        #expect(stats.mostOpenParts == 1)
        #expect(stats.bytesRead == bodies)
        #expect(stats.largestRead <= MergeStats.readLimit)
        #expect(stats.openParts == 0)
    }

    @Test("shard ranges are [⌊I·n/N⌋, ⌊(I+1)·n/N⌋) and tile the trials, including more shards than trials")
    func ranges() {
        for (n, k) in [(2000, 3), (2000, 7), (5, 8), (1, 1), (64, 2)] {
            let r = (0..<k).map { RunRange.of(shard: $0, of: k, rows: n) }
            #expect(r.first?.lowerBound == 0 && r.last?.upperBound == n)
            for i in 1..<k { #expect(r[i].lowerBound == r[i - 1].upperBound) }
        }
        #expect(RunRange.of(shard: 1, of: 3, rows: 2000) == 666..<1333)
    }
}

/// Part files find a scenario's per-trial matrices by reflection: a matrix added to
/// `ScenarioTrials` is sharded with no change, provided its rows are trials (or it is one of the
/// known chunk sums, which merging adds up).
@Suite("Shard: every matrix of a run is in its parts")
struct ShardLayoutTests {
    @Test("each ScenarioTrials matrix has a row per trial or is a known chunk sum; parts of a split hold every trial's row once")
    func layout() throws {
        let study = try CLVAnalysis.StudyPipeline.load(ShardSupport.bank)
        var o = RunOptions(trials: 130, seed: 3, clvSamples: 50, threads: 2)
        o.trialRange = 0..<130
        let run = try Engine.run(study, options: o)
        for t in run.trials {
            for m in RunParts.matrices(t) {
                #expect(m.matrix.rows == 130 || RunParts.chunkSums.contains(m.name), "\(m.name)")
            }
        }
        // The per-trial blocks of a 3-way split add up to the whole run's.
        let whole = run.partLayout(0..<130).filter { $0.kind != .chunkSum }.reduce(0) { $0 + $1.bytes }
        let split = (0..<3).map { RunRange.of(shard: $0, of: 3, rows: 130) }
            .map { run.partLayout($0).filter { $0.kind != .chunkSum }.reduce(0) { $0 + $1.bytes } }.reduce(0, +)
        #expect(split == whole)
    }
}

/// `--shard I/N` and `--shard auto/N`: the index from the flag or from the scheduler's variable.
@Suite("Shard: --shard I/N and auto/N")
struct ShardSpecTests {
    @Test("auto/N reads SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX; an index out of range or no variable is a usage error")
    func resolve() throws {
        let auto = try ShardSpec.parse("auto/8")
        #expect(try auto.resolve(["SLURM_ARRAY_TASK_ID": "3"]) == 3)
        #expect(try auto.resolve(["JOB_COMPLETION_INDEX": "7"]) == 7)
        #expect(throws: (any Error).self) { try auto.resolve(["JOB_COMPLETION_INDEX": "8"]) }
        #expect(throws: (any Error).self) { try auto.resolve([:]) }
        #expect(try ShardSpec.parse("2/5").resolve(["SLURM_ARRAY_TASK_ID": "4"]) == 2)
        for bad in ["5/5", "-1/5", "1/0", "x/3", "auto", "1/2/3", "auto/100001"] {
            #expect(throws: (any Error).self, "\(bad)") { try ShardSpec.parse(bad) }
        }
    }
}
