import NetTwinCore

/// The syntax tree of one ARM template expression (the text between `[` and `]`).
public indirect enum ExpressionNode: Sendable, Equatable {
    case string(String, at: Int)
    case int(Int64, at: Int)
    case double(Double, at: Int)
    case bool(Bool, at: Int)
    case null(at: Int)
    /// `name(args)`; `namespace` is set for user-defined functions (`ns.name(args)`).
    case call(namespace: String?, name: String, arguments: [ExpressionNode], at: Int)
    /// `target.name`
    case member(ExpressionNode, name: String, at: Int)
    /// `target[index]`
    case index(ExpressionNode, ExpressionNode, at: Int)

    /// Offset of the node in the expression text (0-based, in Unicode scalars of the JSON string value).
    public var position: Int {
        switch self {
        case .string(_, let p), .int(_, let p), .double(_, let p), .bool(_, let p), .null(let p): p
        case .call(_, _, _, let p), .member(_, _, let p), .index(_, _, let p): p
        }
    }
}

/// An error found while parsing or evaluating an expression.
public struct ARMError: Error, Sendable, Equatable {
    public var id: String
    public var message: String
    /// Offset in the expression text when known.
    public var position: Int?
    /// Where in the template the failing expression is, once known.
    public var location: SourceLocation?

    /// Marks an error already reported as a diagnostic (at the variable or parameter that failed),
    /// so callers that see it again only stop.
    public static let reportedID = "arm.reported"
    public var isReported: Bool { id == Self.reportedID }

    public init(_ id: String, _ message: String, at position: Int? = nil) {
        self.id = id
        self.message = message
        self.position = position
    }
}
