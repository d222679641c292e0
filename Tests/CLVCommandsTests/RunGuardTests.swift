import Foundation
import Testing
import CLVCommands

/// `clvsim run` refuses what it cannot finish before it starts: too much memory, unwritable outputs.
@Suite("Run guards")
struct RunGuardTests {
    static let base: String = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path + "/invalid/_base.yaml"

    static func run(_ args: [String]) -> (code: Int32, err: String) {
        let (console, captured) = Console.capture()
        return (CLI.main(["run", base] + args, console: console), captured.err)
    }

    @Test("a run estimated above --max-memory is refused with exit 1, naming the flags that shrink it")
    func memory() {
        let r = Self.run(["--trials", "1000000", "--max-memory", "64M", "--quiet"])
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("clvsim: error: this run needs about "))
        #expect(r.err.contains("more than --max-memory 64 MB; lower --trials (now 1000000) or --clv-samples"))
    }

    @Test("--max-memory reads 512M, 4G, 1.5GB; other text is a usage error", arguments: ["512M", "4G", "1.5GB", "100000000"])
    func sizes(_ text: String) {
        #expect(Self.run(["--trials", "10", "--clv-samples", "10", "--max-memory", text, "--quiet"]).code == 0)
    }

    @Test("an unreadable --max-memory is a usage error", arguments: ["4X", "-1G", "", "G"])
    func badSizes(_ text: String) {
        #expect(Self.run(["--trials", "10", "--max-memory", text, "--quiet"]).code == 2)
    }

    @Test("an output in a missing folder is refused before the run, exit 3, nothing written")
    func missingFolder() {
        let r = Self.run(["--trials", "10", "--json", "/nonexistent-clvsim/out.json", "--quiet"])
        #expect(r.code == 3)
        #expect(r.err == "clvsim: error: cannot write /nonexistent-clvsim/out.json: no such directory '/nonexistent-clvsim'\n")
    }

    @Test("an output that is a folder is refused, exit 3")
    func folderOutput() {
        let dir = FileManager.default.temporaryDirectory.path
        let r = Self.run(["--trials", "10", "--json", dir, "--quiet"])
        #expect(r.code == 3)
        #expect(r.err == "clvsim: error: cannot write \(dir): '\(dir)' is a directory\n")
    }
}
