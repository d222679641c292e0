import Foundation
import Testing
import CLVCommands

/// The corpus of broken inputs in `Tests/Fixtures/invalid`: each `NAME.yaml` with a sibling `NAME.expected`
/// holds one defect, and `clvsim validate NAME.yaml` must print exactly the expected lines on
/// standard error and exit 1. Files starting with `_` are helpers (baselines, cycle partners, chains).
/// Paths in expected files are relative to the corpus folder, as if validate ran there.
@Suite("Invalid input corpus")
struct InvalidInputCorpusTests {
    static let folder: String = fixturesRoot + "/invalid"

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".expected") }.map { String($0.dropLast(".expected".count)) }.sorted()
    }

    /// Runs `clvsim validate` on `file` (a path under the corpus folder) and returns the exit code and
    /// standard error with the folder prefix removed.
    static func validate(_ file: String) -> (code: Int32, err: String, out: String) {
        let (console, captured) = Console.capture()
        let code = CLI.main(["validate", file], console: console)
        return (code, captured.err.replacingOccurrences(of: folder + "/", with: ""), captured.out)
    }

    @Test("the corpus holds at least 40 broken inputs")
    func size() {
        #expect(Self.cases.count >= 40)
    }

    @Test("each broken input prints exactly its expected lines and exits 1", arguments: cases)
    func brokenInput(_ name: String) throws {
        let expected = try String(contentsOfFile: Self.folder + "/" + name + ".expected", encoding: .utf8)
        let run = Self.validate(Self.folder + "/" + name + ".yaml")
        #expect(run.err == expected)
        #expect(run.code == 1)
        #expect(run.out.isEmpty)
    }

    @Test("the corpus helpers themselves are valid")
    func helpersAreValid() {
        let run = Self.validate(Self.folder + "/_base.yaml")
        #expect(run.code == 0 && run.err.isEmpty)
    }

    @Test("a file over 10 MB is refused before it is parsed")
    func tooLarge() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-large-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("large.yaml").path
        var text = "schema: clvsim/1\nname: large\n"
        let line = "# " + String(repeating: "x", count: 1022) + "\n"
        while text.utf8.count <= 10 * 1024 * 1024 { text += line }
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        let (console, captured) = Console.capture()
        #expect(CLI.main(["validate", file], console: console) == 1)
        #expect(captured.err == "\(file):1:1: error: file is larger than 10 MB\n")
    }
}
