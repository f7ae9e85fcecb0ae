/// Evaluates expression trees in a template scope.
///
/// A value type: copy-loop indices, lambda variables and user-function arguments are carried
/// along as the evaluation descends, so the same scope can be used from any loop iteration.
struct Evaluator {
    let scope: TemplateScope
    /// Copy loops currently being expanded, innermost last. `byNameOnly` marks property and
    /// variable iterations, which `copyIndex()` without a loop name does not see (copy-properties.md).
    var copyLoops: [(name: String, index: Int, byNameOnly: Bool)] = []
    /// Lambda variables in scope.
    var locals: [String: ARMValue] = [:]
    /// Set inside a user-defined function: its arguments (`parameters()` reads these).
    var functionArguments: [String: ARMValue]?
    /// True while a parameter's default value is evaluated (where `utcNow()`/`newGuid()` are allowed).
    var inParameterDefault = false
    var depth = 0
    static let maxDepth = 64

    init(scope: TemplateScope) {
        self.scope = scope
        self.copyLoops = scope.baseCopyLoops
    }

    var session: ExpansionSession { scope.session }

    func withCopy(_ name: String, _ index: Int, byNameOnly: Bool = false) -> Evaluator {
        var e = self
        e.copyLoops.removeAll { $0.name.lowercased() == name.lowercased() }
        e.copyLoops.append((name, index, byNameOnly))
        return e
    }

    /// Evaluates a template JSON string: a literal or an `[expression]`.
    func evaluateString(_ s: String) throws(ARMError) -> ARMValue {
        switch ExpressionParser.classify(s) {
        case .literal(let text): return .string(text)
        case .expression(let text, let offset):
            let node = try session.parse(text, offset: offset)
            return try evaluate(node)
        }
    }

    func evaluate(_ node: ExpressionNode) throws(ARMError) -> ARMValue {
        switch node {
        case .string(let s, _): return .string(s)
        case .int(let v, _): return .int(v)
        case .double(let v, _): return .double(v)
        case .bool(let b, _): return .bool(b)
        case .null: return .null
        case .member(let target, let name, let at):
            let value = try evaluate(target)
            // A member of a secret is secret (the members of a secureObject parameter).
            if case .secret(let inner) = value {
                do throws(ARMError) {
                    return try Self.member(inner, name, at: at).markedSecret
                } catch {
                    // The message would list the secret object's members.
                    throw ARMError(error.id, "the language expression property '\(name)' doesn't exist in a secure value (its members are not listed)", at: at)
                }
            }
            return try Self.member(value, name, at: at)
        case .index(let target, let indexNode, let at):
            let value = try evaluate(target)
            let index = try evaluate(indexNode)
            if value.isSecret || index.isSecret {
                return try Self.index(value.revealed, index.revealed, at: at).markedSecret
            }
            return try Self.index(value, index, at: at)
        case .call(let namespace, let name, let arguments, let at):
            guard depth < Self.maxDepth else {
                throw ARMError(ARMDiagnosticID.expressionDepth, "the expression nests function calls too deeply (more than \(Self.maxDepth))", at: at)
            }
            var inner = self
            inner.depth += 1
            if let namespace {
                return try inner.callUserFunction(namespace: namespace, name: name, arguments: arguments, at: at)
            }
            guard let def = FunctionRegistry.lookup(name) ?? (name.lowercased().hasPrefix("list") ? ResourceFunctions.listFunction : nil) else {
                if scope.userFunction(namespace: nil, name: name) != nil {
                    return try inner.callUserFunction(namespace: nil, name: name, arguments: arguments, at: at)
                }
                throw ARMError(ARMDiagnosticID.functionUnknown, "the template function '\(name)' is not valid", at: at)
            }
            let site = CallSite(name: name, position: at, evaluator: inner)
            if arguments.count < def.minArgs || (def.maxArgs.map { arguments.count > $0 } ?? false) {
                let expected: String
                if let max = def.maxArgs {
                    expected = max == def.minArgs ? "\(max)" : "\(def.minArgs) to \(max)"
                } else {
                    expected = "at least \(def.minArgs)"
                }
                throw ARMError(ARMDiagnosticID.functionArguments,
                    "the template function '\(name)' expects \(expected) argument\(expected == "1" ? "" : "s"), found \(arguments.count)", at: at)
            }
            switch def.body {
            case .lazy(let body):
                let result = try body(arguments, site)
                try inner.account(result, function: name, at: at)
                return site.taint.tainted ? result.markedSecret : result
            case .eager(let body):
                var values: [ARMValue] = []
                values.reserveCapacity(arguments.count)
                var tainted = false
                for a in arguments {
                    var v = try inner.evaluate(a)
                    // Functions compute on plain values; a result computed from a secret is secret.
                    if session.secretsSeen, v.containsSecret {
                        tainted = true
                        v = v.deepRevealed
                    }
                    if def.propagatesUnknown, case .unknown = v { return tainted ? v.markedSecret : v }
                    values.append(v)
                }
                let result = tainted ? try site.secretResult { () throws(ARMError) in try body(values, site) } : try body(values, site)
                try inner.account(result, function: name, at: at)
                return result
            }
        }
    }

