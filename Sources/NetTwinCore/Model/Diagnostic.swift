/// Where something is in the input: the file, the line and column (1-based) and the JSON pointer.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var pointer: JSONPointer

    public init(file: String, line: Int? = nil, column: Int? = nil, pointer: JSONPointer = JSONPointer()) {
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
    }

    /// `file.json:12:5 (/value/3/properties/subnets/0)`
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += " (\(pointer.description.isEmpty ? "/" : pointer.description))"
        return text
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        if (lhs.column ?? 0) != (rhs.column ?? 0) { return (lhs.column ?? 0) < (rhs.column ?? 0) }
        return lhs.pointer < rhs.pointer
    }
}

/// One problem found in the input, with a stable message id.
///
/// Ids are dotted and stable (`input.json.syntax`, `model.subnet.outsideAddressSpace`); messages are
/// lowercase and quote names (`subnet 'a' …`). All ids are listed in `DiagnosticID`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable {
        case error, warning, note
        private var rank: Int {
            switch self {
            case .error: 2
            case .warning: 1
            case .note: 0
            }
        }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    public var id: String
    public var message: String
    public var location: SourceLocation?
    /// The resource the problem is about, when there is one.
    public var resource: ResourceID?
    /// Azure's own error code for the same condition, when Azure's deployment validation rejects it.
    public var azureErrorCode: String?
    public var notes: [String]

    public init(
        _ severity: Severity, id: String, _ message: String, at location: SourceLocation? = nil,
        resource: ResourceID? = nil, azureErrorCode: String? = nil, notes: [String] = []
    ) {
        self.severity = severity
        self.id = id
        self.message = message
        self.location = location
        self.resource = resource
        self.azureErrorCode = azureErrorCode
        self.notes = notes
    }

    /// `file.json:3:7 (/0/properties): error: message [id]`
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message) [\(id)]"
        if let azureErrorCode { text += " (Azure: \(azureErrorCode))" }
        for note in notes { text += "\n  note: \(note)" }
        return text
    }
}

/// Collects diagnostics while a stage runs.
public struct DiagnosticBag: Sendable {
    public private(set) var items: [Diagnostic] = []
    public init() {}
    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }
    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public func count(_ severity: Diagnostic.Severity) -> Int { items.count { $0.severity == severity } }
}
