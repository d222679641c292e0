public import CLVModel
import CLVNumerics

/// Every uncertain input of a study, each drawn once per trial from its own stream.
///
/// Inputs are identified by (path, distribution as written): all scenarios that share an
/// input use the same slot, so a plan and its baseline see the same world in a trial
/// (common random numbers, model.md 3.2). A slot's stream is keyed by the hash of its path
/// alone, so adding an input never changes another's draws, and two scenarios that write
/// the same path differently still draw from the same stream.
public struct InputTable: Sendable {
    /// One input: its path, how it is drawn, and where its value(s) sit in a trial's vector.
    public struct Entry: Sendable {
        public enum Kind: Sendable {
            case scalar(Distribution)
            /// A Dirichlet row: `weights.count` consecutive slots.
            case dirichlet(weights: [Double])
            /// A uniform(0, 1) draw deciding whether a risk occurs.
            case occurrence
        }
        public var path: String
        public var kind: Kind
        /// The text as written, for reports.
        public var text: String
        public var slot: Int
        public var width: Int
        let key: UInt64
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
    }

    public init() {}

    /// The slot of an uncertain number, adding it if new.
    public mutating func slot(of u: Uncertain) -> Int {
        add(path: u.path, kind: .scalar(u.distribution), text: u.text, identity: .scalar(u.key))
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

    private mutating func add(path: String, kind: Entry.Kind, text: String, identity: Identity) -> Int {
        if let i = index[identity] { return entries[i].slot }
        let w: Int
        if case .dirichlet(let weights) = kind { w = weights.count } else { w = 1 }
        entries.append(Entry(path: path, kind: kind, text: text, slot: width, width: w, key: StreamKey.hash(path)))
        index[identity] = entries.count - 1
        width += w
        return width - w
    }

    /// Draws every input of trial `trial` into `out` (count `width`). Returns the index in `entries`
    /// of the first input whose draw is not a finite number (a draw that cannot be made), else nil.
    @discardableResult
    func draw(seed: UInt64, trial: Int, stream: RandomStream, into out: UnsafeMutableBufferPointer<Double>) -> Int? {
        var failed: Int? = nil
        var scratch: [Double] = []
        for e in entries {
            if case .scalar(.constant(let x)) = e.kind { out[e.slot] = x; continue }
            stream.reset(seed: seed, trial: UInt64(trial), key: e.key)
            switch e.kind {
            case .scalar(let d):
                out[e.slot] = Self.sample(d, stream)
            case .occurrence:
                out[e.slot] = stream.uniform()
            case .dirichlet(let w):
                if scratch.count != w.count { scratch = [Double](repeating: 0, count: w.count) }
                stream.dirichlet(w, into: &scratch)
                for k in 0..<w.count { out[e.slot + k] = scratch[k] }
            }
        }
        for (i, e) in entries.enumerated() where failed == nil {
            for k in 0..<e.width where !out[e.slot + k].isFinite { failed = i; break }
        }
        return failed
    }

    /// The expected-value world (model.md 3.5): every input at its mean; risks never occur.
    public func means() -> [Double] {
        var out = [Double](repeating: 0, count: width)
        for e in entries {
            switch e.kind {
            case .scalar(let d): out[e.slot] = d.mean
            case .occurrence: out[e.slot] = 1     // u = 1 is never below a probability ≤ 1
            case .dirichlet(let w):
                let total = w.reduce(0, +)
                for k in 0..<w.count { out[e.slot + k] = w[k] / total }
            }
        }
        return out
    }

    /// One draw of a distribution.
    static func sample(_ d: Distribution, _ s: RandomStream) -> Double {
        switch d {
        case .constant(let x): return x
        case .pert(let a, let m, let b): return s.pert(min: a, mode: m, max: b)
        case .triangular(let a, let m, let b): return s.triangular(min: a, mode: m, max: b)
        case .uniform(let a, let b): return s.uniform(min: a, max: b)
        case .normal(let m, let sd): return s.normal(mean: m, sd: sd)
        case .lognormal(let m, let sd): return s.lognormal(mean: m, sd: sd)
        case .gamma(let m, let sd): return s.gamma(mean: m, sd: sd)
        case .beta(let m, let sd): return s.beta(mean: m, sd: sd)
        case .betaAB(let a, let b): return s.beta(a: a, b: b)
        case .discrete(let v, let w): return s.discrete(values: v, weights: w)
        }
    }
}
