import Testing
@testable import CLVModel

@Suite("extends and the deep merge")
struct MergeTests {
    @Test("mappings merge, scalars and lists replace, positions stay in the file that wrote them")
    func merge() throws {
        let store = SourceStore(), sink = DiagnosticSink()
        let path = Fixtures.path("merge/child.yaml")
        let tree = try #require(Merge.resolve(path, namedAt: nil, store: store, sink: sink))
        #expect(sink.items.isEmpty)
        #expect(tree.entries?.map(\.key) == ["schema", "name", "horizon", "tags", "nested", "extra"])
        #expect(tree["name"]?.scalarText == "child")
        #expect(tree["horizon"]?.scalarText == "8")
        #expect(tree["horizon"]?.location == SourceLocation(file: Fixtures.path("merge/parent.yaml"), line: 3, column: 10))
        #expect(tree["tags"]?.items?.map(\.scalarText) == ["c"])
        let nested = try #require(tree["nested"])
        #expect(nested.entries?.map(\.key) == ["a", "b", "c"])
        #expect(nested["a"]?.scalarText == "1" && nested["b"]?.scalarText == "20" && nested["c"]?.scalarText == "30")
        #expect(nested["b"]?.location == SourceLocation(file: path, line: 6, column: 6))
        #expect(store.inputs.map(\.path) == [path, Fixtures.path("merge/parent.yaml")])
    }

    @Test("paths are joined to the naming file and normalised")
    func paths() {
        #expect(Paths.join("baseline.yaml", nextTo: "studies/bank/study.yaml") == "studies/bank/baseline.yaml")
        #expect(Paths.join("../common/b.yaml", nextTo: "./studies/bank/plan.yaml") == "studies/common/b.yaml")
        #expect(Paths.join("b.yaml", nextTo: "study.yaml") == "b.yaml")
        #expect(Paths.join("/abs/x.yaml", nextTo: "a/b.yaml") == "/abs/x.yaml")
        #expect(Paths.normalize("../a/./b//c/..") == "../a/b")
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test("known vectors (FIPS 180-4)", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(input: String, hex: String) {
        #expect(SHA256.hex(Array(input.utf8)) == hex)
    }

    @Test("a million 'a' spans many blocks")
    func million() {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("fed in pieces of every awkward size, the digest is the one-shot digest")
    func pieces() {
        let bytes = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256.hex(bytes)
        for size in [1, 3, 55, 56, 63, 64, 65, 127, 1_000] {
            var s = SHA256()
            var i = 0
            while i < bytes.count {
                s.update(Array(bytes[i..<min(i + size, bytes.count)]))
                i += size
            }
            #expect(s.finalizeHex() == whole, "pieces of \(size)")
        }
    }
}

@Suite("Numbers and distributions")
struct DistributionParserTests {
    @Test("numbers and every distribution form", arguments: [
        ("0.55", Distribution.constant(0.55)), ("1_000_000", .constant(1_000_000)), ("-2e3", .constant(-2000)),
        ("0x10", .constant(16)), ("pert(0.03, 0.04, 0.06)", .pert(min: 0.03, mode: 0.04, max: 0.06)),
        ("triangular(1,2,4)", .triangular(min: 1, mode: 2, max: 4)), ("uniform(0.3, 0.7)", .uniform(min: 0.3, max: 0.7)),
        ("normal(-0.07, 0.02)", .normal(mean: -0.07, sd: 0.02)), ("lognormal(900, 150)", .lognormal(mean: 900, sd: 150)),
        ("gamma(2000, 333.3)", .gamma(mean: 2000, sd: 333.3)), ("beta(0.01, 0.002)", .beta(mean: 0.01, sd: 0.002)),
        ("beta_ab(2, 98)", .betaAB(a: 2, b: 98)), ("discrete(1: 0.2, 3: 0.8)", .discrete(values: [1, 3], weights: [0.2, 0.8])),
    ])
    func parses(text: String, expected: Distribution) {
        #expect(DistributionParser.parse(text) == .success(.distribution(expected)))
    }

    @Test("a dirichlet row keeps its states in order")
    func dirichlet() throws {
        guard case .success(.dirichlet(let pairs)) = DistributionParser.parse("dirichlet(at_risk: 500, active: 200, churned: 250)")
        else { Issue.record("not a dirichlet"); return }
        #expect(pairs.map(\.state) == ["at_risk", "active", "churned"] && pairs.map(\.weight) == [500, 200, 250])
    }

    @Test("did-you-mean uses edit distance")
    func suggest() {
        #expect(Suggest.didYouMean("trasitions", among: ["transitions", "value"]) == " (did you mean 'transitions'?)")
        #expect(Suggest.didYouMean("zzz", among: ["transitions"]) == "")
    }
}
