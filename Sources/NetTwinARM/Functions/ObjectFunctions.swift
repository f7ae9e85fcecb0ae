import Foundation

/// Object functions (template-functions-object.md); see also `AnyFunctions`.
enum ObjectFunctions {
    static let all: [String: FunctionDef] = [
        "createObject": .eager(0, nil, unknowns: false) { a, s throws(ARMError) in
            guard a.count % 2 == 0 else { throw s.fail("the arguments must be pairs of keys and values, found \(a.count) arguments") }
            var o = ARMObject()
            for i in stride(from: 0, to: a.count, by: 2) {
                guard case .string(let k) = a[i] else {
                    if case .unknown = a[i] { return a[i] }
                    throw s.typeError(i, "a string key", a[i])
                }
                guard o.keys.firstIndex(of: k) == nil else { throw s.fail("the property name '\(k)' is given more than once") }
                o[k] = a[i + 1]
            }
            return .object(o)
        },
        "json": .eager(1, 1) { a, s throws(ARMError) in
            let t = try s.string(a, 0)
            if t.trimmingCharacters(in: .whitespacesAndNewlines) == "null" { return .null }
            return try StringFunctions.parseJSON(t, s)
        },
        "null": .eager(0, 0) { _, _ throws(ARMError) in .null },
        "objectKeys": .eager(1, 1) { a, s throws(ARMError) in .array(try s.object(a, 0).keys.map { .string($0) }) },
        "items": .eager(1, 1) { a, s throws(ARMError) in
            let o = try s.object(a, 0)
            let sorted = o.pairs.sorted { ComparisonFunctions.compareStrings($0.0, $1.0) < 0 }
            return .array(sorted.map { .object(ARMObject([("key", .string($0.0)), ("value", $0.1)])) })
        },
        "shallowMerge": .eager(1, 1) { a, s throws(ARMError) in
            var out = ARMObject()
            for (i, v) in try s.array(a, 0).enumerated() {
                guard case .object(let o) = v else {
                    if case .unknown = v { return v }
                    throw s.fail("element \(i) of the array is not an object")
                }
                for (k, x) in o.pairs { out[k] = x }
            }
            return .object(out)
        },
        "tryGet": .eager(2, nil) { a, s throws(ARMError) in
            var current = a[0]
            for key in a.dropFirst() {
                switch (current, key) {
                case (.object(let o), .string(let k)):
                    if let v = o[k] { current = v } else if let r = o.openReason { return .unknown("\(r) (property '\(k)')") } else { return .null }
                case (.array(let items), .int(let i)):
                    guard i >= 0, i < items.count else { return .null }
                    current = items[Int(i)]
                case (.null, _): return .null
                case (.unknown, _): return current
                default: return .null
                }
            }
            return current
        },
    ]
}