    static func member(_ value: ARMValue, _ name: String, at: Int) throws(ARMError) -> ARMValue {
        switch value {
        case .unknown: return value
        case .object(let o):
            if let v = o[name] { return v }
            if let reason = o.openReason { return .unknown("\(reason) (property '\(name)')") }
            let available = o.keys.map { $0 }.joined(separator: ", ")
            throw ARMError(ARMDiagnosticID.expressionProperty,
                "the language expression property '\(name)' doesn't exist, available properties are '\(available)'", at: at)
        default:
            throw ARMError(ARMDiagnosticID.expressionProperty,
                "the language expression property '\(name)' can't be evaluated on a value of type '\(value.typeName)'", at: at)
        }
    }

    static func index(_ value: ARMValue, _ index: ARMValue, at: Int) throws(ARMError) -> ARMValue {
        if case .unknown = value { return value }
        if case .unknown = index { return index }
        switch (value, index) {
        case (.array(let a), .int(let i)):
            guard i >= 0, i < a.count else {
                throw ARMError(ARMDiagnosticID.expressionIndex, "the language expression property array index '\(i)' is out of bounds", at: at)
            }
            return a[Int(i)]
        case (.object, .string(let key)):
            return try member(value, key, at: at)
        default:
            throw ARMError(ARMDiagnosticID.expressionIndex,
                "a value of type '\(value.typeName)' can't be indexed by a value of type '\(index.typeName)'", at: at)
        }
    }

    func callUserFunction(namespace: String?, name: String, arguments: [ExpressionNode], at: Int) throws(ARMError) -> ARMValue {
        guard let fn = scope.userFunction(namespace: namespace, name: name) else {
            throw ARMError(ARMDiagnosticID.functionUnknown, "the template function '\(namespace.map { "\($0)." } ?? "")\(name)' is not valid", at: at)
        }
        guard arguments.count == fn.parameters.count else {
            throw ARMError(ARMDiagnosticID.functionArguments,
                "the user-defined function '\(fn.fullName)' expects \(fn.parameters.count) arguments, found \(arguments.count)", at: at)
        }
        var bound: [String: ARMValue] = [:]
        for (p, a) in zip(fn.parameters, arguments) { bound[p.lowercased()] = try evaluate(a) }
        var inner = Evaluator(scope: scope)
        inner.functionArguments = bound
        inner.depth = depth + 1
        do throws(ARMError) {
            return try inner.evaluateJSON(fn.output)
        } catch {
            var e = error
            e.message = "in the user-defined function '\(fn.fullName)': \(e.message)"
            e.position = at
            throw e
        }
    }

    /// Calls a lambda value with arguments.
    func invoke(_ lambda: ARMLambda, _ args: [ARMValue], at: Int) throws(ARMError) -> ARMValue {
        var inner = self
        for (k, v) in lambda.captured { inner.locals[k] = v }
        for (p, v) in zip(lambda.parameters, args) { inner.locals[p.lowercased()] = v }
        inner.depth += 1
        let result = try inner.evaluate(lambda.body)
        try account(result, function: "lambda", at: at)
        return result
    }

    /// Counts a computed value against the evaluation limits (TemplateLimits.valueCells for the value itself,
    /// TemplateLimits.evaluationCells for the whole expansion).
    func account(_ value: ARMValue, function: String, at: Int) throws(ARMError) {
        let cells = value.weight(cap: TemplateLimits.valueCells)
        if cells > TemplateLimits.valueCells {
            throw ARMError(ARMDiagnosticID.limitValueSize,
                "the result of '\(function)' is larger than \(TemplateLimits.valueCells) cells (4 MiB of text, or 4 Mi elements): no deployable template holds such a value (Azure limits the expanded template to 4 MB); evaluation stops here",
                at: at)
        }
        session.evaluationWork += cells
        if session.evaluationWork > TemplateLimits.evaluationCells {
            throw ARMError(ARMDiagnosticID.limitEvaluationWork,
                "the expansion has computed more than \(TemplateLimits.evaluationCells) cells of values (64 Mi), far beyond any real template (an expression whose cost grows quadratically or exponentially); evaluation stops here",
                at: at)
        }
    }

