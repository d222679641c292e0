/// Reads clvsim's JSON documents back into their `Decodable` types: the inverse of
/// `JSONEncoding` (`null` reads back as NaN where a number is required, and as `nil` for optionals).
public enum JSONDecoding {
    public static func decode<T: Decodable>(_ type: T.Type, from json: JSON) throws(JSONReadError) -> T {
        do {
            return try T(from: NodeDecoder(json: json, codingPath: []))
        } catch let e as JSONReadError {
            throw e
        } catch {
            throw JSONReadError(message: "\(error)", path: "")
        }
    }

    /// Parses `text`, then decodes it.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws(JSONReadError) -> T {
        try decode(type, from: try JSON.parse(text))
    }
}

/// A document that is not valid JSON, or not the expected layout; `path` names the key.
public struct JSONReadError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The key path (`scenarios[0].name`), empty at the top.
    public var path: String
    /// Where a syntax error is, 1-based (nil for a layout error).
    public var line: Int? = nil, column: Int? = nil
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    /// `file:line:col: error: message` (or `file: error: …` without a position).
    public func diagnostic(file: String) -> String {
        let at = line.map { "\(file):\($0):\(column ?? 1)" } ?? file
        return "\(at): error: \(description)"
    }
}

private func pathText(_ p: [any CodingKey]) -> String {
    p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
}

struct NodeDecoder: Decoder {
    let json: JSON
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func fail(_ m: String) -> JSONReadError { JSONReadError(message: m, path: pathText(codingPath)) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let o) = json else { throw fail("expected an object") }
        return KeyedDecodingContainer(KeyedNodeDecoding<Key>(pairs: o, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let a) = json else { throw fail("expected an array") }
        return UnkeyedNodeDecoding(items: a, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleNodeDecoding(json: json, codingPath: codingPath) }
}

/// Scalars out of a JSON value.
enum Scalar {
    static func value<T: Decodable>(_ type: T.Type, _ j: JSON, _ path: [any CodingKey]) throws -> T {
        func fail(_ what: String) -> JSONReadError { JSONReadError(message: "expected \(what)", path: pathText(path)) }
        if type == Double.self {
            switch j {
            case .number(let x): return x as! T
            case .int(let i): return Double(i) as! T
            case .uint(let u): return Double(u) as! T
            case .null: return Double.nan as! T
            default: throw fail("a number")
            }
        }
        if type == Int.self {
            switch j {
            case .int(let i): return Int(i) as! T
            case .uint(let u) where u <= UInt64(Int.max): return Int(u) as! T
            case .number(let x) where x == x.rounded() && abs(x) < 9e15: return Int(x) as! T
            default: throw fail("an integer")
            }
        }
        if type == UInt64.self {
            switch j {
            case .uint(let u): return u as! T
            case .int(let i) where i >= 0: return UInt64(i) as! T
            default: throw fail("an unsigned integer")
            }
        }
        if type == Float.self { return Float(try value(Double.self, j, path)) as! T }
        if type == Int64.self { return Int64(try value(Int.self, j, path)) as! T }
        if type == Int32.self, let x = Int32(exactly: try value(Int.self, j, path)) { return x as! T }
        if type == UInt.self, let x = UInt(exactly: try value(UInt64.self, j, path)) { return x as! T }
        if type == UInt32.self, let x = UInt32(exactly: try value(UInt64.self, j, path)) { return x as! T }
        if [Int8.self, Int16.self, UInt8.self, UInt16.self, Int32.self, UInt.self, UInt32.self].contains(where: { $0 == type }) {
            throw fail("an integer in range")
        }
        if type == String.self {
            guard case .string(let s) = j else { throw fail("a string") }
            return s as! T
        }
        if type == Bool.self {
            guard case .bool(let b) = j else { throw fail("true or false") }
            return b as! T
        }
        return try T(from: NodeDecoder(json: j, codingPath: path))
    }
}

struct KeyedNodeDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let pairs: [(String, JSON)]
    var codingPath: [any CodingKey]
    var allKeys: [Key] { pairs.compactMap { Key(stringValue: $0.0) } }

