/// Parses the uncertain numbers of model.md 2.4: a number, or `name(args)` written as a string.
/// Parameters are checked here, so that the engine can draw without checking:
/// every error names the distribution and the offending parameter.
enum DistributionParser {
    enum Parsed: Equatable {
        case distribution(Distribution)
        /// `dirichlet(state: weight, ...)`: a whole transition row (stay included); weights > 0.
        case dirichlet([(state: String, weight: Double)])

        static func == (a: Parsed, b: Parsed) -> Bool {
            switch (a, b) {
            case (.distribution(let x), .distribution(let y)): x == y
            case (.dirichlet(let x), .dirichlet(let y)): x.elementsEqual(y) { $0 == $1 }
            default: false
            }
        }
    }

    struct Failure: Error, Equatable { var message: String }

    /// Distribution names with their parameters, as shown in messages.
    static let signatures: KeyValuePairs<String, String> = [
        "pert": "min, mode, max", "triangular": "min, mode, max", "uniform": "min, max",
        "normal": "mean, sd", "lognormal": "mean, sd", "gamma": "mean, sd", "beta": "mean, sd",
        "beta_ab": "a, b", "discrete": "value: weight, ...", "dirichlet": "state: weight, ...",
    ]

    static func parse(_ text: String) -> Result<Parsed, Failure> {
        switch NumberText.parse(text) {
        case .number(let x):
            if let f = tooLarge(x, text.trimmingSpaces) { return .failure(f) }
            return .success(.distribution(.constant(x)))
        case .invalid(let message): return .failure(Failure(message: message))
        case .notANumber: break
        }
        let s = text.trimmingSpaces
        let syntax = Failure(message: "expected a number or a distribution such as pert(min, mode, max), found '\(s)'")
        guard let open = s.firstIndex(of: "("), s.hasSuffix(")") else { return .failure(syntax) }
        let name = String(s[..<open]).trimmingSpaces
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isASCIIDigit || $0 == "_" }) else { return .failure(syntax) }
        guard let signature = signatures.first(where: { $0.key == name })?.value else {
            return .failure(Failure(message: "unknown distribution '\(name)'"
                + Suggest.didYouMean(name, among: signatures.map(\.key))))
        }
        let body = s[s.index(after: open)..<s.index(before: s.endIndex)]
        guard !body.contains("("), !body.contains(")") else { return .failure(syntax) }
        let args = body.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        if name == "discrete" || name == "dirichlet" {
            return keyed(name, args.count == 1 && args[0].isEmpty ? [] : args, signature: signature)
        }
        var xs: [Double] = []
        for a in args {
            guard case .number(let x) = NumberText.parse(a) else {
                return .failure(Failure(message: a.isEmpty ? "\(name)(\(signature)): missing number"
                                                          : "\(name)(\(signature)): '\(a)' is not a number"))
            }
            if let f = tooLarge(x, a) { return .failure(f) }
            xs.append(x)
        }
        let arity = signature.split(separator: ",").count
        guard xs.count == arity else {
            return .failure(Failure(message: "\(name) takes \(arity) numbers (\(signature)), found \(xs.count)"))
        }
        return checked(name, xs).map { .distribution($0) }
    }

    /// Largest magnitude of any number in an uncertain input. No amount, count or weight of a CRM
    /// study comes near it, and below it every sampler's arithmetic stays finite (a pert over
    /// ±1e308 has an infinite range; GSL's gamma sampler loops forever on the NaN that follows).
    static let maxMagnitude = 1e15

    static func tooLarge(_ x: Double, _ text: String) -> Failure? {
        abs(x) > maxMagnitude ? Failure(message: "number '\(text)' is beyond ±1e15, the largest magnitude clvsim accepts") : nil
    }

    private static func checked(_ name: String, _ x: [Double]) -> Result<Distribution, Failure> {
        func fail(_ m: String) -> Result<Distribution, Failure> { .failure(Failure(message: "\(name): " + m)) }
        switch name {
        case "pert", "triangular":
            if x[0] > x[1] { return fail("min \(fmt(x[0])) > mode \(fmt(x[1]))") }
            if x[1] > x[2] { return fail("mode \(fmt(x[1])) > max \(fmt(x[2]))") }
            return .success(name == "pert" ? .pert(min: x[0], mode: x[1], max: x[2]) : .triangular(min: x[0], mode: x[1], max: x[2]))
        case "uniform":
            if x[0] > x[1] { return fail("min \(fmt(x[0])) > max \(fmt(x[1]))") }
            return .success(.uniform(min: x[0], max: x[1]))
        case "beta_ab":
            if x[0] <= 0 || x[1] <= 0 { return fail("a and b must be > 0, found a = \(fmt(x[0])), b = \(fmt(x[1]))") }
            return .success(.betaAB(a: x[0], b: x[1]))
        default:
            let (mean, sd) = (x[0], x[1])
            if sd < 0 { return fail("sd must be ≥ 0, found \(fmt(sd))") }
            // No spread: the constant (docs/scenario-format.md), once the mean is allowed.
            func spread(_ d: Distribution) -> Result<Distribution, Failure> { .success(sd == 0 ? .constant(mean) : d) }
            switch name {
            case "normal": return spread(.normal(mean: mean, sd: sd))
            case "lognormal", "gamma":
                if mean <= 0 { return fail("mean must be > 0, found \(fmt(mean))") }
                return spread(name == "gamma" ? .gamma(mean: mean, sd: sd) : .lognormal(mean: mean, sd: sd))
            default:
                if mean <= 0 || mean >= 1 { return fail("mean must be in (0, 1), found \(fmt(mean))") }
                if sd * sd >= mean * (1 - mean) {
                    return fail("no beta distribution has mean \(fmt(mean)) and sd \(fmt(sd)) (needs sd² < mean × (1 − mean))")
                }
                return spread(.beta(mean: mean, sd: sd))
            }
        }
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
        for (v, w) in pairs {
            guard case .number(let x) = NumberText.parse(v) else { return fail("value '\(v)' is not a number") }
            if let f = tooLarge(x, v) { return .failure(f) }
            if w < 0 { return fail("weight \(fmt(w)) of value \(v) is negative") }
            values.append(x)
        }
        if pairs.allSatisfy({ $0.1 == 0 }) { return fail("weights sum to 0") }
        return .success(.distribution(.discrete(values: values, weights: pairs.map(\.1))))
    }
}
