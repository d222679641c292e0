/// Characters that must never reach a terminal, a report or a chart raw: C0 and C1 control
/// characters and DEL (ESC can clear a screen, NUL truncates, BEL rings), bidirectional controls
/// (U+202E reverses the sentence around it), and Unicode non-characters (U+FFFF makes an SVG
/// invalid XML). Names may not hold them (validation refuses them in every key and value of a
/// file); anything else shown — file paths, messages — is escaped as `\u001B`.
public enum TextSafety {
    /// Whether `u` is a control, bidi-control or non-character scalar. Tab and newline count as
    /// controls too (callers that print several lines keep `\n` themselves).
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        // Bidi controls: marks (LRM, RLM, ALM), embeddings and overrides, isolates.
        if v == 0x200E || v == 0x200F || v == 0x061C || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
            return true
        }
        // Non-characters: U+FDD0…U+FDEF and the last two code points of every plane.
        if (0xFDD0...0xFDEF).contains(v) || (v & 0xFFFE) == 0xFFFE { return true }
        return false
    }

    /// The first unsafe scalar of `s`, if any.
    public static func firstUnsafe(_ s: String) -> Unicode.Scalar? {
        s.unicodeScalars.first(where: isUnsafe)
    }

    /// `U+001B (a control character)`, for messages.
    public static func describe(_ u: Unicode.Scalar) -> String {
        let v = u.value
        let kind = v < 0x20 || (0x7F...0x9F).contains(v) ? "a control character"
            : (0xFDD0...0xFDEF).contains(v) || (v & 0xFFFE) == 0xFFFE ? "a Unicode non-character" : "a bidirectional control"
        return "\(hex(u)) (\(kind))"
    }

    /// `U+001B`.
    static func hex(_ u: Unicode.Scalar) -> String {
        var h = String(u.value, radix: 16, uppercase: true)
        while h.count < 4 { h = "0" + h }
        return "U+" + h
    }

    /// `s` with every unsafe scalar written as `\u001B` (`\u{10FFFF}`-style for scalars past FFFF);
    /// newlines and tabs kept when `keepingLayout` (text of several lines for a terminal).
    /// Text without unsafe scalars is returned unchanged.
    public static func escaped(_ s: String, keepingLayout: Bool = false) -> String {
        func escape(_ u: Unicode.Scalar) -> Bool { isUnsafe(u) && !(keepingLayout && (u == "\n" || u == "\t")) }
        guard s.unicodeScalars.contains(where: escape) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if escape(u) {
                var h = String(u.value, radix: 16, uppercase: true)
                while h.count < 4 { h = "0" + h }
                out.append(contentsOf: (u.value > 0xFFFF ? "\\u{\(h)}" : "\\u\(h)").unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// A user's text quoted in a message: its first line, at most `limit` characters, escaped
    /// (`'root:x:0:0:root:/root:/bin/bash…'`), so that a file named by mistake is not shown in full.
    public static func quoted(_ s: String, limit: Int = 60) -> String {
        let firstLine = s.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let more = firstLine.count > limit || firstLine.count < s.count
        return "'" + escaped(String(firstLine.prefix(limit))) + (more ? "…" : "") + "'"
    }
}
