/// An RFC 6901 JSON Pointer, e.g. `/properties/subnets/0/name`.
///
/// Ordering (`Comparable`): token by token; a pointer that is a prefix of another sorts first.
/// Two tokens that are both canonical array indices compare numerically ("2" < "10");
/// an index sorts before a non-index; otherwise tokens compare by Unicode scalar values.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var tokens: [String]

    /// The root pointer "".
    public init() { tokens = [] }

    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses "" or "/a/b~1c/0". Returns nil when the text does not start with "/" (and is not empty)
    /// or contains "~" not followed by "0" or "1".
    public init?(parsing text: String) {
        if text.isEmpty { tokens = []; return }
        let bytes = Array(text.utf8)
        guard bytes[0] == UInt8(ascii: "/") else { return nil }
        var result: [String] = []
        var current: [UInt8] = []
        var i = 1
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == UInt8(ascii: "/") {
                result.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                i += 1
                continue
            }
            let b = bytes[i]
            if b == UInt8(ascii: "~") {
                guard i + 1 < bytes.count else { return nil }
                switch bytes[i + 1] {
                case UInt8(ascii: "0"): current.append(UInt8(ascii: "~"))
                case UInt8(ascii: "1"): current.append(UInt8(ascii: "/"))
                default: return nil
                }
                i += 2
            } else {
                current.append(b)
                i += 1
            }
        }
        tokens = result
    }

    public var isRoot: Bool { tokens.isEmpty }

    public func appending(_ key: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(key)
        return copy
    }

    public func appending(_ index: Int) -> JSONPointer {
        var copy = self
        copy.tokens.append(String(index))
        return copy
    }

    /// The pointer without its last token (root stays root).
    public var parent: JSONPointer {
        var copy = self
        if !copy.tokens.isEmpty { copy.tokens.removeLast() }
        return copy
    }

    /// "" for the root, otherwise "/" + tokens joined by "/" with "~" → "~0" and "/" → "~1".
    public var description: String {
        var out = ""
        for token in tokens {
            out.append("/")
            if token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
                for ch in token.unicodeScalars {
                    switch ch {
                    case "~": out.append("~0")
                    case "/": out.append("~1")
                    default: out.unicodeScalars.append(ch)
                    }
                }
            } else {
                out.append(token)
            }
        }
        return out
    }

    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        let n = min(lhs.tokens.count, rhs.tokens.count)
        for k in 0..<n {
            let a = lhs.tokens[k], b = rhs.tokens[k]
            if a == b { continue }
            switch (arrayIndex(a), arrayIndex(b)) {
            case let (x?, y?): if x != y { return x < y }
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): break
            }
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        }
        return lhs.tokens.count < rhs.tokens.count
    }

    /// A canonical RFC 6901 array index ("0" or digits without a leading zero), nil otherwise.
    static func arrayIndex(_ token: String) -> Int? {
        let u = token.utf8
        guard let first = u.first, u.count <= 18 else { return nil }
        if first == UInt8(ascii: "0") { return u.count == 1 ? 0 : nil }
        var v = 0
        for b in u {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + Int(b - UInt8(ascii: "0"))
        }
        return v
    }
}
