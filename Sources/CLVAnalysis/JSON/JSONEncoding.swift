/// The one encoder of clvsim's JSON documents: any `Encodable` value becomes a `JSON` value,
/// object keys in the order the value encodes them (a synthesized `encode(to:)` follows the
/// declaration order of the coding keys), `nil` as `null` (or no key at all, for the keys a
/// `NilOmittingKeys` type names), and non-finite numbers as `null` when rendered.
public enum JSONEncoding {
    public static func encode<T: Encodable>(_ value: T) throws -> JSON {
        let root = Node()
        try root.put(value, path: [])
        return root.json
    }
}

/// Coding keys whose `nil` values leave the key out instead of writing `null`.
public protocol NilOmittingKeys: CodingKey {
    static var omittedWhenNil: Set<String> { get }
}

/// A JSON value under construction: a leaf, an object with ordered keys, or an array.
/// The children live in stored arrays of their own (not in an enum's payload), so that adding
/// one appends in place: taking an array out of an enum, appending and putting it back copies it
/// while the enum still holds it, which made encoding an n-element array O(n²).
final class Node {
    private enum Kind { case unset, leaf, object, array }
    private var kind = Kind.unset
    private var leaf = JSON.null
    private var fields: [(String, Node)] = []
    private var items: [Node] = []

    var json: JSON {
        switch kind {
        case .unset: .null
        case .leaf: leaf
        case .object: .object(fields.map { ($0.0, $0.1.json) })
        case .array: .array(items.map(\.json))
        }
    }

    func set(_ j: JSON) {
        kind = .leaf
        leaf = j
        fields = []
        items = []
    }

    func child(_ key: String) -> Node {
        makeObject()
        if let hit = fields.first(where: { $0.0 == key }) { return hit.1 }
        let n = Node()
        fields.append((key, n))
        return n
    }

    func makeObject() {
        guard kind != .object else { return }
        kind = .object
        fields = []
        items = []
    }

    func makeArray() {
        guard kind != .array else { return }
        kind = .array
        fields = []
        items = []
    }

    func append() -> Node {
        makeArray()
        let n = Node()
        items.append(n)
        return n
    }

    var count: Int { kind == .array ? items.count : 0 }

    /// Encodes `value` into this node; numbers, strings and booleans directly.
    func put<T: Encodable>(_ value: T, path: [any CodingKey]) throws {
        switch value {
        case let x as Double: set(.number(x))
        case let x as Float: set(.number(Double(x)))
        case let x as Int: set(.int(Int64(x)))
        case let x as Int64: set(.int(x))
        case let x as Int32: set(.int(Int64(x)))
        case let x as UInt64: set(.uint(x))
        case let x as UInt: set(.uint(UInt64(x)))
        case let x as UInt32: set(.uint(UInt64(x)))
        case let x as Bool: set(.bool(x))
        case let x as String: set(.string(x))
        default: try value.encode(to: NodeEncoder(node: self, codingPath: path))
        }
    }
}

struct NodeEncoder: Encoder {
    let node: Node
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeArray()
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleNodeContainer(node: node, codingPath: codingPath) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [any CodingKey]

    private func nilValue(_ key: Key) {
        if let omitting = Key.self as? any NilOmittingKeys.Type, omitting.omittedWhenNil.contains(key.stringValue) { return }
        node.child(key.stringValue).set(.null)
    }

