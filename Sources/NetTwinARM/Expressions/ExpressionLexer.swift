/// Splits an ARM expression into tokens.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case string(String)
        case int(Int64)
        case double(Double)
        case openParen, closeParen, openBracket, closeBracket, comma, dot
        case end
    }
    var kind: Kind
    var position: Int
}

struct ExpressionLexer {
    let scalars: [Unicode.Scalar]
    /// Offset of the expression text inside the JSON string (1 for `[...]`), for messages.
    let base: Int

    init(_ text: String, base: Int = 0) {
        self.scalars = Array(text.unicodeScalars)
        self.base = base
    }

    func tokens() throws(ARMError) -> [ExpressionToken] {
        var result: [ExpressionToken] = []
        var i = 0
        let n = scalars.count
        while i < n {
            let c = scalars[i]
            let pos = base + i
            // Any Unicode white space separates tokens (a no-break space between arguments is common in published
            // templates, and Azure accepts it).
            if c.properties.isWhitespace {
                i += 1
                continue
            }
            switch c {
            case "(": result.append(.init(kind: .openParen, position: pos)); i += 1
            case ")": result.append(.init(kind: .closeParen, position: pos)); i += 1
            case "[": result.append(.init(kind: .openBracket, position: pos)); i += 1
            case "]": result.append(.init(kind: .closeBracket, position: pos)); i += 1
            case ",": result.append(.init(kind: .comma, position: pos)); i += 1
            case ".": result.append(.init(kind: .dot, position: pos)); i += 1
            case "'":
                var text = String.UnicodeScalarView()
                var j = i + 1
                var closed = false
                while j < n {
                    if scalars[j] == "'" {
                        if j + 1 < n && scalars[j + 1] == "'" { text.append("'"); j += 2; continue }
                        closed = true
                        break
                    }
                    text.append(scalars[j]); j += 1
                }
                guard closed else {
                    throw ARMError(ARMDiagnosticID.expressionSyntax, "unterminated string literal", at: pos)
                }
                result.append(.init(kind: .string(String(text)), position: pos))
                i = j + 1
            default:
                if c.isASCIIDigit || (c == "-" && i + 1 < n && scalars[i + 1].isASCIIDigit)
                    || (c == "+" && i + 1 < n && scalars[i + 1].isASCIIDigit)
                {
                    var j = i + 1
                    while j < n && scalars[j].isASCIIDigit { j += 1 }
                    var isDouble = false
                    if j + 1 < n && scalars[j] == "." && scalars[j + 1].isASCIIDigit {
                        isDouble = true
                        j += 1
                        while j < n && scalars[j].isASCIIDigit { j += 1 }
                    }
                    let text = String(String.UnicodeScalarView(scalars[i..<j]))
                    if isDouble, let d = Double(text) {
                        result.append(.init(kind: .double(d), position: pos))
                    } else if let v = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) {
                        result.append(.init(kind: .int(v), position: pos))
                    } else {
                        throw ARMError(ARMDiagnosticID.expressionSyntax, "integer literal '\(text)' is out of range", at: pos)
                    }
                    i = j
                } else if c.isIdentifierStart {
                    var j = i + 1
                    while j < n && (scalars[j].isIdentifierStart || scalars[j].isASCIIDigit) { j += 1 }
                    let text = String(String.UnicodeScalarView(scalars[i..<j]))
                    result.append(.init(kind: .identifier(text), position: pos))
                    i = j
                } else {
                    throw ARMError(ARMDiagnosticID.expressionSyntax, "unexpected character '\(c)'", at: pos)
                }
            }
        }
        result.append(.init(kind: .end, position: base + n))
        return result
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
    var isIdentifierStart: Bool {
        (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) || value == 0x5F || value == 0x24
    }
}
