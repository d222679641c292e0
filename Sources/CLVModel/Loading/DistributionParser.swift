/// Parses the uncertain numbers of model.md 2.4: a number, or `name(args)` written as a string.
/// Parameters are checked here, so that the engine can draw without checking:
/// every error names the distribution and the offending parameter.
enum DistributionParser {
    enum Parsed: Equatable {
        case distribution(Distribution)
        /// `dirichlet(state: weight, ...)`: a whole transition row (stay included); weights > 0.
        case dirichlet([(state: String, weight: Double)])
        /// A number that names uncertain parameters, with its distribution at the parameters' means.
        case formula(Formula, atMeans: Distribution)

        static func == (a: Parsed, b: Parsed) -> Bool {
            switch (a, b) {
            case (.distribution(let x), .distribution(let y)): x == y
            case (.dirichlet(let x), .dirichlet(let y)): x.elementsEqual(y) { $0 == $1 }
            case (.formula(let f, let x), .formula(let g, let y)): f == g && x == y
            default: false
            }
        }
    }

    struct Failure: Error, Equatable {
        var message: String
        /// Where in the text the problem is, in Unicode scalars from its start; nil for the whole text.
        var offset: Int? = nil
    }

    /// Distribution names with their parameters, as shown in messages.
    static let signatures: KeyValuePairs<String, String> = [
        "pert": "min, mode, max", "triangular": "min, mode, max", "uniform": "min, max",
        "normal": "mean, sd", "lognormal": "mean, sd", "gamma": "mean, sd", "beta": "mean, sd",
        "beta_ab": "a, b", "discrete": "value: weight, ...", "dirichlet": "state: weight, ...",
    ]

