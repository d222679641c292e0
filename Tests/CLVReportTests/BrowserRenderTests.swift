import CLVReport
import Foundation
import Testing

/// A headless Chromium, if one is installed (Debian: `apt-get install -y chromium`).
enum Browser {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs the browser headless on `args` + `url`; true when it exited 0.
    @discardableResult
    static func run(_ args: [String], _ url: URL) throws -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(path))
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-pdf-header-footer"]
            + args + [url.absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ d: Data) -> (Int, Int)? {
        let b = [UInt8](d.prefix(24))
        guard b.count == 24, b[0] == 0x89, b[1] == 0x50, b[12] == 0x49, b[13] == 0x48 else { return nil }
        func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (be(16), be(20))
    }
}

/// Renders the real `report.html` in a browser. Skipped, with the reason in the test output,
/// when no Chromium is installed.
@Suite("Browser rendering", .enabled(if: Browser.path != nil, "no headless chromium found (apt-get install -y chromium)"))
struct BrowserRenderTests {
    @Test("Chromium renders report.html to a non-blank PNG and prints a plausible number of A4 pages")
    func renders() throws {
        let dir = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("report.html"), blank = dir.appendingPathComponent("blank.html")
        try Data(HTMLRenderer.render(Fixture.document()).utf8).write(to: html)
        try Data("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>".utf8).write(to: blank)
        let shot = dir.appendingPathComponent("report.png"), blankShot = dir.appendingPathComponent("blank.png")
        try Browser.run(["--screenshot=\(shot.path)", "--window-size=1280,4000"], html)
        try Browser.run(["--screenshot=\(blankShot.path)", "--window-size=1280,4000"], blank)
        let png = try Data(contentsOf: shot), empty = try Data(contentsOf: blankShot)
        let size = try #require(Browser.pngSize(png))
        #expect(size == (1280, 4000))
        // A blank page of the same size compresses to a few kilobytes; the report's text and
        // charts make the image far larger (about 400 KB when this test was written).
        #expect(png.count > 8 * empty.count, "screenshot looks blank: \(png.count) bytes vs \(empty.count) for an empty page")
        #expect(png.count > 150_000)

        // Printed (A4 landscape stylesheet): the page count is that of a board pack, not 1 or 500.
        let pdf = dir.appendingPathComponent("report.pdf")
        try Browser.run(["--print-to-pdf=\(pdf.path)"], html)
        let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        let counts = text.matches(of: /\/Count (\d+)/).compactMap { Int($0.1) }
        let pages = try #require(counts.max())
        #expect((6...60).contains(pages), "printed pages: \(pages)")
    }
}
