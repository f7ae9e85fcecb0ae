/// Comparison functions (template-functions-comparison.md).
enum ComparisonFunctions {
    static let all: [String: FunctionDef] = [
        "coalesce": .lazy(1, nil) { args, s throws(ARMError) in
            var firstUnknown: ARMValue?
            for arg in args {
                let v = try s.evaluatePlain(arg)
                switch v {
                case .null: continue
                case .unknown: if firstUnknown == nil { firstUnknown = v }
                default: return firstUnknown ?? v
                }
            }
            return firstUnknown ?? .null
        },
        "equals": .eager(2, 2) { a, _ throws(ARMError) in .bool(equal(a[0], a[1])) },
        "greater": .eager(2, 2) { a, s throws(ARMError) in .bool(try compare(a, s) > 0) },
        "greaterOrEquals": .eager(2, 2) { a, s throws(ARMError) in .bool(try compare(a, s) >= 0) },
        "less": .eager(2, 2) { a, s throws(ARMError) in .bool(try compare(a, s) < 0) },
        "lessOrEquals": .eager(2, 2) { a, s throws(ARMError) in .bool(try compare(a, s) <= 0) },
    ]

    /// Deep equality (JToken.DeepEquals): strings case-sensitive, objects by member, ints equal to equal doubles.
    static func equal(_ a: ARMValue, _ b: ARMValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.pairs.allSatisfy { k, v in y[k].map { equal(v, $0) } ?? false }
        default: return a == b
        }
    }

    /// Orders two integers, numbers or strings. Strings compare as the invariant culture does
    /// (letters case-insensitively first, then lower case before upper case).
    static func compare(_ a: [ARMValue], _ s: CallSite) throws(ARMError) -> Int {
        switch (a[0], a[1]) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.int, .double), (.double, .int), (.double, .double):
            let x = number(a[0]), y = number(a[1])
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)): return compareStrings(x, y)
        default:
            throw s.fail("the arguments must both be integers or both be strings, found '\(a[0].typeName)' and '\(a[1].typeName)'")
        }
    }

    static func number(_ v: ARMValue) -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return 0
        }
    }

    static func compareStrings(_ x: String, _ y: String) -> Int {
        let lx = x.lowercased(), ly = y.lowercased()
        if lx != ly { return lx < ly ? -1 : 1 }
        for (cx, cy) in zip(x, y) where cx != cy {
            return cx.isLowercase ? -1 : 1
        }
        return 0
    }
}
