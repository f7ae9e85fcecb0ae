/// Options for `JSONParser.parse`.
public struct JSONParseOptions: Sendable {
    /// Accept `// line` and `/* block */` comments wherever whitespace is allowed (JSONC, as Azure tooling emits).
    public var allowComments = true
    /// Accept one trailing comma before `]` or `}`.
    public var allowTrailingCommas = false
    /// Maximum number of nested arrays/objects. Exceeding it is an error (the parser is iterative,
    /// so any value is safe; the limit only bounds work on hostile input).
    public var maxDepth = 512

    public init() {}

    /// Strict RFC 8259: no comments, no trailing commas.
    public static var strict: JSONParseOptions {
        var o = JSONParseOptions()
        o.allowComments = false
        o.allowTrailingCommas = false
        return o
    }
}
