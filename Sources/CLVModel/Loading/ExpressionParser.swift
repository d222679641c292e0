/// The parameters a number may name, as the loader knows them while decoding a scenario.
struct ParameterScope: Sendable {
    /// Every parameter of the scenario, in file order.
    var names: [String] = []
    /// Each parameter's value at the parameters' means (filled in dependency order).
    var means: [String: Double] = [:]
    /// Parameters whose value differs between trials (a distribution, or an expression of such).
    var uncertain: Set<String> = []

    var isEmpty: Bool { names.isEmpty }
    func mean(_ name: String) -> Double { means[name] ?? .nan }
}

/// Parses the arithmetic of `NumberExpression` (docs/scenario-format.md, "Parameters and
/// expressions"), reporting the first problem with its offset in Unicode scalars from the start
/// of the text, so that the loader can point at the column inside the YAML scalar.
///
///     sum     := product (("+" | "-" | "−") product)*
///     product := unary (("*" | "×" | "/" | "÷") unary)*
///     unary   := ("-" | "−" | "+") unary | primary
///     primary := NUMBER | NAME | FUNCTION "(" sum ("," sum)* ")" | "(" sum ")"
struct ExpressionParser {
    struct Failure: Error, Equatable {
        var message: String
        /// Offset in Unicode scalars from the start of the text parsed.
        var offset: Int
    }

    private enum Token: Equatable {
        case number(Double)
        case name(String)
        case symbol(Character)
        case end
    }

    private var tokens: [(token: Token, offset: Int, text: String)] = []
    private var at = 0
    let scope: ParameterScope

    /// Parses all of `text` (offsets count from `base`).
    static func parse(_ text: Substring.UnicodeScalarView, base: Int = 0, scope: ParameterScope) -> Result<NumberExpression, Failure> {
        var p = ExpressionParser(scope: scope)
        do {
            try p.tokenize(Array(text), base: base)
            let e = try p.sum()
            guard case .end = p.current.token else { throw p.unexpected() }
            return .success(e)
        } catch let f as Failure {
            return .failure(f)
        } catch {
            return .failure(Failure(message: "\(error)", offset: base))
        }
    }

    private init(scope: ParameterScope) { self.scope = scope }

    private var current: (token: Token, offset: Int, text: String) { tokens[at] }

