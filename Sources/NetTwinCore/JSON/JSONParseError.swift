/// A syntax error with its position. `line` and `column` are 1-based; `column` counts
/// Unicode scalars from the start of the line (a leading UTF-8 BOM is not counted).
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Lowercase; says what was expected and what was found.
    public var message: String
    /// Byte offset of the offending byte (the input length for "end of input" errors).
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// "line:column: message"
    public var description: String { "\(line):\(column): \(message)" }
}
