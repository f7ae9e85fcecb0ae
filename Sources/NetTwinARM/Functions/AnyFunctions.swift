/// Functions that take strings, arrays or objects alike (listed under several families in the
/// docs: template-functions-array.md, -string.md, -object.md).
enum AnyFunctions {
    static let all: [String: FunctionDef] = [
        "concat": .eager(0, nil) { a, s throws(ARMError) in
            if case .array = a.first {
                var out: [ARMValue] = []
                for (i, v) in a.enumerated() {
                    switch v {
                    case .array(let items): out += items
                    case .null: continue
                    default: throw s.typeError(i, "an array", v)
                    }
                }
                return .array(out)
            }
            var text = ""
            for (i, v) in a.enumerated() {
                switch v {
                case .array, .object: throw s.typeError(i, "a string", v)
                default: text += StringFunctions.stringify(v)
                }
            }
            return .string(text)
        },
        "contains": .eager(2, 2) { a, s throws(ARMError) in
            switch a[0] {
            case .string(let text):
                switch a[1] {
                case .string(let t): return .bool(text.contains(t) || t.isEmpty)
                case .int, .bool, .double: return .bool(text.contains(StringFunctions.stringify(a[1])))
                default: throw s.typeError(1, "a string", a[1])
                }
            case .array(let items): return .bool(items.contains { ComparisonFunctions.equal($0, a[1]) })
            case .object(let o):
                guard case .string(let key) = a[1] else { throw s.typeError(1, "a string", a[1]) }
                return .bool(o.index(of: key) != nil)
            default: throw s.typeError(0, "a string, an array or an object", a[0])
            }
        },
        "empty": .eager(1, 1) { a, s throws(ARMError) in
            switch a[0] {
            case .null: return .bool(true)
            case .string(let t): return .bool(t.isEmpty)
            case .array(let items): return .bool(items.isEmpty)
            case .object(let o): return .bool(o.isEmpty)
            default: throw s.typeError(0, "a string, an array or an object", a[0])
            }
        },
        "first": .eager(1, 1) { a, s throws(ARMError) in
            switch a[0] {
            case .null: return .null
            case .string(let t): return .string(t.first.map { String($0) } ?? "")
            case .array(let items): return items.first ?? .null
            default: throw s.typeError(0, "a string or an array", a[0])
            }
        },
        "last": .eager(1, 1) { a, s throws(ARMError) in
            switch a[0] {
            case .null: return .null
            case .string(let t): return .string(t.last.map { String($0) } ?? "")
            case .array(let items): return items.last ?? .null
            default: throw s.typeError(0, "a string or an array", a[0])
            }
        },
        "length": .eager(1, 1) { a, s throws(ARMError) in
            switch a[0] {
            case .string(let t): return .int(Int64(t.utf16.count))
            case .array(let items): return .int(Int64(items.count))
            case .object(let o): return .int(Int64(o.count))
            default: throw s.typeError(0, "a string, an array or an object", a[0])
            }
        },
        "indexOf": .eager(2, 2) { a, s throws(ARMError) in try indexOf(a, s, last: false) },
        "lastIndexOf": .eager(2, 2) { a, s throws(ARMError) in try indexOf(a, s, last: true) },
        "skip": .eager(2, 2) { a, s throws(ARMError) in
            let n = Int(max(0, try s.int(a, 1)))
            switch a[0] {
            case .null: return .null
            case .string(let t): return .string(String(t.utf16.dropFirst(n)) ?? "")
            case .array(let items): return .array(Array(items.dropFirst(n)))
            default: throw s.typeError(0, "a string or an array", a[0])
            }
        },
        "take": .eager(2, 2) { a, s throws(ARMError) in
            let n = Int(max(0, try s.int(a, 1)))
            switch a[0] {
            case .null: return .null
            case .string(let t): return .string(String(t.utf16.prefix(n)) ?? "")
            case .array(let items): return .array(Array(items.prefix(n)))
            default: throw s.typeError(0, "a string or an array", a[0])
            }
        },
        "intersection": .eager(2, nil) { a, s throws(ARMError) in
            switch a[0] {
            case .array(let first):
                var rest: [[ARMValue]] = []
                for i in 1..<a.count { rest.append(try s.array(a, i)) }
                var out: [ARMValue] = []
                for v in first where !out.contains(where: { ComparisonFunctions.equal($0, v) })
                    && rest.allSatisfy({ $0.contains { ComparisonFunctions.equal($0, v) } })
                {
                    out.append(v)
                }
                return .array(out)
            case .object(let first):
                var rest: [ARMObject] = []
                for i in 1..<a.count { rest.append(try s.object(a, i)) }
                var out = ARMObject()
                for (k, v) in first.pairs where rest.allSatisfy({ $0[k].map { ComparisonFunctions.equal($0, v) } ?? false }) {
                    out[k] = v
                }
                return .object(out)
            default: throw s.typeError(0, "an array or an object", a[0])
            }
        },
        "union": .eager(1, nil) { a, s throws(ARMError) in
            switch a[0] {
            case .array:
                var out: [ARMValue] = []
                for i in a.indices {
                    for v in try s.array(a, i) where !out.contains(where: { ComparisonFunctions.equal($0, v) }) { out.append(v) }
                }
                return .array(out)
            case .object:
                var out = ARMObject()
                for i in a.indices { out = deepMerge(out, try s.object(a, i)) }
                return .object(out)
            default: throw s.typeError(0, "an array or an object", a[0])
            }
        },
    ]

    /// `union` of objects: later members win; nested objects are merged recursively, other values
    /// (arrays included) are replaced.
    static func deepMerge(_ a: ARMObject, _ b: ARMObject) -> ARMObject {
        var out = a
        for (k, v) in b.pairs {
            if case .object(let nb) = v, case .object(let na)? = out[k] {
                out[k] = .object(deepMerge(na, nb))
            } else {
                out[k] = v
            }
        }
        return out
    }

    /// `indexOf`/`lastIndexOf`: strings compare case-insensitively; arrays by value.
    static func indexOf(_ a: [ARMValue], _ s: CallSite, last: Bool) throws(ARMError) -> ARMValue {
        switch a[0] {
        case .string(let text):
            let needle = try s.string(a, 1)
            let hay = Array(text.lowercased().utf16), n = Array(needle.lowercased().utf16)
            if n.isEmpty { return .int(last ? Int64(hay.count - 1 < 0 ? 0 : hay.count - 1) : 0) }
            guard n.count <= hay.count else { return .int(-1) }
            let starts = Array(0...(hay.count - n.count))
            for i in (last ? starts.reversed() : starts) where Array(hay[i..<(i + n.count)]) == n { return .int(Int64(i)) }
            return .int(-1)
        case .array(let items):
            let idx = last ? items.lastIndex { ComparisonFunctions.equal($0, a[1]) } : items.firstIndex { ComparisonFunctions.equal($0, a[1]) }
            return .int(Int64(idx ?? -1))
        default: throw s.typeError(0, "a string or an array", a[0])
        }
    }
}
