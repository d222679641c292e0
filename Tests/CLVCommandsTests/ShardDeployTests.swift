import Foundation
import Testing
import Yams

/// The launchers in deploy/ and scripts/shard-local.sh: syntax, the fields the schedulers need,
/// the container build against the README, and the local run of the launcher logic end to end.
@Suite("Shard: launchers for Slurm, Kubernetes and local processes")
struct ShardDeployTests {
    static let root = ShardSupport.root
    static let binary = root + "/.build/debug/clvsim"
    static var built: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    static func text(_ path: String) throws -> String { try String(contentsOfFile: root + "/" + path, encoding: .utf8) }

    /// Runs a program in the package root; returns its exit status and standard error.
    static func run(_ program: String, _ args: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: root)
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    static let scripts = ["deploy/shard-task.sh", "deploy/merge-task.sh", "deploy/slurm/submit.sh", "deploy/slurm/shard.sbatch",
                          "deploy/slurm/merge.sbatch", "deploy/kubernetes/run.sh", "scripts/shard-local.sh"]

    @Test("every launcher script parses (bash -n) and is executable", arguments: scripts)
    func syntax(_ script: String) throws {
        let (code, err) = try Self.run("/bin/bash", ["-n", script])
        #expect(code == 0, "\(script): \(err)")
        #expect(FileManager.default.isExecutableFile(atPath: Self.root + "/" + script))
    }

    @Test("Slurm: an array 0-(N-1) of shard tasks, then a merge job that depends on all of them (afterok)")
    func slurm() throws {
        let submit = try Self.text("deploy/slurm/submit.sh")
        #expect(submit.contains("--array=\"0-$((N - 1))\""))
        #expect(submit.contains("--dependency=\"afterok:$array\""))
        #expect(submit.contains("shard.sbatch") && submit.contains("merge.sbatch"))
        let shard = try Self.text("deploy/slurm/shard.sbatch"), merge = try Self.text("deploy/slurm/merge.sbatch")
        #expect(shard.contains("#SBATCH --job-name=clvsim-shard") && shard.contains("shard-task.sh"))
        #expect(merge.contains("#SBATCH --job-name=clvsim-merge") && merge.contains("merge-task.sh"))
        // The task reads its index from Slurm: clvsim --shard auto/N.
        #expect(try Self.text("deploy/shard-task.sh").contains("--shard \"auto/$SHARDS\""))
    }

    static func yaml(_ path: String) throws -> [String: Any] {
        try #require(try Yams.load(yaml: try text(path)) as? [String: Any], "\(path) is not a YAML mapping")
    }

    static func dig(_ x: Any?, _ keys: String...) -> Any? {
        var v = x
        for k in keys {
            if let i = Int(k), let a = v as? [Any] { v = i < a.count ? a[i] : nil } else { v = (v as? [String: Any])?[k] }
        }
        return v
    }

    static func env(_ container: Any?) -> [String: String] {
        var out: [String: String] = [:]
        for e in (dig(container, "env") as? [[String: Any]]) ?? [] {
            if let n = e["name"] as? String { out[n] = "\(e["value"] ?? "")" }
        }
        return out
    }