    mutating func encodeNil(forKey key: Key) throws { node.child(key.stringValue).set(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try node.child(key.stringValue).put(value, path: codingPath + [key])
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { nilValue(key) }
    }
    mutating func encode(_ v: Bool, forKey k: Key) throws { try encode(Wrap(v), forKey: k) }
    mutating func encode(_ v: String, forKey k: Key) throws { try encode(Wrap(v), forKey: k) }
    mutating func encode(_ v: Double, forKey k: Key) throws { try encode(Wrap(v), forKey: k) }
    mutating func encode(_ v: Float, forKey k: Key) throws { try encode(Wrap(v), forKey: k) }
    mutating func encode(_ v: Int, forKey k: Key) throws { try encode(Wrap(v), forKey: k) }
    mutating func encode(_ v: Int8, forKey k: Key) throws { try encode(Wrap(Int(v)), forKey: k) }
    mutating func encode(_ v: Int16, forKey k: Key) throws { try encode(Wrap(Int(v)), forKey: k) }
    mutating func encode(_ v: Int32, forKey k: Key) throws { try encode(Wrap(v), forKey: k) }
    mutating func encode(_ v: Int64, forKey k: Key) throws { try encode(Wrap(v), forKey: k) }
    mutating func encode(_ v: UInt, forKey k: Key) throws { try encode(Wrap(v), forKey: k) }
    mutating func encode(_ v: UInt8, forKey k: Key) throws { try encode(Wrap(UInt(v)), forKey: k) }
    mutating func encode(_ v: UInt16, forKey k: Key) throws { try encode(Wrap(UInt(v)), forKey: k) }
    mutating func encode(_ v: UInt32, forKey k: Key) throws { try encode(Wrap(v), forKey: k) }
    mutating func encode(_ v: UInt64, forKey k: Key) throws { try encode(Wrap(v), forKey: k) }
    mutating func encodeIfPresent(_ v: Bool?, forKey k: Key) throws { try encodeIfPresent(v.map(Wrap.init), forKey: k) }
    mutating func encodeIfPresent(_ v: String?, forKey k: Key) throws { try encodeIfPresent(v.map(Wrap.init), forKey: k) }
    mutating func encodeIfPresent(_ v: Double?, forKey k: Key) throws { try encodeIfPresent(v.map(Wrap.init), forKey: k) }
    mutating func encodeIfPresent(_ v: Float?, forKey k: Key) throws { try encodeIfPresent(v.map(Wrap.init), forKey: k) }
    mutating func encodeIfPresent(_ v: Int?, forKey k: Key) throws { try encodeIfPresent(v.map(Wrap.init), forKey: k) }
    mutating func encodeIfPresent(_ v: Int8?, forKey k: Key) throws { try encodeIfPresent(v.map { Wrap(Int($0)) }, forKey: k) }
    mutating func encodeIfPresent(_ v: Int16?, forKey k: Key) throws { try encodeIfPresent(v.map { Wrap(Int($0)) }, forKey: k) }
    mutating func encodeIfPresent(_ v: Int32?, forKey k: Key) throws { try encodeIfPresent(v.map(Wrap.init), forKey: k) }
    mutating func encodeIfPresent(_ v: Int64?, forKey k: Key) throws { try encodeIfPresent(v.map(Wrap.init), forKey: k) }
    mutating func encodeIfPresent(_ v: UInt?, forKey k: Key) throws { try encodeIfPresent(v.map(Wrap.init), forKey: k) }
    mutating func encodeIfPresent(_ v: UInt8?, forKey k: Key) throws { try encodeIfPresent(v.map { Wrap(UInt($0)) }, forKey: k) }
    mutating func encodeIfPresent(_ v: UInt16?, forKey k: Key) throws { try encodeIfPresent(v.map { Wrap(UInt($0)) }, forKey: k) }
    mutating func encodeIfPresent(_ v: UInt32?, forKey k: Key) throws { try encodeIfPresent(v.map(Wrap.init), forKey: k) }
    mutating func encodeIfPresent(_ v: UInt64?, forKey k: Key) throws { try encodeIfPresent(v.map(Wrap.init), forKey: k) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        let n = node.child(key.stringValue)
        n.makeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: n, codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let n = node.child(key.stringValue)
        n.makeArray()
        return UnkeyedNodeContainer(node: n, codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.child("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key])
    }
}

/// A primitive passed through `Node.put`'s fast path.
private struct Wrap<T: Encodable>: Encodable {
    let v: T
    init(_ v: T) { self.v = v }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(v)
    }
}

struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ i: Int) { stringValue = String(i); intValue = i }
    init?(stringValue: String) { self.stringValue = stringValue; intValue = Int(stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() throws { node.append().set(.null) }
    mutating func encode(_ v: Bool) throws { try encode(Wrap(v)) }
    mutating func encode(_ v: String) throws { try encode(Wrap(v)) }
    mutating func encode(_ v: Double) throws { try encode(Wrap(v)) }
    mutating func encode(_ v: Float) throws { try encode(Wrap(v)) }
    mutating func encode(_ v: Int) throws { try encode(Wrap(v)) }
    mutating func encode(_ v: Int8) throws { try encode(Wrap(Int(v))) }
    mutating func encode(_ v: Int16) throws { try encode(Wrap(Int(v))) }
    mutating func encode(_ v: Int32) throws { try encode(Wrap(v)) }
    mutating func encode(_ v: Int64) throws { try encode(Wrap(v)) }
    mutating func encode(_ v: UInt) throws { try encode(Wrap(v)) }
    mutating func encode(_ v: UInt8) throws { try encode(Wrap(UInt(v))) }
    mutating func encode(_ v: UInt16) throws { try encode(Wrap(UInt(v))) }
    mutating func encode(_ v: UInt32) throws { try encode(Wrap(v)) }
    mutating func encode(_ v: UInt64) throws { try encode(Wrap(v)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let i = count
        try node.append().put(value, path: codingPath + [IndexKey(i)])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let i = count, n = node.append()
        n.makeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: n, codingPath: codingPath + [IndexKey(i)]))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let i = count, n = node.append()
        n.makeArray()
        return UnkeyedNodeContainer(node: n, codingPath: codingPath + [IndexKey(i)])
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.append(), codingPath: codingPath) }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey]
    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.put(value, path: codingPath) }
    mutating func encode(_ v: Bool) throws { try node.put(v, path: codingPath) }
    mutating func encode(_ v: String) throws { try node.put(v, path: codingPath) }
    mutating func encode(_ v: Double) throws { try node.put(v, path: codingPath) }
    mutating func encode(_ v: Float) throws { try node.put(v, path: codingPath) }
    mutating func encode(_ v: Int) throws { try node.put(v, path: codingPath) }
    mutating func encode(_ v: Int8) throws { try node.put(Int(v), path: codingPath) }
    mutating func encode(_ v: Int16) throws { try node.put(Int(v), path: codingPath) }
    mutating func encode(_ v: Int32) throws { try node.put(v, path: codingPath) }
    mutating func encode(_ v: Int64) throws { try node.put(v, path: codingPath) }
    mutating func encode(_ v: UInt) throws { try node.put(v, path: codingPath) }
    mutating func encode(_ v: UInt8) throws { try node.put(UInt(v), path: codingPath) }
    mutating func encode(_ v: UInt16) throws { try node.put(UInt(v), path: codingPath) }
    mutating func encode(_ v: UInt32) throws { try node.put(v, path: codingPath) }
    mutating func encode(_ v: UInt64) throws { try node.put(v, path: codingPath) }
}
