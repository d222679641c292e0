/// `parameters:` of a scenario: named numbers, distributions or expressions, each drawn once per
/// trial under `parameters.NAME` (docs/scenario-format.md, "Parameters and expressions").
///
/// Parameters may name other parameters; they are decoded in dependency order, so that each one's
/// value at the parameters' means is known before the numbers that use it. A cycle is one error,
/// naming the chain (`a -> b -> a`) from its first parameter in the file, at that parameter.
struct ParameterDecoder {
    let read: TreeReader
    var sink: DiagnosticSink { read.sink }

    /// The parameters in file order, and the scope numbers of the scenario are read in.
    func decode(_ node: YNode) -> (parameters: [Parameter], scope: ParameterScope) {
        guard let entries = read.mapping(node, "parameters") else { return ([], ParameterScope()) }
        var valid: [YEntry] = []
        for e in entries {
            let path = child("parameters", e.key)
            if let problem = Self.nameProblem(e.key) {
                sink.error(at: e.keyLocation, path: path, problem)
            } else {
                valid.append(e)
            }
        }
        var scope = ParameterScope()
        scope.names = valid.map(\.key)
        // Dependencies, by name: every word of the text that is a parameter's name.
        var needs: [String: [String]] = [:]
        for e in valid {
            needs[e.key] = e.value.scalarText.map { Self.words(in: $0).filter(scope.names.contains) } ?? []
        }
        // Depth-first order; a name met again while still open closes a cycle.
        var order: [String] = [], state: [String: Int] = [:]     // 1 open, 2 done
        var cyclic = Set<String>()
        var stack: [String] = []
        func visit(_ n: String) {
            if state[n] == 2 { return }
            if state[n] == 1 {
                let chain = stack[stack.lastIndex(of: n)!...] + [n]
                let members = Set(chain)
                if members.isDisjoint(with: cyclic), let e = valid.first(where: { members.contains($0.key) }) {
                    // Start the chain at the first of its parameters in the file.
                    let ring = Array(chain.dropLast())
                    let k = ring.firstIndex(of: e.key)!
                    let named = Array(ring[k...] + ring[..<k]) + [e.key]
                    sink.error(at: e.value.location, path: child("parameters", e.key),
                               "parameters form a cycle: " + named.joined(separator: " -> "))
                }
                cyclic.formUnion(members)
                return
            }
            state[n] = 1
            stack.append(n)
            for m in needs[n] ?? [] { visit(m) }
            stack.removeLast()
            state[n] = 2
            order.append(n)
        }
        for e in valid { visit(e.key) }
        var values: [String: Uncertain] = [:], failed = cyclic
        var reader = read
        for n in order where !failed.contains(n) {
            let e = valid.first { $0.key == n }!
            if (needs[n] ?? []).contains(where: failed.contains) { failed.insert(n); continue }
            reader.scope = scope
            let path = child("parameters", n)
            guard let u = reader.uncertain(e.value, path, input: path) else { failed.insert(n); continue }
            values[n] = u
            scope.means[n] = u.distribution.mean
            if !u.isConstant { scope.uncertain.insert(n) }
        }
        let parameters = valid.compactMap { e in values[e.key].map { Parameter(name: e.key, value: $0) } }
        return (parameters, scope)
    }

    /// Why `name` cannot name a parameter, or nil.
    static func nameProblem(_ name: String) -> String? {
        let scalars = Array(name.unicodeScalars)
        let word = !scalars.isEmpty && (scalars[0].properties.isAlphabetic || scalars[0] == "_")
            && scalars.allSatisfy { $0.properties.isAlphabetic || $0 == "_" || ($0.value >= 48 && $0.value <= 57) }
        if !word { return "parameter name '\(name)' must be a word of letters, digits and '_' that starts with a letter" }
        if ExpressionFunction(rawValue: name) != nil || DistributionParser.signatures.contains(where: { $0.key == name }) {
            return "'\(name)' is the name of a function or distribution and cannot name a parameter"
        }
        return nil
    }

    /// The words of `text` (letters, digits, `_`, starting with a letter or `_` not preceded by a digit).
    static func words(in text: String) -> [String] {
        var out: [String] = [], current = "", inWord = false, afterDigit = false
        for c in text.unicodeScalars {
            let letter = c.properties.isAlphabetic || c == "_", digit = c.value >= 48 && c.value <= 57
            if inWord {
                if letter || digit { current.unicodeScalars.append(c); continue }
                out.append(current)
                current = ""
                inWord = false
            }
            if letter && !afterDigit {
                inWord = true
                current.unicodeScalars.append(c)
            }
            afterDigit = (digit || (letter && afterDigit)) && !inWord
        }
        if inWord { out.append(current) }
        return out
    }
}
