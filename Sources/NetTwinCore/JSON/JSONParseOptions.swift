/// Options for `JSONParser.parse`.
public struct JSONParseOptions: Sendable {
    /// Accept `// line` and `/* block */` comments wherever whitespace is allowed (JSONC, as Azure tooling emits).
    public var allowComments = true
    /// Accept raw line breaks and tabs inside strings. ARM templates allow them (template-syntax.md,
    /// "Multi-line strings"; e.g. `scriptContent` of deployment scripts); plain JSON does not.
    public var allowMultilineStrings = false
    /// Accept one trailing comma before `]` or `}`.
    public var allowTrailingCommas = false
    /// Maximum number of nested arrays/objects; exceeding it is a parse error. The parser itself is
    /// iterative and never overflows the stack, but Swift destroys, compares and hashes nested
    /// values recursively (as does `JSONWriter`), so keep this in the hundreds or low thousands.
    public var maxDepth = 512
    /// Inputs at least this large whose root is an array, or an object whose `value` is one (an ARM list response),
    /// are parsed on two threads: the second half of that array by a helper, verified and spliced in (issue 13).
    public var parallelThreshold = 8 << 20

    public init() {}

    /// Strict RFC 8259: no comments, no trailing commas.
    public static var strict: JSONParseOptions {
        var o = JSONParseOptions()
        o.allowComments = false
        o.allowTrailingCommas = false
        o.allowMultilineStrings = false
        return o
    }
}