    private mutating func tokenize(_ s: [Unicode.Scalar], base: Int) throws {
        var i = 0
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c == "_" }
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            let start = i
            if isDigit(c) || (c == "." && i + 1 < s.count && isDigit(s[i + 1])) {
                while i < s.count, isDigit(s[i]) || s[i] == "." || s[i] == "_" { i += 1 }
                if i < s.count, s[i] == "e" || s[i] == "E" {
                    var j = i + 1
                    if j < s.count, s[j] == "+" || s[j] == "-" { j += 1 }
                    if j < s.count, isDigit(s[j]) {
                        i = j
                        while i < s.count, isDigit(s[i]) { i += 1 }
                    }
                }
                let text = String(String.UnicodeScalarView(s[start..<i]))
                switch NumberText.parse(text) {
                case .number(let x):
                    if let f = DistributionParser.tooLarge(x, text) { throw Failure(message: f.message, offset: base + start) }
                    tokens.append((.number(x), base + start, text))
                case .invalid(let m): throw Failure(message: m, offset: base + start)
                case .notANumber: throw Failure(message: "'\(text)' is not a number", offset: base + start)
                }
                continue
            }
            if isNameStart(c) {
                while i < s.count, isNameStart(s[i]) || isDigit(s[i]) { i += 1 }
                let text = String(String.UnicodeScalarView(s[start..<i]))
                tokens.append((.name(text), base + start, text))
                continue
            }
            let symbol: Character?
            switch c {
            case "+": symbol = "+"
            case "-", "−": symbol = "-"
            case "*", "×": symbol = "*"
            case "/", "÷": symbol = "/"
            case "(", ")", ",": symbol = Character(c)
            default: symbol = nil
            }
            guard let symbol else {
                throw Failure(message: "unexpected '\(Character(c))' in an expression (operators are + - * / and parentheses)",
                              offset: base + start)
            }
            tokens.append((.symbol(symbol), base + start, String(Character(c))))
            i += 1
        }
        tokens.append((.end, base + s.count, ""))
    }

    private func unexpected() -> Failure {
        switch current.token {
        case .end: return Failure(message: "the expression ends too early", offset: current.offset)
        case .symbol(")"): return Failure(message: "unexpected ')' (no '(' to close)", offset: current.offset)
        default: return Failure(message: "expected an operator (+ - * /) before '\(current.text)'", offset: current.offset)
        }
    }

    private mutating func sum() throws -> NumberExpression {
        var e = try product()
        while case .symbol(let c) = current.token, c == "+" || c == "-" {
            at += 1
            e = .binary(c == "+" ? .add : .subtract, e, try product())
        }
        return e
    }

    private mutating func product() throws -> NumberExpression {
        var e = try unary()
        while case .symbol(let c) = current.token, c == "*" || c == "/" {
            at += 1
            e = .binary(c == "*" ? .multiply : .divide, e, try unary())
        }
        return e
    }

    private mutating func unary() throws -> NumberExpression {
        if case .symbol(let c) = current.token, c == "-" || c == "+" {
            at += 1
            let e = try unary()
            if c == "+" { return e }
            if case .number(let x) = e { return .number(-x) }
            return .negate(e)
        }
        return try primary()
    }

    private mutating func primary() throws -> NumberExpression {
        let t = current
        switch t.token {
        case .number(let x):
            at += 1
            return .number(x)
        case .symbol("("):
            at += 1
            let e = try sum()
            guard case .symbol(")") = current.token else {
                if case .end = current.token { throw Failure(message: "this '(' is never closed", offset: t.offset) }
                throw unexpected()
            }
            at += 1
            return e
        case .name(let name):
            at += 1
            if case .symbol("(") = current.token { return try call(name, at: t.offset) }
            if ExpressionFunction(rawValue: name) != nil {
                throw Failure(message: "'\(name)' is a function; write \(ExpressionFunction(rawValue: name)!.signature)", offset: t.offset)
            }
            guard scope.names.contains(name) else { throw Self.unknown(name, offset: t.offset, scope: scope) }
            return .parameter(name)
        case .end:
            throw Failure(message: "expected a number or a parameter, found the end of the expression", offset: t.offset)
        case .symbol(let c):
            throw Failure(message: "expected a number or a parameter, found '\(c)'", offset: t.offset)
        }
    }

    /// An unknown name, with the nearest parameter suggested.
    static func unknown(_ name: String, offset: Int, scope: ParameterScope) -> Failure {
        if scope.isEmpty {
            return Failure(message: "unknown name '\(name)': the scenario has no 'parameters:' (a number names only those)", offset: offset)
        }
        return Failure(message: "unknown parameter '\(name)'" + Suggest.didYouMean(name, among: scope.names), offset: offset)
    }

    private mutating func call(_ name: String, at offset: Int) throws -> NumberExpression {
        guard let f = ExpressionFunction(rawValue: name) else {
            if DistributionFamily(rawValue: name) != nil || name == "discrete" || name == "dirichlet" {
                throw Failure(message: "\(name)(...) is a distribution and cannot be part of an expression; "
                              + "name it under 'parameters:' and use the name", offset: offset)
            }
            throw Failure(message: "unknown function '\(name)'"
                          + Suggest.didYouMean(name, among: ExpressionFunction.allCases.map(\.rawValue)), offset: offset)
        }
        at += 1    // "("
        var args: [NumberExpression] = []
        if case .symbol(")") = current.token {} else {
            args.append(try sum())
            while case .symbol(",") = current.token {
                at += 1
                args.append(try sum())
            }
        }
        guard case .symbol(")") = current.token else {
            if case .end = current.token { throw Failure(message: "\(name)( is never closed", offset: offset) }
            throw unexpected()
        }
        at += 1
        guard f.arity.contains(args.count) else {
            let wanted = f.arity.upperBound == Int.max ? "\(f.arity.lowerBound) or more numbers" : f.arity.lowerBound == 1 ? "1 number" : "\(f.arity.lowerBound) numbers"
            throw Failure(message: "\(name) takes \(wanted) (\(f.signature)), found \(args.count)", offset: offset)
        }
        return .call(f, args)
    }
}
