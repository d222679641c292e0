public import CLVModel
import CLVNumerics

/// Every uncertain input of a study, each drawn once per trial from its own stream.
///
/// Inputs are identified by (path, distribution as written): all scenarios that share an
/// input use the same slot, so a plan and its baseline see the same world in a trial
/// (common random numbers, model.md 3.2). A slot's stream is keyed by the hash of its path
/// alone, so adding an input never changes another's draws, and two scenarios that write
/// the same path differently still draw from the same stream.
///
/// Numbers that name parameters (`Uncertain.formula`) are entries too: a number computed from
/// parameters (`.derived`) has no stream and is evaluated after the draws of the parameters it
/// names; a distribution whose arguments use parameters is a `.scalar` input drawn from its own
/// stream with the arguments evaluated at the trial's parameters. Their parameters are always
/// registered before them, so evaluating entries in table order evaluates dependencies first.
public struct InputTable: Sendable {
    /// One input: its path, how it is drawn, and where its value(s) sit in a trial's vector.
    public struct Entry: Sendable {
        public enum Kind: Sendable {
            case scalar(Distribution)
            /// A Dirichlet row: `weights.count` consecutive slots.
            case dirichlet(weights: [Double])
            /// A uniform(0, 1) draw deciding whether a risk occurs.
            case occurrence
            /// A number computed from parameters (`formula`): not a random input of its own.
            case derived
        }
        public var path: String
        public var kind: Kind
        /// The text as written, for reports.
        public var text: String
        public var slot: Int
        public var width: Int
        let key: UInt64
        /// How the entry depends on parameters (a `.derived` number, or a `.scalar` distribution
        /// whose arguments use them), with the slots of the parameters it names.
        public var formula: SlotFormula? = nil
        /// The identity of a scalar or derived input, as `Uncertain.key` gives it.
        public var inputKey: InputKey? = nil
    }

    /// A `Formula` with the input slot of each parameter it names.
    public struct SlotFormula: Sendable, Hashable {
        public let formula: Formula
        let slots: [String: Int]

        @inline(__always)
        func value(_ e: NumberExpression, _ x: UnsafeMutableBufferPointer<Double>) -> Double {
            e.evaluate { n in slots[n].map { x[$0] } ?? .nan }
        }

        /// The number (`.expression`), or the distribution at the arguments' values (nil when no
        /// distribution has them, e.g. a negative sd in some trial).
        func evaluate(_ x: UnsafeMutableBufferPointer<Double>) -> (value: Double, distribution: Distribution?) {
            switch formula {
            case .expression(let e): return (value(e, x), nil)
            case .distribution(let family, let args):
                let values = args.map { value($0, x) }
                guard values.allSatisfy(\.isFinite), case .success(let d) = family.make(values) else { return (.nan, nil) }
                return (d.mean, d)
            }
        }
    }

    public private(set) var entries: [Entry] = []
    /// Number of doubles in one trial's vector of draws.
    public private(set) var width = 0
    private var index: [Identity: Int] = [:]
    /// What makes two inputs one (and share their draws).
    private enum Identity: Hashable {
        case scalar(InputKey)
        case dirichlet(String, [Double])
        case occurrence(String)
        case formula(String, SlotFormula)
    }
    /// The parameters of the scenario being compiled (`enter`), by name.
    private var scope: [String: Uncertain] = [:]
    /// Entries with a formula, in table order.
    private var formulaEntries: [Int] = []

    public init() {}

