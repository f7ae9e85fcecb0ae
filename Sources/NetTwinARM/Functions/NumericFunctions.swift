import Foundation

/// Numeric functions (template-functions-numeric.md). Integers are 64-bit; overflow is an error.
enum NumericFunctions {
    static let all: [String: FunctionDef] = [
        "add": .eager(2, 2) { a, s throws(ARMError) in try arithmetic(a, s, &+, { $0.addingReportingOverflow($1) }) },
        "sub": .eager(2, 2) { a, s throws(ARMError) in try arithmetic(a, s, &-, { $0.subtractingReportingOverflow($1) }) },
        "mul": .eager(2, 2) { a, s throws(ARMError) in try arithmetic(a, s, &*, { $0.multipliedReportingOverflow(by: $1) }) },
        "div": .eager(2, 2) { a, s throws(ARMError) in
            let x = try s.int(a, 0), y = try s.int(a, 1)
            guard y != 0 else { throw s.fail("division by zero") }
            return .int(x.dividedReportingOverflow(by: y).partialValue)
        },
        "mod": .eager(2, 2) { a, s throws(ARMError) in
            let x = try s.int(a, 0), y = try s.int(a, 1)
            guard y != 0 else { throw s.fail("division by zero") }
            return .int(x.remainderReportingOverflow(dividingBy: y).partialValue)
        },
        "int": .eager(1, 1) { a, s throws(ARMError) in
            switch a[0] {
            case .int: return a[0]
            case .double(let d) where d.isFinite && abs(d) < 9.2e18: return .int(Int64(d))
            case .string(let t):
                guard let v = Int64(t.trimmingCharacters(in: .whitespaces)) else { throw s.fail("the string '\(t)' is not an integer") }
                return .int(v)
            case .bool(let b): return .int(b ? 1 : 0)
            default: throw s.typeError(0, "a string or a number", a[0])
            }
        },
        "float": .eager(1, 1) { a, s throws(ARMError) in
            switch a[0] {
            case .int(let i): return .double(Double(i))
            case .double: return a[0]
            case .string(let t):
                guard let v = Double(t) else { throw s.fail("the string '\(t)' is not a number") }
                return .double(v)
            default: throw s.typeError(0, "a string or a number", a[0])
            }
        },
        "max": .eager(1, nil) { a, s throws(ARMError) in try extreme(a, s, max: true) },
        "min": .eager(1, nil) { a, s throws(ARMError) in try extreme(a, s, max: false) },
        "copyIndex": .eager(0, 2) { a, s throws(ARMError) in
            var loop: String?
            var offset: Int64 = 0
            if a.count == 2 {
                loop = try s.string(a, 0); offset = try s.int(a, 1)
            } else if a.count == 1 {
                if case .string(let l) = a[0] { loop = l } else { offset = try s.int(a, 0) }
            }
            let loops = s.evaluator.copyLoops
            let entry = loop.map { l in loops.last { $0.name.lowercased() == l.lowercased() } }
                ?? loops.last { !$0.byNameOnly } ?? loops.last
            guard let entry else {
                throw ARMError(ARMDiagnosticID.copyIndexOutside,
                    loop.map { "the template function 'copyIndex' refers to the copy loop '\($0)', which is not being expanded here" }
                        ?? "the template function 'copyIndex' is not expected at this location: it can only be used in a copy loop", at: s.position)
            }
            let r = Int64(entry.index).addingReportingOverflow(offset)
            guard !r.overflow else { throw s.fail("the offset \(offset) is too large") }
            return .int(r.partialValue)
        },
    ]

    static func arithmetic(_ a: [ARMValue], _ s: CallSite, _ op: (Int64, Int64) -> Int64,
                           _ checked: (Int64, Int64) -> (partialValue: Int64, overflow: Bool)) throws(ARMError) -> ARMValue
    {
        let x = try s.int(a, 0), y = try s.int(a, 1)
        let r = checked(x, y)
        guard !r.overflow else { throw s.fail("the result does not fit in a 64-bit integer") }
        return .int(r.partialValue)
    }

    static func extreme(_ a: [ARMValue], _ s: CallSite, max: Bool) throws(ARMError) -> ARMValue {
        var values = a
        if a.count == 1, case .array(let items) = a[0] { values = items }
        guard !values.isEmpty else { throw s.fail("no values are given") }
        var best: Int64?
        for (i, v) in values.enumerated() {
            guard case .int(let x) = v else {
                if case .unknown = v { return v }
                throw s.typeError(i, "an integer", v)
            }
            if let b = best { best = max ? Swift.max(b, x) : Swift.min(b, x) } else { best = x }
        }
        return .int(best!)
    }
}
