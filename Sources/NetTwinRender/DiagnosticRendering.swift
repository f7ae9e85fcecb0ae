import NetTwinCore

/// JSON and text forms of diagnostics, shared by every command.
public enum DiagnosticRendering {
    public static func json(_ diagnostic: Diagnostic) -> JSONValue {
        var members: [JSONMember] = [
            member("severity", .string(diagnostic.severity.rawValue)),
            member("id", .string(diagnostic.id)),
            member("message", .string(diagnostic.message)),
        ]
        if let location = diagnostic.location {
            members.append(member("file", .string(location.file)))
            if let line = location.line { members.append(member("line", .integer(Int64(line)))) }
            if let column = location.column { members.append(member("column", .integer(Int64(column)))) }
            members.append(member("pointer", .string(location.pointer.description)))
        }
        if let resource = diagnostic.resource { members.append(member("resource", .string(resource.text))) }
        if let code = diagnostic.azureErrorCode { members.append(member("azureErrorCode", .string(code))) }
        if !diagnostic.notes.isEmpty { members.append(member("notes", .array(diagnostic.notes.map { JSONNode(.string($0)) }))) }
        return .object(members)
    }

    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        func count(_ severity: Diagnostic.Severity, _ word: String) -> String {
            let value = diagnostics.count { $0.severity == severity }
            return "\(value) \(word)\(value == 1 ? "" : "s")"
        }
        return "\(count(.error, "error")), \(count(.warning, "warning")), \(count(.note, "note"))"
    }
}

/// Builds an object member.
public func member(_ key: String, _ value: JSONValue) -> JSONMember {
    JSONMember(key: key, keyOffset: -1, value: JSONNode(value))
}
