/// Lambda functions (template-functions-lambda.md).
enum LambdaFunctions {
    static let all: [String: FunctionDef] = [
        "lambda": .lazy(1, nil) { args, s throws(ARMError) in
            var names: [String] = []
            for (i, arg) in args.dropLast().enumerated() {
                guard case .string(let n) = try s.evaluator.evaluate(arg) else {
                    throw s.fail("argument \(i + 1) must be the name of a lambda variable (a string)")
                }
                names.append(n)
            }
            return .lambda(ARMLambda(parameters: names, body: args.last!, captured: s.evaluator.locals))
        },
        "lambdaVariables": .eager(1, 1) { a, s throws(ARMError) in
            let name = try s.string(a, 0)
            guard let v = s.evaluator.locals[name.lowercased()] else { throw s.fail("the lambda variable '\(name)' is not defined here") }
            return v
        },
        "filter": .eager(2, 2) { a, s throws(ARMError) in
            let items = try s.array(a, 0), f = try s.lambda(a, 1, arity: -2)
            var out: [ARMValue] = []
            for (i, v) in items.enumerated() {
                let keep = try s.call(f, [v, .int(Int64(i))])
                switch keep {
                case .bool(true): out.append(v)
                case .bool(false): continue
                case .unknown: return keep
                default: throw s.fail("the lambda expression must return a boolean, found '\(keep.typeName)'")
                }
            }
            return .array(out)
        },
        "map": .eager(2, 2) { a, s throws(ARMError) in
            let items = try s.array(a, 0), f = try s.lambda(a, 1, arity: -2)
            var out: [ARMValue] = []
            var cells = 1
            for (i, v) in items.enumerated() {
                let element = try s.call(f, [v, .int(Int64(i))])
                cells += element.weight(cap: TemplateLimits.valueCells)
                try Evaluator.checkGrowing(cells, what: "array of 'map'", at: s.position)
                out.append(element)
            }
            return .array(out)
        },
        "reduce": .eager(3, 3) { a, s throws(ARMError) in
            let items = try s.array(a, 0), f = try s.lambda(a, 2, arity: f3)
            var acc = a[1]
            for (i, v) in items.enumerated() { acc = try s.call(f, [acc, v, .int(Int64(i))]) }
            return acc
        },
        "sort": .eager(2, 2) { a, s throws(ARMError) in
            let items = try s.array(a, 0), f = try s.lambda(a, 1, arity: 2)
            // Stable insertion sort: the lambda says whether its first argument goes first.
            var out: [ARMValue] = []
            for v in items {
                var index = out.count
                for (j, w) in out.enumerated() {
                    let before = try s.call(f, [v, w])
                    if case .unknown = before { return before }
                    if before == .bool(true) { index = j; break }
                }
                out.insert(v, at: index)
            }
            return .array(out)
        },
        "groupBy": .eager(2, 2) { a, s throws(ARMError) in
            let items = try s.array(a, 0), f = try s.lambda(a, 1, arity: 1)
            var out = ARMObject()
            for v in items {
                let key = try s.call(f, [v])
                guard case .string(let k) = key else {
                    if case .unknown = key { return key }
                    throw s.fail("the lambda expression must return a string key, found '\(key.typeName)'")
                }
                var group = out[k]?.arrayValue ?? []
                group.append(v)
                out[k] = .array(group)
            }
            return .object(out)
        },
        "mapValues": .eager(2, 2) { a, s throws(ARMError) in
            let o = try s.object(a, 0), f = try s.lambda(a, 1, arity: 1)
            var out = ARMObject()
            for (k, v) in o.pairs { out[k] = try s.call(f, [v]) }
            return .object(out)
        },
        "toObject": .eager(2, 3) { a, s throws(ARMError) in
            let items = try s.array(a, 0), keyF = try s.lambda(a, 1, arity: 1)
            let valueF = a.count > 2 ? try s.lambda(a, 2, arity: 1) : nil
            var out = ARMObject()
            for v in items {
                let key = try s.call(keyF, [v])
                guard case .string(let k) = key else {
                    if case .unknown = key { return key }
                    throw s.fail("the key lambda expression must return a string, found '\(key.typeName)'")
                }
                out[k] = try valueF.map { f throws(ARMError) in try s.call(f, [v]) } ?? v
            }
            return .object(out)
        },
    ]
    /// reduce's lambda takes 2 or 3 parameters (accumulator, current[, index]).
    static let f3 = -3
}
