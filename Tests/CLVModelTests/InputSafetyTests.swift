import Foundation
import Testing
@testable import CLVModel

/// Inputs that are not plain files, and text that must not reach a terminal raw (issue 11, items 16, 18-23).
@Suite("Input safety")
struct InputSafetyTests {
    static func temp() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-in-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test("a FIFO, a device or a socket given as a scenario is refused at once, without opening it")
    func nonRegular() throws {
        let d = try Self.temp()
        defer { try? FileManager.default.removeItem(atPath: d) }
        #expect(mkfifo(d + "/pipe.yaml", 0o600) == 0)
        #expect(Loader.validate(paths: [d + "/pipe.yaml"]).map(\.message) == ["'\(d)/pipe.yaml' is a FIFO (named pipe), not a regular file"])
        #expect(Loader.validate(paths: ["/dev/zero"]).map(\.message) == ["'/dev/zero' is a device, not a regular file"])
    }

    @Test("a symlink loop is named as one, not as a missing file")
    func symlinkLoop() throws {
        let d = try Self.temp()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try FileManager.default.createSymbolicLink(atPath: d + "/a.yaml", withDestinationPath: d + "/b.yaml")
        try FileManager.default.createSymbolicLink(atPath: d + "/b.yaml", withDestinationPath: d + "/a.yaml")
        #expect(Loader.validate(paths: [d + "/a.yaml"]).map(\.message) == ["'\(d)/a.yaml' is a loop of symbolic links"])
    }

    @Test("sd 0 is the constant at the mean (normal, gamma)")
    func sdZero() throws {
        let study = try Loader.loadStudy(path: Fixtures.path("rules/sd-zero.yaml"))
        let value = try #require(study.baseline.segments.first?.value.first { $0.state == 1 })
        #expect(value.revenue?.distribution == .constant(100))
        #expect(value.cost?.distribution == .constant(20))
    }

    @Test("escaping: controls, bidi controls and non-characters become \\uXXXX; other text is unchanged")
    func escaping() {
        #expect(TextSafety.escaped("a\u{1B}[2Jb\u{7}") == "a\\u001B[2Jb\\u0007")
        #expect(TextSafety.escaped("x\u{202E}y\u{2066}") == "x\\u202Ey\\u2066")
        #expect(TextSafety.escaped("\u{FFFF}\u{10FFFF}") == "\\uFFFF\\u{10FFFF}")
        #expect(TextSafety.escaped("两行\nlines", keepingLayout: true) == "两行\nlines")
        #expect(TextSafety.escaped("Plan A — 数据平台") == "Plan A — 数据平台")
        #expect(TextSafety.quoted(String(repeating: "x", count: 100)) == "'" + String(repeating: "x", count: 60) + "…'")
    }

    @Test("a diagnostic's line is escaped whatever it holds (a file name with ESC in it)")
    func diagnosticEscaped() {
        let d = Diagnostic(at: SourceLocation(file: "evil\u{1B}[2J.yaml", line: 1, column: 1), "no such file")
        #expect(d.description == "evil\\u001B[2J.yaml:1:1: error: no such file")
    }
}
