import NetTwinCore

/// Azure reads templates with Json.NET, whose objects refuse a second property of the same name ("Can not add property
/// … Property with the same name already exists"), so a template or parameters file with a repeated key is rejected;
/// NetTwin would otherwise silently use the first value. A repeat with a different value is an error, an identical
/// repeat a warning.
enum DuplicateKeys {
    static func check(_ file: SourceFile, report: (Diagnostic.Severity, String, SourceLocation) -> Void) {
        var stack: [(JSONNode, JSONPointer)] = [(file.json.root, JSONPointer())]
        while let (node, pointer) = stack.popLast() {
            switch node.value {
            case .object(let members):
                if members.count > 1 {
                    var seen: [String: JSONNode] = [:]
                    for member in members {
                        if let first = seen[member.key] {
                            let same = "\(first.value)" == "\(member.value.value)"
                            report(same ? .warning : .error,
                                   "the key '\(member.key)' appears twice in this object\(same ? " with the same value" : " with different values"); Azure's JSON reader rejects a repeated property",
                                   file.location(of: member.value, pointer: pointer.appending(member.key)))
                        } else {
                            seen[member.key] = member.value
                        }
                    }
                }
                for member in members { stack.append((member.value, pointer.appending(member.key))) }
            case .array(let items):
                for (index, item) in items.enumerated() { stack.append((item, pointer.appending(index))) }
            default:
                break
            }
        }
    }
}
