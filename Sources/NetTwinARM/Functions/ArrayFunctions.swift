/// Array functions (template-functions-array.md); see also `AnyFunctions`.
enum ArrayFunctions {
    static let all: [String: FunctionDef] = [
        "array": .eager(1, 1) { a, _ throws(ARMError) in
            if case .array = a[0] { return a[0] }
            return .array([a[0]])
        },
        "createArray": .eager(0, nil, unknowns: false) { a, _ throws(ARMError) in .array(a) },
        "flatten": .eager(1, 1) { a, s throws(ARMError) in
            var out: [ARMValue] = []
            for v in try s.array(a, 0) {
                switch v {
                case .array(let inner): out += inner
                case .unknown: return v
                default: throw s.fail("every element must be an array, found '\(v.typeName)'")
                }
            }
            return .array(out)
        },
        "range": .eager(2, 2) { a, s throws(ARMError) in
            let start = try s.int(a, 0), count = try s.int(a, 1)
            guard count >= 0 else { throw s.fail("the count \(count) must not be negative") }
            guard count <= 10000 else { throw s.fail("the count \(count) is more than 10000") }
            guard !start.addingReportingOverflow(count).overflow, start + count <= 2_147_483_647 else { throw s.fail("the sum of the start index and the count must be no greater than 2147483647") }
            return .array((0..<count).map { .int(start + $0) })
        },
        "indexFromEnd": .eager(2, 2) { a, s throws(ARMError) in
            let items = try s.array(a, 0)
            let i = try s.int(a, 1)
            guard i >= 1, i <= items.count else { throw s.fail("the index \(i) from the end is out of bounds (1 to \(items.count))") }
            return items[items.count - Int(i)]
        },
        // distinct(array): the array without duplicates, each value kept at its first occurrence (Bicep PR #19167's
        // test: distinct([1, 2, 2, 3, 1]) is [1, 2, 3]); objects and arrays compare by value.
        "distinct": .eager(1, 1) { a, s throws(ARMError) in
            var out: [ARMValue] = []
            for item in try s.array(a, 0) where !out.contains(item) { out.append(item) }
            return .array(out)
        },
        "tryIndexFromEnd": .eager(2, 2) { a, s throws(ARMError) in
            let items = try s.array(a, 0)
            let i = try s.int(a, 1)
            guard i >= 1, i <= items.count else { return .null }
            return items[items.count - Int(i)]
        },
    ]
}
