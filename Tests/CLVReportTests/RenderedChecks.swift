import CLVAnalysis
import CLVReport
import Foundation
import Testing

/// Measures a report as Chromium lays it out: the page, with a small script appended, is loaded
/// in an iframe of the width under test (headless Chromium's own window is never narrower than
/// 500 px); the script writes its findings into a `<pre id="clvsim-measure">` element as JSON,
/// the host page copies them out, and `--dump-dom` prints them.
enum Rendered {
    /// What the script reports at one window width.
    struct Measure: Decodable {
        var viewport: Double
        var scrollWidth: Double
        /// Smallest chart text as drawn on screen (font size × the SVG's scale), in CSS px.
        var minChartFont: Double
        var minChartFontText: String
        /// Chart texts that reach outside their SVG's box.
        var overflowing: [String]
        /// Tables whose right edge is beyond the viewport.
        var wideTables: Int
        var charts: Int
    }

    static let script = """
    <script>
    (function () {
      const vw = document.documentElement.clientWidth;
      let min = 1e9, minText = '', over = [], charts = 0;
      for (const svg of document.querySelectorAll('figure.chart svg')) {
        const box = svg.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        charts++;
        const scale = svg.getScreenCTM().a;
        for (const t of svg.querySelectorAll('text')) {
          const r = t.getBoundingClientRect();
          if (r.width === 0) continue;
          const px = parseFloat(t.getAttribute('font-size') || '12') * scale;
          if (px < min) { min = px; minText = t.textContent; }
          if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
            over.push((svg.closest('figure') || {}).id + ': ' + t.textContent);
          }
        }
      }
      let wide = 0;
      const wideNames = [];
      for (const t of document.querySelectorAll('table')) {
        if (t.getBoundingClientRect().right > vw + 1) { wide++; wideNames.push((t.closest('section') || {}).id + ': ' + (t.querySelector('th') || {}).textContent); }
      }
      over = over.concat(wideNames.map(n => 'table ' + n));
      const out = { viewport: vw, scrollWidth: document.documentElement.scrollWidth, minChartFont: min,
                    minChartFontText: minText, overflowing: over, wideTables: wide, charts: charts };
      const pre = document.createElement('pre');
      pre.id = 'clvsim-measure';
      pre.textContent = JSON.stringify(out);
      document.body.appendChild(pre);
    })();
    </script>
    """

