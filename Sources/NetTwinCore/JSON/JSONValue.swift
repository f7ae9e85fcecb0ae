/// A JSON value. Containers hold `JSONNode`s so every nested value keeps its source offset.
///
/// Numbers: a literal without fraction or exponent that fits `Int64` is `.integer`
/// (note: `-0` therefore becomes `.integer(0)`); every other number is `.double`.
///
/// The enum is not declared `indirect`: recursion goes through `Array`, which is already
/// a reference, and avoiding a box per scalar keeps parsing fast.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONNode])
    /// Members in source order; duplicate keys are kept (the caller decides what they mean).
    case object([JSONMember])

    /// "null", "boolean", "number", "string", "array" or "object", for messages such as
    /// "expected a string, found a number".
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Equality that ignores source offsets (`==` compares offsets too, since `JSONNode` stores them).
    /// Member order and duplicates matter; `.integer(1)` and `.double(1)` are different.
    public func isEquivalent(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            for i in a.indices where !a[i].value.isEquivalent(to: b[i].value) { return false }
            return true
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for i in a.indices where a[i].key != b[i].key || !a[i].value.value.isEquivalent(to: b[i].value.value) { return false }
            return true
        case (.array, _), (.object, _):
            return false
        default:
            return self == other
        }
    }

    /// Builds an object from ordered pairs (order kept, duplicates kept).
    public static func object(pairs: [(String, JSONValue)]) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.0, value: JSONNode($0.1)) })
    }

    /// Builds an array from plain values (synthesized nodes, offset -1).
    public static func array(values: [JSONValue]) -> JSONValue {
        .array(values.map { JSONNode($0) })
    }
}

extension JSONValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements.map { JSONNode($0) })
    }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// Keys keep the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { JSONMember(key: $0.0, value: JSONNode($0.1)) })
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String {
        var options = JSONWriter.Options()
        options.pretty = false
        return JSONWriter.string(self, options: options)
    }
}
