/// A cheap pass over the text before libYAML sees it, so that absurdly nested input gets the
/// same clear message as moderately nested input ("nesting deeper than 200 levels") instead of
/// libYAML's "Maximum nesting level reached" at its own limit of 1000 — and so that neither
/// libYAML nor Yams' recursive `compose` is ever asked to walk 100,000 levels.
///
/// It over-approximates on purpose: `[`/`{` inside plain scalars or block scalars count too, and
/// every deeper indentation counts as a level. A real clvsim file is a few levels deep, so a
/// false alarm needs hundreds of unmatched brackets or a 200-step indentation staircase.
enum NestingScan {
    /// The 1-based (line, column) where nesting first exceeds `limit`, or nil. Depths count as
    /// `YAMLTreeBuilder` counts them: the top-level mapping is depth 0.
    static func firstTooDeep(_ text: String, limit: Int = YAMLLimits.maxDepth) -> (line: Int, column: Int)? {
        var flow = 0
        var indents: [Int] = []
        var line = 1
        var column = 0
        var atLineStart = true
        var indent = 0
        var quote: Unicode.Scalar? = nil
        var escaped = false
        var inComment = false
        // Only `- ` entries that open a line (after its indentation) nest: `a - b` in text does not.
        var prefixOnly = true
        var previous: Unicode.Scalar = "\n"
        for ch in text.unicodeScalars {
            column += 1
            defer { previous = ch }
            if ch == "\n" {
                line += 1
                column = 0
                atLineStart = true
                indent = 0
                inComment = false
                escaped = false
                prefixOnly = true
                continue
            }
            if inComment { continue }
            if let q = quote {
                if q == "\"" && ch == "\\" && !escaped { escaped = true; continue }
                if ch == q && !escaped { quote = nil }
                escaped = false
                continue
            }
            if atLineStart {
                if ch == " " { indent += 1; continue }
                atLineStart = false
                if ch != "#" && flow == 0 {
                    // Block context: one level per deeper indentation, plus compact `- ` entries on this line.
                    while let last = indents.last, last >= indent { indents.removeLast() }
                    indents.append(indent)
                    if indents.count - 1 > limit { return (line, column) }
                }
            }
            switch ch {
            case "#" where previous == " " || previous == "\t" || column == 1:
                inComment = true
            case "\"", "'":
                if previous == " " || previous == "[" || previous == "{" || previous == "," || previous == ":" || column == 1 {
                    quote = ch
                }
            case "[", "{":
                flow += 1
                if flow + indents.count - 1 > limit { return (line, column) }
            case "]", "}":
                flow = max(0, flow - 1)
            case "-" where flow == 0 && prefixOnly:
                // `- - - x`: each compact sequence entry nests one level further; its content is
                // indented (0-based) at the dash's column + 1.
                indents.append(column + 1)
                if indents.count - 1 > limit { return (line, column) }
            default:
                break
            }
            if ch != " " && ch != "-" { prefixOnly = false }
        }
        return nil
    }
}