    /// Makes `scenario`'s parameters the ones its numbers name, and registers each of them (so that
    /// every parameter is an input, used or not). Call before compiling the scenario's numbers.
    public mutating func enter(_ scenario: Scenario) {
        scope = Dictionary(scenario.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        for p in scenario.parameters { _ = slot(of: p.value) }
    }

    /// The slot of an uncertain number, adding it if new.
    public mutating func slot(of u: Uncertain) -> Int {
        guard let f = u.formula else {
            return add(path: u.path, kind: .scalar(u.distribution), text: u.text, identity: .scalar(u.key), inputKey: u.key)
        }
        var slots: [String: Int] = [:]
        for n in f.parameterNames { if let p = scope[n] { slots[n] = slot(of: p) } }
        let sf = SlotFormula(formula: f, slots: slots)
        let kind: Entry.Kind
        if case .expression = f { kind = .derived } else { kind = .scalar(u.distribution) }
        return add(path: u.path, kind: kind, text: u.text, identity: .formula(u.path, sf), formula: sf, inputKey: u.key)
    }

    /// The entries computed from parameters (`.derived`), in table order: what `settle` evaluates.
    public var derivedEntries: [Entry] {
        formulaEntries.map { entries[$0] }.filter { if case .derived = $0.kind { true } else { false } }
    }

    /// Re-evaluates the numbers computed from parameters (`derived`, from `derivedEntries`) in `x`:
    /// after a parameter's value was set by hand (a tornado bar, a designed experiment), the
    /// numbers that name it follow. Distributions whose arguments use parameters keep their values.
    public static func settle(_ derived: [Entry], _ x: UnsafeMutableBufferPointer<Double>) {
        for e in derived { if let f = e.formula { x[e.slot] = f.evaluate(x).value } }
    }

    /// The first slot of a Dirichlet row (its components follow in order).
    public mutating func slot(of row: DirichletRow) -> Int {
        add(path: row.path, kind: .dirichlet(weights: row.weights), text: row.text,
            identity: .dirichlet(row.path, row.weights))
    }

    /// The slot of a risk's occurrence draw.
    public mutating func occurrenceSlot(path: String) -> Int {
        add(path: path, kind: .occurrence, text: "uniform(0, 1)", identity: .occurrence(path))
    }

    private mutating func add(path: String, kind: Entry.Kind, text: String, identity: Identity,
                              formula: SlotFormula? = nil, inputKey: InputKey? = nil) -> Int {
        if let i = index[identity] { return entries[i].slot }
        let w: Int
        if case .dirichlet(let weights) = kind { w = weights.count } else { w = 1 }
        entries.append(Entry(path: path, kind: kind, text: text, slot: width, width: w, key: StreamKey.hash(path),
                             formula: formula, inputKey: inputKey))
        if formula != nil { formulaEntries.append(entries.count - 1) }
        index[identity] = entries.count - 1
        width += w
        return width - w
    }

    /// Draws every input of trial `trial` into `out` (count `width`): the inputs that name no
    /// parameter, then the study's correlations (`correlated`), then the entries with a formula in
    /// table order. Returns the index in `entries` of the first input whose draw is not a finite
    /// number (a draw that cannot be made), else nil.
    @discardableResult
    func draw(seed: UInt64, trial: Int, stream: RandomStream, into out: UnsafeMutableBufferPointer<Double>,
              correlated: CorrelatedDraws? = nil) -> Int? {
        var failed: Int? = nil
        var scratch: [Double] = []
        // Entries are read in place (es[i].field), not copied out one by one: a copy retains and
        // releases each of an entry's strings and arrays, per entry and trial.
        entries.withUnsafeBufferPointer { es in
            for i in es.indices where es[i].formula == nil {
                let slot = es[i].slot
                if case .scalar(.constant(let x)) = es[i].kind { out[slot] = x; continue }
                stream.reset(seed: seed, trial: UInt64(trial), key: es[i].key)
                switch es[i].kind {
                case .scalar(let d):
                    out[slot] = Self.sample(d, stream)
                case .occurrence:
                    out[slot] = stream.uniform()
                case .dirichlet(let w):
                    if scratch.count != w.count { scratch = [Double](repeating: 0, count: w.count) }
                    stream.dirichlet(w, into: &scratch)
                    for k in 0..<w.count { out[slot + k] = scratch[k] }
                case .derived:
                    break
                }
            }
            correlated?.apply(trial: trial, into: out)
            for i in formulaEntries {
                guard let f = es[i].formula else { continue }
                let (value, d) = f.evaluate(out)
                if case .derived = es[i].kind {
                    out[es[i].slot] = value
                } else if let d {
                    stream.reset(seed: seed, trial: UInt64(trial), key: es[i].key)
                    out[es[i].slot] = Self.sample(d, stream)
                } else {
                    out[es[i].slot] = .nan
                }
            }
            for i in es.indices where failed == nil {
                for k in 0..<es[i].width where !out[es[i].slot + k].isFinite { failed = i; break }
            }
        }
        return failed
    }

    /// The expected-value world (model.md 3.5): every input at its mean; risks never occur.
    /// A number computed from parameters is its expression at the parameters' means, and a
    /// distribution whose arguments use parameters has the mean of the distribution at the
    /// arguments' values there (docs/model.md, "Parameters").
    public func means() -> [Double] {
        var out = [Double](repeating: 0, count: width)
        out.withUnsafeMutableBufferPointer { x in
            for e in entries {
                if let f = e.formula { x[e.slot] = f.evaluate(x).value; continue }
                switch e.kind {
                case .scalar(let d): x[e.slot] = d.mean
                case .occurrence: x[e.slot] = 1     // u = 1 is never below a probability ≤ 1
                case .dirichlet(let w):
                    let total = w.reduce(0, +)
                    for k in 0..<w.count { x[e.slot + k] = w[k] / total }
                case .derived: break
                }
            }
        }
        return out
    }

    /// One draw of a distribution.
    static func sample(_ d: Distribution, _ s: RandomStream) -> Double { d.sample(s) }
}