    /// A number, a distribution, or an expression over the parameters of `scope`
    /// (docs/scenario-format.md). Numbers that name only parameters that never vary are folded
    /// into constants (or into distributions with numbers).
    static func parse(_ text: String, scope: ParameterScope = ParameterScope()) -> Result<Parsed, Failure> {
        switch NumberText.parse(text) {
        case .number(let x):
            if let f = tooLarge(x, text.trimmingSpaces) { return .failure(f) }
            return .success(.distribution(.constant(x)))
        case .invalid(let message): return .failure(Failure(message: message))
        case .notANumber: break
        }
        let s = text.trimmingSpaces
        let lead = text.unicodeScalars.prefix { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }.count
        let syntax = Failure(message: "expected a number or a distribution such as pert(min, mode, max), found '\(s)'")
        if let open = s.firstIndex(of: "("), s.hasSuffix(")"), closes(s, from: open) {
            let name = String(s[..<open]).trimmingSpaces
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isASCIIDigit || $0 == "_" }), ExpressionFunction(rawValue: name) == nil {
                guard let signature = signatures.first(where: { $0.key == name })?.value else {
                    return .failure(Failure(message: "unknown distribution '\(name)'"
                        + Suggest.didYouMean(name, among: signatures.map(\.key) + ExpressionFunction.allCases.map(\.rawValue))))
                }
                let body = s[s.index(after: open)..<s.index(before: s.endIndex)]
                if name == "discrete" || name == "dirichlet" {
                    guard !body.contains("("), !body.contains(")") else { return .failure(syntax) }
                    let args = body.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
                    return keyed(name, args.count == 1 && args[0].isEmpty ? [] : args, signature: signature)
                }
                let bodyOffset = lead + s.unicodeScalars.distance(from: s.unicodeScalars.startIndex, to: s.index(after: open))
                return arguments(DistributionFamily(rawValue: name)!, body, offset: bodyOffset, scope: scope)
            }
        }
        // An expression. Without parameters in the scenario, text that has no operator keeps the
        // message numbers and distributions always had.
        switch ExpressionParser.parse(Substring(text).unicodeScalars, scope: scope) {
        case .failure(let f):
            if scope.isEmpty && !s.contains(where: { "+-−*×/÷".contains($0) }) { return .failure(syntax) }
            return .failure(Failure(message: f.message, offset: f.offset))
        case .success(let e):
            return expression(e, scope: scope)
        }
    }

    /// Whether the parenthesis at `open` is closed by the last character of `s`.
    private static func closes(_ s: String, from open: String.Index) -> Bool {
        var depth = 0
        for i in s[open...].indices {
            if s[i] == "(" { depth += 1 } else if s[i] == ")" {
                depth -= 1
                if depth == 0 { return s.index(after: i) == s.endIndex }
            }
        }
        return false
    }

    /// A number computed from an expression: a constant when it names no uncertain parameter.
    private static func expression(_ e: NumberExpression, scope: ParameterScope) -> Result<Parsed, Failure> {
        let names = e.parameterNames
        let value = e.evaluate(scope.mean)
        let atMeans = names.contains(where: scope.uncertain.contains) ? " at the parameters' means" : ""
        guard value.isFinite else {
            return .failure(Failure(message: "the expression is not a finite number\(atMeans) (\(value)): "
                                    + "a division by 0 or the log of a number ≤ 0?"))
        }
        if let f = tooLarge(value, fmt(value)) { return .failure(f) }
        if atMeans.isEmpty { return .success(.distribution(.constant(value))) }
        return .success(.formula(.expression(e), atMeans: .constant(value)))
    }

    /// `family(arg, ...)` where each argument may be an expression.
    private static func arguments(_ family: DistributionFamily, _ body: Substring, offset: Int, scope: ParameterScope)
        -> Result<Parsed, Failure> {
        let name = family.rawValue, signature = family.signature
        // Split at top-level commas, keeping each piece's offset.
        var pieces: [(text: Substring, offset: Int)] = []
        var depth = 0, start = body.startIndex, pieceOffset = offset, k = offset
        for i in body.indices {
            let c = body[i]
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if c == "," && depth == 0 {
                pieces.append((body[start..<i], pieceOffset))
                start = body.index(after: i)
                pieceOffset = k + 1
            }
            k += c.unicodeScalars.count
        }
        pieces.append((body[start...], pieceOffset))
        var exprs: [NumberExpression] = []
        for (piece, at) in pieces {
            let a = String(piece).trimmingSpaces
            if a.isEmpty { return .failure(Failure(message: "\(name)(\(signature)): missing number")) }
            if case .number(let x) = NumberText.parse(a) {
                if let f = tooLarge(x, a) { return .failure(f) }
                exprs.append(.number(x))
                continue
            }
            switch ExpressionParser.parse(piece.unicodeScalars, base: at, scope: scope) {
            case .success(let e): exprs.append(e)
            case .failure(let f):
                if scope.isEmpty && !a.contains(where: { "+-−*×/÷(".contains($0) }) {
                    return .failure(Failure(message: "\(name)(\(signature)): '\(a)' is not a number"))
                }
                return .failure(Failure(message: "\(name)(\(signature)): " + f.message, offset: f.offset))
            }
        }
        guard exprs.count == family.arity else {
            return .failure(Failure(message: "\(name) takes \(family.arity) numbers (\(signature)), found \(exprs.count)"))
        }
        let values = exprs.map { $0.evaluate(scope.mean) }
        let names = Formula.distribution(family, exprs).parameterNames
        let uncertain = names.contains(where: scope.uncertain.contains)
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            return .failure(Failure(message: "\(name)(\(signature)): argument \(bad + 1) is not a finite number"
                                    + (uncertain ? " at the parameters' means" : "")))
        }
        for x in values { if let f = tooLarge(x, fmt(x)) { return .failure(f) } }
        switch family.make(values) {
        case .failure(let e):
            return .failure(Failure(message: e.message + (uncertain ? " at the parameters' means" : "")))
        case .success(let d):
            return .success(uncertain ? .formula(.distribution(family, exprs), atMeans: d) : .distribution(d))
        }
    }

    /// Largest magnitude of any number in an uncertain input. No amount, count or weight of a CRM
    /// study comes near it, and below it every sampler's arithmetic stays finite (a pert over
    /// ±1e308 has an infinite range; GSL's gamma sampler loops forever on the NaN that follows).
    static let maxMagnitude = 1e15

    static func tooLarge(_ x: Double, _ text: String) -> Failure? {
        abs(x) > maxMagnitude ? Failure(message: "number '\(text)' is beyond ±1e15, the largest magnitude clvsim accepts") : nil
    }

    private static func keyed(_ name: String, _ args: [String], signature: String) -> Result<Parsed, Failure> {
        func fail(_ m: String) -> Result<Parsed, Failure> { .failure(Failure(message: "\(name): " + m)) }
        if args.isEmpty { return fail("needs at least one '\(signature.split(separator: ",")[0])'") }
        var pairs: [(String, Double)] = []
        for a in args {
            let parts = a.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard parts.count == 2, !parts[0].isEmpty, case .number(let w) = NumberText.parse(parts[1]) else {
                return fail("expected '\(signature.split(separator: ",")[0])', found '\(a)'")
            }
            if let f = tooLarge(w, parts[1]) { return .failure(f) }
            pairs.append((parts[0], w))
        }
        if name == "dirichlet" {
            var seen = Set<String>()
            for (state, w) in pairs {
                if !seen.insert(state).inserted { return fail("'\(state)' is listed twice") }
                if w <= 0 { return fail("weight of '\(state)' must be > 0, found \(fmt(w))") }
            }
            return .success(.dirichlet(pairs.map { (state: $0.0, weight: $0.1) }))
        }
        var values: [Double] = []
        for (v, _) in pairs {
            guard case .number(let x) = NumberText.parse(v) else { return fail("value '\(v)' is not a number") }
            if let f = tooLarge(x, v) { return .failure(f) }
            values.append(x)
        }
        do throws(DistributionError) {
            let d = try Discrete(values: values, weights: pairs.map(\.1))
            return .success(.distribution(.discrete(values: d.values, weights: d.weights)))
        } catch {
            return .failure(Failure(message: error.message))
        }
    }
}
