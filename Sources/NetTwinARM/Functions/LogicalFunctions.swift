/// Logical functions (template-functions-logical.md). `and`, `or` and `if` evaluate their
/// arguments lazily from left to right.
enum LogicalFunctions {
    static let all: [String: FunctionDef] = [
        "and": .lazy(2, nil) { args, s throws(ARMError) in
            var unknown: ARMValue?
            for (i, arg) in args.enumerated() {
                let v = try s.evaluatePlain(arg)
                switch v {
                case .bool(false): return .bool(false)
                case .bool(true): continue
                case .unknown: unknown = unknown ?? v
                default: throw s.typeError(i, "a boolean", v)
                }
            }
            return unknown ?? .bool(true)
        },
        "or": .lazy(2, nil) { args, s throws(ARMError) in
            var unknown: ARMValue?
            for (i, arg) in args.enumerated() {
                let v = try s.evaluatePlain(arg)
                switch v {
                case .bool(true): return .bool(true)
                case .bool(false): continue
                case .unknown: unknown = unknown ?? v
                default: throw s.typeError(i, "a boolean", v)
                }
            }
            return unknown ?? .bool(false)
        },
        "not": .eager(1, 1) { a, s throws(ARMError) in .bool(!(try s.bool(a, 0))) },
        "bool": .eager(1, 1) { a, s throws(ARMError) in
            switch a[0] {
            case .bool: return a[0]
            case .int(let i): return .bool(i != 0)
            case .string(let t):
                switch t.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: throw s.fail("the string '\(t)' is not a boolean")
                }
            default: throw s.typeError(0, "a string, an integer or a boolean", a[0])
            }
        },
        // fail(message): stops the deployment with the message (lazily reached inside if()).
        "fail": .eager(1, 1) { a, s throws(ARMError) in
            throw ARMError(ARMDiagnosticID.userFail, "the template called fail(): \(StringFunctions.stringify(a[0]))", at: s.position)
        },
        "true": .eager(0, 0) { _, _ throws(ARMError) in .bool(true) },
        "false": .eager(0, 0) { _, _ throws(ARMError) in .bool(false) },
        "if": .lazy(3, 3) { args, s throws(ARMError) in
            let c = try s.evaluatePlain(args[0])
            switch c {
            case .bool(let b): return try s.evaluator.evaluate(b ? args[1] : args[2])
            case .unknown: return c
            default: throw s.typeError(0, "a boolean", c)
            }
        },
    ]
}