    /// Checks a value being built element by element (map, copy loops) before it gets too large.
    static func checkGrowing(_ cells: Int, what: String, at: Int) throws(ARMError) {
        guard cells > TemplateLimits.valueCells else { return }
        throw ARMError(ARMDiagnosticID.limitValueSize,
            "the \(what) being built is larger than \(TemplateLimits.valueCells) cells (4 MiB of text, or 4 Mi elements): no deployable template holds such a value; evaluation stops here",
            at: at)
    }
}

/// Set by a lazily evaluated function (`if`, `and`, `or`, `coalesce`) when an argument it read was secret.
final class SecretTaint: @unchecked Sendable {
    var tainted = false
}

/// What a built-in function sees of its call.
struct CallSite {
    let name: String
    let position: Int
    let evaluator: Evaluator
    let taint = SecretTaint()

    init(name: String, position: Int, evaluator: Evaluator) {
        self.name = name
        self.position = position
        self.evaluator = evaluator
    }

    var scope: TemplateScope { evaluator.scope }

    /// Evaluates an argument of a lazy function: the plain value, with the call marked secret when it was.
    func evaluatePlain(_ node: ExpressionNode) throws(ARMError) -> ARMValue {
        let v = try evaluator.evaluate(node)
        guard v.containsSecret else { return v }
        taint.tainted = true
        return v.deepRevealed
    }

    /// Runs a function whose arguments held a secret: the result is secret, and a failure is reported
    /// without its message (which may quote the value).
    func secretResult(_ body: () throws(ARMError) -> ARMValue) throws(ARMError) -> ARMValue {
        do throws(ARMError) {
            return try body().markedSecret
        } catch {
            if error.isReported { throw error }
            throw ARMError(error.id,
                "the template function '\(name)' failed on an argument that holds a secure value (the message is withheld so that the value is not printed)",
                at: position)
        }
    }

    func fail(_ message: String, id: String = ARMDiagnosticID.functionFailed) -> ARMError {
        ARMError(id, "the template function '\(name)' failed: \(message)", at: position)
    }

    func typeError(_ index: Int, _ expected: String, _ found: ARMValue) -> ARMError {
        ARMError(ARMDiagnosticID.functionArgumentType,
            "the template function '\(name)' expects argument \(index + 1) to be \(expected), found a value of type '\(found.typeName)'", at: position)
    }

    func string(_ args: [ARMValue], _ i: Int) throws(ARMError) -> String {
        guard case .string(let s) = args[i] else { throw typeError(i, "a string", args[i]) }
        return s
    }
    func int(_ args: [ARMValue], _ i: Int) throws(ARMError) -> Int64 {
        switch args[i] {
        case .int(let v): return v
        case .double(let d) where d.rounded() == d && abs(d) < 9e18: return Int64(d)
        default: throw typeError(i, "an integer", args[i])
        }
    }
    func array(_ args: [ARMValue], _ i: Int) throws(ARMError) -> [ARMValue] {
        guard case .array(let a) = args[i] else { throw typeError(i, "an array", args[i]) }
        return a
    }
    func object(_ args: [ARMValue], _ i: Int) throws(ARMError) -> ARMObject {
        guard case .object(let o) = args[i] else { throw typeError(i, "an object", args[i]) }
        return o
    }
    func bool(_ args: [ARMValue], _ i: Int) throws(ARMError) -> Bool {
        guard case .bool(let b) = args[i] else { throw typeError(i, "a boolean", args[i]) }
        return b
    }
    func lambda(_ args: [ARMValue], _ i: Int, arity: Int) throws(ARMError) -> ARMLambda {
        guard case .lambda(let l) = args[i] else { throw typeError(i, "a lambda expression", args[i]) }
        let range = arity == -2 ? 1...2 : arity == -3 ? 2...3 : arity...arity
        guard range.contains(l.parameters.count) else {
            throw fail("the lambda expression must have \(range.count == 1 ? String(arity) : "\(range.lowerBound) or \(range.upperBound)") parameter(s), found \(l.parameters.count)")
        }
        return l
    }
    func call(_ l: ARMLambda, _ args: [ARMValue]) throws(ARMError) -> ARMValue {
        try evaluator.invoke(l, Array(args.prefix(l.parameters.count)), at: position)
    }
}
