/// Parses ARM template expressions and recognises expression strings (`"[...]"`).
public enum ExpressionParser {
    /// What a JSON string of a template is.
    public enum StringKind: Sendable, Equatable {
        /// A plain string (including `[[...` with the first `[` removed).
        case literal(String)
        /// An expression: the text between the brackets, and its offset in the string.
        case expression(String, offset: Int)
    }

    /// Azure's rule: a string that starts with `[` and ends with `]` is an expression, unless it
    /// starts with `[[`, which escapes a literal string starting with `[`.
    public static func classify(_ s: String) -> StringKind {
        guard s.hasPrefix("["), s.hasSuffix("]"), s.unicodeScalars.count >= 2 else { return .literal(s) }
        if s.hasPrefix("[[") { return .literal(String(s.dropFirst())) }
        let inner = String(s.unicodeScalars.dropFirst().dropLast())
        return .expression(inner, offset: 1)
    }

    /// Parses the text between the brackets.
    public static func parse(_ text: String, offset: Int = 0) throws(ARMError) -> ExpressionNode {
        var parser = Parser(tokens: try ExpressionLexer(text, base: offset).tokens())
        if case .end = parser.peek.kind {
            throw ARMError(ARMDiagnosticID.expressionSyntax, "the expression is empty", at: offset)
        }
        let node = try parser.expression(depth: 0)
        guard case .end = parser.peek.kind else {
            throw ARMError(ARMDiagnosticID.expressionSyntax, "unexpected \(parser.describe(parser.peek)) after the end of the expression", at: parser.peek.position)
        }
        return node
    }

    struct Parser {
        var tokens: [ExpressionToken]
        var i = 0
        static let maxDepth = 200

        var peek: ExpressionToken { tokens[i] }
        mutating func next() -> ExpressionToken { let t = tokens[i]; if i < tokens.count - 1 { i += 1 }; return t }

        func describe(_ t: ExpressionToken) -> String {
            switch t.kind {
            case .identifier(let s): "'\(s)'"
            case .string(let s): "string '\(s)'"
            case .int(let v): "number \(v)"
            case .double(let v): "number \(v)"
            case .openParen: "'('"
            case .closeParen: "')'"
            case .openBracket: "'['"
            case .closeBracket: "']'"
            case .comma: "','"
            case .dot: "'.'"
            case .end: "end of expression"
            }
        }

        mutating func expect(_ kind: ExpressionToken.Kind, _ what: String) throws(ARMError) {
            let t = next()
            guard t.kind == kind else {
                throw ARMError(ARMDiagnosticID.expressionSyntax, "expected \(what), found \(describe(t))", at: t.position)
            }
        }

        mutating func expression(depth: Int) throws(ARMError) -> ExpressionNode {
            guard depth < Self.maxDepth else {
                throw ARMError(ARMDiagnosticID.expressionSyntax, "the expression is nested too deeply", at: peek.position)
            }
            var node = try primary(depth: depth)
            while true {
                switch peek.kind {
                case .dot:
                    let dot = next()
                    let t = next()
                    guard case .identifier(let name) = t.kind else {
                        throw ARMError(ARMDiagnosticID.expressionSyntax, "expected a property name after '.', found \(describe(t))", at: t.position)
                    }
                    node = .member(node, name: name, at: dot.position)
                case .openBracket:
                    let open = next()
                    let index = try expression(depth: depth + 1)
                    try expect(.closeBracket, "']'")
                    node = .index(node, index, at: open.position)
                default:
                    return node
                }
            }
        }

        mutating func primary(depth: Int) throws(ARMError) -> ExpressionNode {
            let t = next()
            switch t.kind {
            case .string(let s): return .string(s, at: t.position)
            case .int(let v): return .int(v, at: t.position)
            case .double(let v): return .double(v, at: t.position)
            case .identifier(let first):
                var namespace: String?
                var name = first
                if case .dot = peek.kind, case .identifier(let second) = tokens[min(i + 1, tokens.count - 1)].kind,
                    tokens[min(i + 2, tokens.count - 1)].kind == .openParen
                {
                    _ = next(); _ = next()
                    namespace = first
                    name = second
                }
                guard case .openParen = peek.kind else {
                    switch first.lowercased() {
                    case "true": return .bool(true, at: t.position)
                    case "false": return .bool(false, at: t.position)
                    case "null": return .null(at: t.position)
                    default:
                        throw ARMError(ARMDiagnosticID.expressionSyntax, "expected '(' after function name '\(first)'", at: peek.position)
                    }
                }
                _ = next()
                var args: [ExpressionNode] = []
                if case .closeParen = peek.kind {
                    _ = next()
                } else {
                    while true {
                        args.append(try expression(depth: depth + 1))
                        let sep = next()
                        if case .closeParen = sep.kind { break }
                        guard case .comma = sep.kind else {
                            throw ARMError(ARMDiagnosticID.expressionSyntax, "expected ',' or ')' in the arguments of '\(name)', found \(describe(sep))", at: sep.position)
                        }
                    }
                }
                return .call(namespace: namespace, name: name, arguments: args, at: t.position)
            default:
                throw ARMError(ARMDiagnosticID.expressionSyntax, "expected a function call or a literal, found \(describe(t))", at: t.position)
            }
        }
    }
}
