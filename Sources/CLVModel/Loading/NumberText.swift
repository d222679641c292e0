/// Numbers as written in YAML 1.2 core schema: decimal ints and floats (`12`, `-0.5`, `1e6`),
/// `0x`/`0o` ints, and, as PyYAML reads them, `_` between digits (`1_000_000`).
/// `.inf` and `.nan` are rejected (no input of the model is infinite), as are overflows (`1e400`).
enum NumberText {
    enum Parsed: Equatable {
        case number(Double)
        /// Looks numeric but is not usable; the message says why.
        case invalid(String)
        case notANumber
    }

    static func parse(_ raw: String) -> Parsed {
        let s = raw.trimmingSpaces
        let lower = s.lowercased()
        if [".inf", "+.inf", "-.inf", ".nan", "inf", "-inf", "+inf", "nan"].contains(lower) {
            return .invalid("expected a finite number, found '\(s)'")
        }
        var body = Substring(s)
        var sign = 1.0
        if body.first == "-" || body.first == "+" { sign = body.first == "-" ? -1 : 1; body = body.dropFirst() }
        if body.hasPrefix("0x") || body.hasPrefix("0o") {
            guard let n = UInt64(body.dropFirst(2), radix: body.hasPrefix("0x") ? 16 : 8) else { return .notANumber }
            return .number(sign * Double(n))
        }
        let chars = Array(body)
        guard !chars.isEmpty, chars.contains(where: \.isASCIIDigit),
              chars.allSatisfy({ $0.isASCIIDigit || "._eE+-".contains($0) }) else { return .notANumber }
        for (i, c) in chars.enumerated() where c == "_" {
            guard i > 0, i + 1 < chars.count, chars[i - 1].isASCIIDigit, chars[i + 1].isASCIIDigit else { return .notANumber }
        }
        guard let x = Double(String(chars.filter { $0 != "_" })) else { return .notANumber }
        guard x.isFinite else { return .invalid("number '\(s)' is out of range") }
        return .number(sign * x)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}

/// Numbers in messages: integers without a fraction, others in Swift's shortest round-trip form.
func fmt(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}
