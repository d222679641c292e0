import CLVCommands
@testable import CLVShards
import CLVModel
import Foundation
import Testing

/// `clvsim merge` refuses parts that are not exactly one cover of one run's trials, each with a
/// one-line message naming the offending file, exit status 1, and nothing written.
@Suite("Shard: merge refuses what it cannot merge bit-identically")
struct ShardRefusalTests {
    static let flags = ["--trials", "200", "--clv-samples", "100", "--threads", "2"]

    /// Parts 0, 1, 2 of a 3-way split, made once into a folder the tests copy from.
    static let parts: [String] = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-shard-refusals-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return (try? ShardSupport.shards(ShardSupport.bank, flags, count: 3, into: dir)) ?? []
    }()

    /// Merges `parts`, expecting a refusal: exit 1, stderr one line starting with `file` (or
    /// `clvsim`), containing `message`, and no results written.
    func refuses(_ parts: [String], naming file: String?, _ message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.path + "/results.json"
        let r = ShardSupport.clvsim(["merge"] + parts + ["--json", json, "--quiet"])
        #expect(r.code == 1, "exit \(r.code): \(r.err)", sourceLocation: sourceLocation)
        let lines = r.err.split(separator: "\n")
        #expect(lines.count == 1, "\(r.err)", sourceLocation: sourceLocation)
        #expect(r.err.hasPrefix("\(file ?? "clvsim"): error: "), "\(r.err)", sourceLocation: sourceLocation)
        #expect(r.err.contains(message), "\(r.err)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: json), sourceLocation: sourceLocation)
    }

    /// A copy of `part` in a fresh folder, changed by `edit`.
    func copy(_ part: String, _ name: String, in dir: URL, edit: (inout [UInt8]) throws -> Void = { _ in }) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: part)))
        try edit(&bytes)
        let path = dir.path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Rewrites a part's header (with a valid header checksum), keeping its body.
    static func rewriteHeader(_ bytes: inout [UInt8], _ change: (inout PartHeader) -> Void) throws {
        let length = Int(PartFile.uint32(bytes, 12))
        var header = try JSONDecoder().decode(PartHeader.self, from: Data(bytes[16..<(16 + length)]))
        change(&header)
        let encoded = header.encoded()
        var hash = SHA256()
        hash.update(encoded)
        let body = Array(bytes[(16 + length + 64)...])
        bytes = Array(bytes[0..<12]) + PartWriter.le(UInt32(encoded.count)) + encoded + Array(hash.finalizeHex().utf8) + body
    }

    @Test("the three parts merge (the control for the refusals below)")
    func control() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(ShardSupport.clvsim(["merge"] + Self.parts + ["--json", dir.path + "/r.json", "--quiet"]).code == 0)
    }

    @Test("a failed shard rerun as two finer ones (1/3 as 2/6 and 3/6) merges to the same bytes")
    func finerRetry() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let finer = try [2, 3].map { i in
            let part = dir.path + "/fine-\(i)-of-6.clvpart"
            #expect(ShardSupport.clvsim(["run", ShardSupport.bank] + Self.flags + ["--shard", "\(i)/6", "--out", part, "--quiet"]).code == 0)
            return part
        }
        let a = dir.path + "/a.json", b = dir.path + "/b.json"
        #expect(ShardSupport.clvsim(["merge"] + Self.parts + ["--json", a, "--quiet"]).code == 0)
        let r = ShardSupport.clvsim(["merge", Self.parts[0]] + finer + [Self.parts[2], "--json", b, "--quiet"])
        #expect(r.code == 0, "\(r.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == (try Data(contentsOf: URL(fileURLWithPath: b))))
    }

    @Test("a missing shard: the message names the shard and its trials")
    func missing() throws {
        try refuses([Self.parts[0], Self.parts[2]], naming: nil, "missing part: no part holds shard 1/3 (trials [66, 133))")
        try refuses([Self.parts[0], Self.parts[1]], naming: nil, "no part holds shard 2/3 (trials [133, 200))")
    }

    @Test("a duplicated shard: the second copy is named")
    func duplicate() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let again = try copy(Self.parts[1], "again.clvpart", in: dir)
        try refuses(Self.parts + [again], naming: again, "duplicate part: shard 1/3 (trials [66, 133)) is also \(Self.parts[1])")
        try refuses(Self.parts + [Self.parts[0]], naming: Self.parts[0], "given twice")
    }

    @Test("overlapping ranges: a part of another split is named with both ranges")
    func overlapping() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let half = dir.path + "/half-0-of-2.clvpart"
        #expect(ShardSupport.clvsim(["run", ShardSupport.bank] + Self.flags + ["--shard", "0/2", "--out", half, "--quiet"]).code == 0)
        try refuses([half, Self.parts[1], Self.parts[2]], naming: Self.parts[1],
                    "overlapping parts: trials [66, 133) overlap [0, 100) of \(half)")
    }

    @Test("a part from a changed scenario file is named with the file that differs; a file changed after every shard is named itself")
    func changedScenario() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenarios = dir.appendingPathComponent("bank")
        try FileManager.default.copyItem(atPath: ShardSupport.root + "/scenarios/retail-bank", toPath: scenarios.path)
        let study = scenarios.path + "/study.yaml", plan = scenarios.path + "/plan-b-ai-service.yaml"
        func shard(_ i: Int) -> String {
            let part = dir.path + "/p\(i).clvpart"
            #expect(ShardSupport.clvsim(["run", study] + Self.flags + ["--shard", "\(i)/3", "--out", part, "--quiet"]).code == 0)
            return part
        }
        let p0 = shard(0), p1 = shard(1)
        let edited = try String(contentsOfFile: plan, encoding: .utf8) + "# edited between shards\n"
        try edited.write(toFile: plan, atomically: true, encoding: .utf8)
        let p2 = shard(2)
        try refuses([p0, p1, p2], naming: p2, "not a part of the same run as \(p0): \(plan) has SHA-256 ")
        // Every shard from the old file, which has changed since: the file is named.
        try (edited + "# and again\n").write(toFile: plan, atomically: true, encoding: .utf8)
        try refuses([p0, p1], naming: plan, "changed since the parts were written")
    }

    @Test("a part from another seed or another clvsim version")
    func otherSeedOrVersion() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seeded = dir.path + "/seed-1-of-3.clvpart"
        #expect(ShardSupport.clvsim(["run", ShardSupport.bank] + Self.flags + ["--seed", "5", "--shard", "1/3", "--out", seeded, "--quiet"]).code == 0)
        try refuses([Self.parts[0], seeded, Self.parts[2]], naming: seeded, "seed 5, not 20251129")
        let old = try copy(Self.parts[1], "old.clvpart", in: dir) { try Self.rewriteHeader(&$0) { $0.tool = "0.0.9" } }
        try refuses([Self.parts[0], old, Self.parts[2]], naming: old, "written by clvsim 0.0.9; this is clvsim ")
    }

    @Test("a truncated part, a corrupted body and a corrupted header are refused by their checksums and size")
    func truncatedOrCorrupted() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cut = try copy(Self.parts[2], "cut.clvpart", in: dir) { $0.removeLast(1000) }
        try refuses([Self.parts[0], Self.parts[1], cut], naming: cut, "truncated part file")
        let stub = try copy(Self.parts[2], "stub.clvpart", in: dir) { $0.removeLast($0.count - 10) }
        try refuses([Self.parts[0], Self.parts[1], stub], naming: stub, "truncated part file")
        let flipped = try copy(Self.parts[2], "flipped.clvpart", in: dir) { $0[$0.count - 5000] ^= 0x01 }
        try refuses([Self.parts[0], Self.parts[1], flipped], naming: flipped, "corrupted part file: the body's SHA-256 does not match its header")
        let header = try copy(Self.parts[2], "header.clvpart", in: dir) { b in
            let i = try #require(Self.find(Array("\"seed\":\"20251129\"".utf8), in: b))
            b[i + 9] = UInt8(ascii: "3")    // "seed":"30251129": same length, the header's checksum no longer matches
        }
        try refuses([Self.parts[0], Self.parts[1], header], naming: header, "corrupted part file: the header's checksum does not match")
        let notPart = try copy(ShardSupport.bank, "study.clvpart", in: dir)
        try refuses([Self.parts[0], Self.parts[1], notPart], naming: notPart, "not a clvsim part file")
    }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    @Test("run --shard refuses --json, --report and --precision, and --out without --shard (usage, exit 2)")
    func shardUsage() {
        for args in [["--shard", "0/2", "--out", "x.clvpart", "--json", "x.json"], ["--shard", "0/2", "--out", "x.clvpart", "--report", "r"],
                     ["--shard", "0/2", "--out", "x.clvpart", "--precision", "1%"], ["--out", "x.clvpart"], ["--shard", "0/2"],
                     ["--shard", "2/2", "--out", "x.clvpart"], ["--shard", "1/0", "--out", "x.clvpart"], ["--shard", "-1/3", "--out", "x.clvpart"]] {
            let r = ShardSupport.clvsim(["run", ShardSupport.bank] + args)
            #expect(r.code == 2, "\(args): \(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: "x.clvpart"))
    }
}