    @Test("Kubernetes: an Indexed Job of N shard pods and a merge Job on one shared ReadWriteMany volume")
    func kubernetes() throws {
        let volume = try Self.yaml("deploy/kubernetes/volume.yaml")
        #expect(volume["kind"] as? String == "PersistentVolumeClaim")
        #expect((Self.dig(volume, "spec", "accessModes") as? [String]) == ["ReadWriteMany"])
        let claim = try #require(Self.dig(volume, "metadata", "name") as? String)

        let shards = try Self.yaml("deploy/kubernetes/shards.yaml")
        #expect(shards["apiVersion"] as? String == "batch/v1" && shards["kind"] as? String == "Job")
        #expect(Self.dig(shards, "spec", "completionMode") as? String == "Indexed")
        let completions = try #require(Self.dig(shards, "spec", "completions") as? Int)
        #expect(Self.dig(shards, "spec", "parallelism") as? Int == completions)
        #expect(Self.dig(shards, "spec", "template", "spec", "restartPolicy") as? String == "Never")
        let shard = Self.dig(shards, "spec", "template", "spec", "containers", "0")
        let shardEnv = Self.env(shard)
        #expect(shardEnv["SHARDS"] == String(completions), "completions must equal SHARDS")
        #expect(shardEnv["STUDY"] != nil && shardEnv["PARTS"] != nil)
        #expect((Self.dig(shard, "command") as? [String])?.first?.hasSuffix("/shard-task.sh") == true)

        let merge = try Self.yaml("deploy/kubernetes/merge.yaml")
        #expect(merge["kind"] as? String == "Job" && Self.dig(merge, "spec", "completionMode") == nil)
        let mergeContainer = Self.dig(merge, "spec", "template", "spec", "containers", "0")
        let mergeEnv = Self.env(mergeContainer)
        #expect(mergeEnv["SHARDS"] == shardEnv["SHARDS"] && mergeEnv["PARTS"] == shardEnv["PARTS"] && mergeEnv["OUT"] != nil)
        #expect((Self.dig(mergeContainer, "command") as? [String])?.first?.hasSuffix("/merge-task.sh") == true)
        // Both on the shared volume, working in it (the study path the shards record is the one the merge reads).
        for (job, container) in [(shards, shard), (merge, mergeContainer)] {
            #expect(Self.dig(job, "spec", "template", "spec", "volumes", "0", "persistentVolumeClaim", "claimName") as? String == claim)
            let mount = Self.dig(container, "volumeMounts", "0", "mountPath") as? String
            #expect(mount != nil && Self.dig(container, "workingDir") as? String == mount)
            #expect(Self.dig(container, "image") as? String == Self.dig(shard, "image") as? String)
        }
    }

    /// The RUN steps of the Containerfile's build stage, continuation lines joined.
    static func containerBuildSteps() throws -> [String] {
        var steps: [String] = [], inBuild = false, current: String? = nil
        for raw in try text("deploy/Containerfile").split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("FROM ") { inBuild = line.hasSuffix(" AS build"); continue }
            guard inBuild else { continue }
            if var c = current {
                c += " " + line
                current = c
            } else if line.hasPrefix("RUN ") {
                current = String(line.dropFirst(4))
            }
            if let c = current, !c.hasSuffix("\\") { steps.append(c); current = nil } else if let c = current {
                current = String(c.dropLast()).trimmingCharacters(in: .whitespaces)
            }
        }
        return steps
    }

    @Test("the container's build steps are the README's, word for word")
    func containerMatchesReadme() throws {
        let readme = try Self.text("README.md")
        let marker = "<!-- container-build-steps -->"
        let after = try #require(readme.components(separatedBy: marker).dropFirst().first, "README has no \(marker) block")
        let block = try #require(after.components(separatedBy: "```").dropFirst().first)
        let readmeSteps = block.split(separator: "\n").dropFirst()    // the fence's language tag line
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let steps = try Self.containerBuildSteps()
        #expect(!steps.isEmpty)
        #expect(steps == readmeSteps)
        let file = try Self.text("deploy/Containerfile")
        #expect(file.contains("COPY --from=build /src/.build/release/clvsim /usr/local/bin/clvsim"))
        #expect(file.contains("COPY deploy/shard-task.sh deploy/merge-task.sh /opt/clvsim/deploy/"))
    }

    @Test("scripts/shard-local.sh 3: N processes given the schedulers' index variables, then the merge: JSON and report byte-identical to a plain run",
          .enabled(if: built, "needs .build/debug/clvsim"))
    func shardLocal() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = "scenarios/retail-bank/study.yaml"
        let flags = ShardSupport.bankFlags.filter { $0 != "--threads" && $0 != "2" } + ["--threads", "1"]
        let plainJSON = dir.path + "/plain.json", plainReport = dir.path + "/plain-report"
        let (code, err) = try Self.run(Self.binary, ["run", study] + flags + ["--json", plainJSON, "--report", plainReport, "--quiet"])
        #expect(code == 0, "\(err)")
        let out = dir.path + "/out"
        let (status, log) = try Self.run("/bin/bash", ["scripts/shard-local.sh", "3", study], environment: [
            "CLVSIM": Self.binary, "CLVSIM_ARGS": flags.joined(separator: " "), "OUT": out, "MERGE_ARGS": "--quiet",
        ])
        #expect(status == 0, "\(log)")
        let parts = try FileManager.default.contentsOfDirectory(atPath: out + "/parts").sorted()
        #expect(parts == ["part-0-of-3.clvpart", "part-1-of-3.clvpart", "part-2-of-3.clvpart"])
        let plain = try ShardSupport.read(json: plainJSON, report: plainReport)
        let merged = try ShardSupport.read(json: out + "/results.json", report: out + "/report")
        #expect(merged == plain)
    }
}