    func contains(_ key: Key) -> Bool { pairs.contains { $0.0 == key.stringValue } }
    private func value(_ key: Key) throws -> JSON {
        guard let v = pairs.first(where: { $0.0 == key.stringValue })?.1 else {
            throw JSONReadError(message: "missing key '\(key.stringValue)'", path: pathText(codingPath))
        }
        return v
    }
    func decodeNil(forKey key: Key) throws -> Bool {
        guard let v = pairs.first(where: { $0.0 == key.stringValue })?.1 else { return true }
        if case .null = v { return true }
        return false
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try Scalar.value(type, try value(key), codingPath + [key])
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        if try decodeNil(forKey: key) { return nil }
        return try decode(type, forKey: key)
    }
    func decode(_ t: Bool.Type, forKey k: Key) throws -> Bool { try decode(Wrapped<Bool>.self, forKey: k).v }
    func decode(_ t: String.Type, forKey k: Key) throws -> String { try decode(Wrapped<String>.self, forKey: k).v }
    func decode(_ t: Double.Type, forKey k: Key) throws -> Double { try decode(Wrapped<Double>.self, forKey: k).v }
    func decode(_ t: Int.Type, forKey k: Key) throws -> Int { try decode(Wrapped<Int>.self, forKey: k).v }
    func decode(_ t: UInt64.Type, forKey k: Key) throws -> UInt64 { try decode(Wrapped<UInt64>.self, forKey: k).v }
    func decode(_ t: Float.Type, forKey k: Key) throws -> Float { try decode(Wrapped<Float>.self, forKey: k).v }
    func decode(_ t: Int8.Type, forKey k: Key) throws -> Int8 { try decode(Wrapped<Int8>.self, forKey: k).v }
    func decode(_ t: Int16.Type, forKey k: Key) throws -> Int16 { try decode(Wrapped<Int16>.self, forKey: k).v }
    func decode(_ t: Int32.Type, forKey k: Key) throws -> Int32 { try decode(Wrapped<Int32>.self, forKey: k).v }
    func decode(_ t: Int64.Type, forKey k: Key) throws -> Int64 { try decode(Wrapped<Int64>.self, forKey: k).v }
    func decode(_ t: UInt.Type, forKey k: Key) throws -> UInt { try decode(Wrapped<UInt>.self, forKey: k).v }
    func decode(_ t: UInt8.Type, forKey k: Key) throws -> UInt8 { try decode(Wrapped<UInt8>.self, forKey: k).v }
    func decode(_ t: UInt16.Type, forKey k: Key) throws -> UInt16 { try decode(Wrapped<UInt16>.self, forKey: k).v }
    func decode(_ t: UInt32.Type, forKey k: Key) throws -> UInt32 { try decode(Wrapped<UInt32>.self, forKey: k).v }
    func decodeIfPresent(_ t: Bool.Type, forKey k: Key) throws -> Bool? { try decodeIfPresent(Wrapped<Bool>.self, forKey: k)?.v }
    func decodeIfPresent(_ t: String.Type, forKey k: Key) throws -> String? { try decodeIfPresent(Wrapped<String>.self, forKey: k)?.v }
    func decodeIfPresent(_ t: Double.Type, forKey k: Key) throws -> Double? { try decodeIfPresent(Wrapped<Double>.self, forKey: k)?.v }
    func decodeIfPresent(_ t: Int.Type, forKey k: Key) throws -> Int? { try decodeIfPresent(Wrapped<Int>.self, forKey: k)?.v }
    func decodeIfPresent(_ t: UInt64.Type, forKey k: Key) throws -> UInt64? { try decodeIfPresent(Wrapped<UInt64>.self, forKey: k)?.v }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey> {
        try NodeDecoder(json: try value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try NodeDecoder(json: try value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { NodeDecoder(json: .object(pairs), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder { NodeDecoder(json: try value(key), codingPath: codingPath + [key]) }
}

/// A primitive read through `Scalar.value`.
private struct Wrapped<T: Decodable>: Decodable {
    let v: T
    init(from decoder: any Decoder) throws {
        guard let d = decoder as? NodeDecoder else { v = try decoder.singleValueContainer().decode(T.self); return }
        v = try Scalar.value(T.self, d.json, d.codingPath)
    }
}

struct UnkeyedNodeDecoding: UnkeyedDecodingContainer {
    let items: [JSON]
    var codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(items: [JSON], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    private mutating func next() throws -> (JSON, [any CodingKey]) {
        guard !isAtEnd else { throw JSONReadError(message: "array ends early", path: pathText(codingPath)) }
        defer { currentIndex += 1 }
        return (items[currentIndex], codingPath + [IndexKey(currentIndex)])
    }
    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return true }
        if case .null = items[currentIndex] { currentIndex += 1; return true }
        return false
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (j, p) = try next()
        return try Scalar.value(type, j, p)
    }
    mutating func decode(_ t: Double.Type) throws -> Double { try decode(Wrapped<Double>.self).v }
    mutating func decode(_ t: Int.Type) throws -> Int { try decode(Wrapped<Int>.self).v }
    mutating func decode(_ t: String.Type) throws -> String { try decode(Wrapped<String>.self).v }
    mutating func decode(_ t: Bool.Type) throws -> Bool { try decode(Wrapped<Bool>.self).v }
    mutating func decode(_ t: Float.Type) throws -> Float { try decode(Wrapped<Float>.self).v }
    mutating func decode(_ t: Int8.Type) throws -> Int8 { try decode(Wrapped<Int8>.self).v }
    mutating func decode(_ t: Int16.Type) throws -> Int16 { try decode(Wrapped<Int16>.self).v }
    mutating func decode(_ t: Int32.Type) throws -> Int32 { try decode(Wrapped<Int32>.self).v }
    mutating func decode(_ t: Int64.Type) throws -> Int64 { try decode(Wrapped<Int64>.self).v }
    mutating func decode(_ t: UInt.Type) throws -> UInt { try decode(Wrapped<UInt>.self).v }
    mutating func decode(_ t: UInt8.Type) throws -> UInt8 { try decode(Wrapped<UInt8>.self).v }
    mutating func decode(_ t: UInt16.Type) throws -> UInt16 { try decode(Wrapped<UInt16>.self).v }
    mutating func decode(_ t: UInt32.Type) throws -> UInt32 { try decode(Wrapped<UInt32>.self).v }
    mutating func decode(_ t: UInt64.Type) throws -> UInt64 { try decode(Wrapped<UInt64>.self).v }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (j, p) = try next()
        return try NodeDecoder(json: j, codingPath: p).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (j, p) = try next()
        return try NodeDecoder(json: j, codingPath: p).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder {
        let (j, p) = try next()
        return NodeDecoder(json: j, codingPath: p)
    }
}

struct SingleNodeDecoding: SingleValueDecodingContainer {
    let json: JSON
    var codingPath: [any CodingKey]
    func decodeNil() -> Bool { if case .null = json { true } else { false } }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try Scalar.value(type, json, codingPath) }
    func decode(_ t: Double.Type) throws -> Double { try Scalar.value(t, json, codingPath) }
    func decode(_ t: Int.Type) throws -> Int { try Scalar.value(t, json, codingPath) }
    func decode(_ t: String.Type) throws -> String { try Scalar.value(t, json, codingPath) }
    func decode(_ t: Bool.Type) throws -> Bool { try Scalar.value(t, json, codingPath) }
    func decode(_ t: UInt64.Type) throws -> UInt64 { try Scalar.value(t, json, codingPath) }
    func decode(_ t: Float.Type) throws -> Float { try Scalar.value(t, json, codingPath) }
    func decode(_ t: Int8.Type) throws -> Int8 { try Scalar.value(t, json, codingPath) }
    func decode(_ t: Int16.Type) throws -> Int16 { try Scalar.value(t, json, codingPath) }
    func decode(_ t: Int32.Type) throws -> Int32 { try Scalar.value(t, json, codingPath) }
    func decode(_ t: Int64.Type) throws -> Int64 { try Scalar.value(t, json, codingPath) }
    func decode(_ t: UInt.Type) throws -> UInt { try Scalar.value(t, json, codingPath) }
    func decode(_ t: UInt8.Type) throws -> UInt8 { try Scalar.value(t, json, codingPath) }
    func decode(_ t: UInt16.Type) throws -> UInt16 { try Scalar.value(t, json, codingPath) }
    func decode(_ t: UInt32.Type) throws -> UInt32 { try Scalar.value(t, json, codingPath) }
}
