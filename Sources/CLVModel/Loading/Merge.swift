/// `extends` (model.md 2.3): a scenario file names a parent, relative to itself, and is deep-merged
/// onto it — mappings merge key by key, scalars and lists replace. Merged nodes keep their own
/// positions, so an error in a value points into the file that wrote that value.
enum Merge {
    /// Longest chain of `extends` followed from one file.
    static let maxDepth = 16

    /// `over` laid onto `base`. Keys keep the order of `base`, new keys follow in the order of `over`.
    static func merge(_ base: YNode, _ over: YNode) -> YNode {
        guard case .mapping(var out) = base.kind, case .mapping(let overEntries) = over.kind else { return over }
        for e in overEntries {
            if let i = out.firstIndex(where: { $0.key == e.key }) {
                out[i] = YEntry(key: e.key, keyLocation: e.keyLocation, value: merge(out[i].value, e.value))
            } else {
                out.append(e)
            }
        }
        return YNode(kind: .mapping(out), location: over.location)
    }

    /// The scenario at `path` with its `extends` chain merged in; nil when a file of the chain failed
    /// (its problems are in `sink`).
    static func resolve(_ path: String, namedAt from: SourceLocation?, store: SourceStore, sink: DiagnosticSink,
                        chain: [String] = []) -> YNode? {
        if chain.contains(path) {
            sink.error(at: from ?? SourceLocation(file: path, line: 0, column: 0), path: "extends",
                       "extends cycle: " + (chain.drop { $0 != path } + [path]).joined(separator: " -> "))
            return nil
        }
        if chain.count > maxDepth {
            sink.error(at: from ?? SourceLocation(file: path, line: 0, column: 0), path: "extends",
                       "extends nested more than \(maxDepth) levels deep")
            return nil
        }
        let tree: YNode
        switch store.tree(path, namedAt: from) {
        case .success(let t): tree = t
        case .failure(let problems): sink.add(problems.items); return nil
        }
        if let top = tree.entries { Schema.check(top, in: tree, sink: sink) }
        guard let ext = tree.entry("extends") else { return tree }
        guard case .scalar(let parentName, _) = ext.value.kind, !ext.value.isNull else {
            sink.error(at: ext.value.location, path: "extends", "expected a file name, found \(ext.value.kindName)")
            return nil
        }
        let parentPath = Paths.join(parentName, nextTo: path)
        guard let parent = resolve(parentPath, namedAt: ext.value.location, store: store, sink: sink, chain: chain + [path])
        else { return nil }
        var own = tree
        own.kind = .mapping((tree.entries ?? []).filter { $0.key != "extends" })
        return merge(parent, own)
    }
}