    /// Runs Chromium at `width` px on `html` with the script appended; the measurements.
    static func measure(_ html: String, width: Int, in dir: URL) throws -> Measure {
        let page = dir.appendingPathComponent("measure-\(width).html"), host = dir.appendingPathComponent("host-\(width).html")
        let withScript = html.replacingOccurrences(of: "</body>", with: script + "\n</body>")
        try Data(withScript.utf8).write(to: page)
        let hostPage = """
        <!DOCTYPE html><html><head><title>measure</title></head><body style="margin:0">
        <iframe id="f" src="\(page.lastPathComponent)" style="width:\(width)px;height:1000px;border:0"></iframe>
        <script>
        document.getElementById('f').addEventListener('load', function () {
          const pre = this.contentDocument.getElementById('clvsim-measure');
          const out = document.createElement('pre');
          out.id = 'clvsim-result';
          out.textContent = pre ? pre.textContent : '';
          document.body.appendChild(out);
        });
        </script></body></html>
        """
        try Data(hostPage.utf8).write(to: host)
        let out = try Browser.output(["--allow-file-access-from-files", "--dump-dom", "--window-size=\(width + 40),1000",
                                      "--virtual-time-budget=5000"], host)
        guard let a = out.range(of: "<pre id=\"clvsim-result\">"), let b = out.range(of: "</pre>", range: a.upperBound..<out.endIndex) else {
            throw MeasureError(message: "no measurements in Chromium's DOM (\(out.count) bytes)")
        }
        let json = String(out[a.upperBound..<b.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Measure.self, from: Data(json.utf8))
    }

    struct MeasureError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// The shipped pack of `study` in `locale`, rendered from its committed results.json.
    static func pack(_ study: String, _ locale: ReportLocale) throws -> String {
        let url = Fixture.root.appendingPathComponent("reports/\(study)/results.json")
        let results = try Results.decode(String(contentsOf: url, encoding: .utf8))
        return HTMLRenderer.render(ReportBuilder.build(results, context: ReportContext(date: Fixture.date, locale: locale)))
    }

    static var pdftotext: String? {
        ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension Browser {
    /// Runs the browser headless and returns what it printed on standard output.
    static func output(_ args: [String], _ url: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(path))
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + args + [url.absoluteString]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The shipped packs, both locales, as Chromium draws them at 390 px and 1280 px and prints
/// them on A4. Skipped, with the reason, when Chromium is not installed.
@Suite("Rendered board packs", .serialized,
       .enabled(if: Browser.path != nil, "no headless chromium found (apt-get install -y chromium fonts-noto-cjk poppler-utils)"))
struct RenderedPackTests {
    /// Every shipped study in both locales.
    static let packs: [(String, ReportLocale)] = Fixture.studies.flatMap { [($0, ReportLocale.en), ($0, .zhHans)] }

    @Test("At 390 px: chart text ≥ 10 px, nothing outside its chart, no table or page wider than the screen",
          arguments: Array(0..<10))
    func phone(_ i: Int) throws {
        let (study, locale) = Self.packs[i]
        let dir = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Rendered.measure(Rendered.pack(study, locale), width: 390, in: dir)
        print("rendered \(study) \(locale.rawValue) at 390 px: minimum chart text \(m.minChartFont) px ('\(m.minChartFontText)'), \(m.charts) charts")
        #expect(m.charts >= 8)
        #expect(m.minChartFont >= 10, "\(study) \(locale.rawValue): chart text of \(m.minChartFont) px: '\(m.minChartFontText)'")
        #expect(m.overflowing.isEmpty, "\(study) \(locale.rawValue): \(m.overflowing.prefix(5))")
        #expect(m.wideTables == 0)
        #expect(m.scrollWidth <= m.viewport + 1, "page is \(m.scrollWidth) px wide on a \(m.viewport)-px screen")
    }

    @Test("At 1280 px: nothing outside its chart, no horizontal scroll", arguments: Array(0..<10))
    func laptop(_ i: Int) throws {
        let (study, locale) = Self.packs[i]
        let dir = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Rendered.measure(Rendered.pack(study, locale), width: 1280, in: dir)
        #expect(m.overflowing.isEmpty, "\(study) \(locale.rawValue): \(m.overflowing.prefix(5))")
        #expect(m.scrollWidth <= m.viewport + 1)
        #expect(m.minChartFont >= 9)
    }

    @Test("Printed on A4: page count within bounds, page numbers and the footer on every page", arguments: Array(0..<10))
    func printed(_ i: Int) throws {
        let (study, locale) = Self.packs[i]
        let dir = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("report.html"), pdf = dir.appendingPathComponent("report.pdf")
        try Data(Rendered.pack(study, locale).utf8).write(to: html)
        try Browser.run(["--print-to-pdf=\(pdf.path)"], html)
        let raw = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        let pages = try #require(raw.matches(of: /\/Count (\d+)/).compactMap { Int($0.1) }.max())
        print("printed \(study) \(locale.rawValue): \(pages) A4 pages")
        // A pack with a portfolio carries a third option through every table and chart (the bank: 29
        // pages in English): the bound leaves room for it, and a runaway layout still fails.
        #expect((4...32).contains(pages), "\(study) \(locale.rawValue): \(pages) pages")
        guard let tool = Rendered.pdftotext else {
            print("pdftotext not installed (apt-get install -y poppler-utils): page-number text not checked")
            return
        }
        let txt = dir.appendingPathComponent("report.txt")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-layout", pdf.path, txt.path]
        try p.run()
        p.waitUntilExit()
        let text = try String(contentsOf: txt, encoding: .utf8)
        for n in [1, pages] {
            let mark = locale == .en ? "Page \(n) of \(pages)" : "第 \(n) 页，共 \(pages) 页"
            #expect(text.contains(mark), "\(study) \(locale.rawValue): no '\(mark)' in the PDF text")
        }
        if locale == .zhHans {
            // With fonts-noto-cjk installed the Chinese text is real glyphs, not boxes: pdftotext reads it back.
            #expect(text.contains("决策要点"))
        }
    }
}
