/// A JSON value together with the byte offset of its first byte in the source.
public struct JSONNode: Sendable, Hashable {
    public var value: JSONValue
    /// Byte offset of the value's first byte in the source, -1 for synthesized nodes.
    public var offset: Int

    public init(_ value: JSONValue, offset: Int = -1) {
        self.value = value
        self.offset = offset
    }
}

extension JSONNode {
    /// First member with exactly this key, or nil (also nil when this is not an object).
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        for m in members where m.key == key { return m.value }
        return nil
    }

    /// The member entry (key, key offset, value) for the first member with exactly this key.
    public func memberEntry(_ key: String) -> JSONMember? {
        guard case .object(let members) = value else { return nil }
        for m in members where m.key == key { return m }
        return nil
    }

    /// First member whose key matches ignoring case (ARM property names are case-insensitive).
    /// An exact match is preferred over a case-insensitive one. Case folding is ASCII-only for
    /// ASCII keys and uses `lowercased()` otherwise.
    public func member(caseInsensitive key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        for m in members where m.key == key { return m.value }
        for m in members where JSONNode.equalsIgnoringCase(m.key, key) { return m.value }
        return nil
    }

    /// Element at `index`, or nil when out of range or not an array.
    public subscript(index: Int) -> JSONNode? {
        guard case .array(let elements) = value, index >= 0, index < elements.count else { return nil }
        return elements[index]
    }

    /// Resolves an RFC 6901 pointer. Array tokens must be canonical indices ("0", "12"; not "01", not "-").
    public func node(at pointer: JSONPointer) -> JSONNode? {
        var current = self
        for token in pointer.tokens {
            switch current.value {
            case .object:
                guard let next = current[token] else { return nil }
                current = next
            case .array(let elements):
                guard let i = JSONPointer.arrayIndex(token), i < elements.count else { return nil }
                current = elements[i]
            default:
                return nil
            }
        }
        return current
    }

    public var stringValue: String? { if case .string(let s) = value { return s }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = value { return b }; return nil }
    /// The integer value; also accepts a `.double` that is integral and fits `Int64`.
    public var intValue: Int64? {
        switch value {
        case .integer(let i): return i
        case .double(let d):
            guard d.isFinite, d.rounded(.towardZero) == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else { return nil }
            return Int64(d)
        default: return nil
        }
    }
    /// The numeric value as a Double (integers converted).
    public var doubleValue: Double? {
        switch value {
        case .integer(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
    public var arrayValue: [JSONNode]? { if case .array(let a) = value { return a }; return nil }
    public var objectValue: [JSONMember]? { if case .object(let o) = value { return o }; return nil }
    public var isNull: Bool { if case .null = value { return true }; return false }
    /// "null", "boolean", "number", "string", "array" or "object".
    public var typeName: String { value.typeName }

    static func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
        // Property names are ASCII: different byte counts cannot match (O(1) for native strings).
        if a.utf8.count != b.utf8.count { return false }
        var ia = a.utf8.makeIterator()
        var ib = b.utf8.makeIterator()
        var ascii = true
        while true {
            let ca = ia.next(), cb = ib.next()
            guard let x = ca, let y = cb else {
                if ca == nil && cb == nil { return true }
                break
            }
            if x >= 0x80 || y >= 0x80 { ascii = false; break }
            let lx = (x >= 0x41 && x <= 0x5A) ? x | 0x20 : x
            let ly = (y >= 0x41 && y <= 0x5A) ? y | 0x20 : y
            if lx != ly { return false }
        }
        if ascii { return false }
        return a.lowercased() == b.lowercased()
    }
}

extension JSONNode: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self.init(.null) }
    public init(booleanLiteral value: Bool) { self.init(.bool(value)) }
    public init(integerLiteral value: Int64) { self.init(.integer(value)) }
    public init(floatLiteral value: Double) { self.init(.double(value)) }
    public init(stringLiteral value: String) { self.init(.string(value)) }
    public init(arrayLiteral elements: JSONValue...) { self.init(.array(elements.map { JSONNode($0) })) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(.object(elements.map { JSONMember(key: $0.0, value: JSONNode($0.1)) }))
    }
}

extension JSONNode {
    /// The path from this node to the descendant whose value starts at `offset` (nodes are in source
    /// order, so each level is a binary search); nil when no descendant starts there. Used to work out
    /// JSON pointers only when a diagnostic needs one.
    public func relativePointer(toOffset offset: Int) -> [String]? {
        var tokens: [String] = []
        var current = self
        while current.offset != offset {
            switch current.value {
            case .object(let members):
                // The last member whose value starts at or before the offset.
                var low = 0
                var high = members.count - 1
                var found = -1
                while low <= high {
                    let mid = (low + high) / 2
                    if members[mid].value.offset <= offset && members[mid].value.offset >= 0 {
                        found = mid
                        low = mid + 1
                    } else {
                        high = mid - 1
                    }
                }
                guard found >= 0 else { return nil }
                tokens.append(members[found].key)
                current = members[found].value
            case .array(let elements):
                var low = 0
                var high = elements.count - 1
                var found = -1
                while low <= high {
                    let mid = (low + high) / 2
                    if elements[mid].offset <= offset && elements[mid].offset >= 0 {
                        found = mid
                        low = mid + 1
                    } else {
                        high = mid - 1
                    }
                }
                guard found >= 0 else { return nil }
                tokens.append(String(found))
                current = elements[found]
            default:
                return nil
            }
        }
        return tokens
    }
}
