import NetTwinCore

/// `nettwin tags`: the prefixes of a tag, part by part.
public enum TagRendering {
    public static func text(_ expansion: TagExpansion, place: String?) -> String {
        let v4 = expansion.addresses.prefixes.filter(\.isIPv4).count
        let v6 = expansion.addresses.prefixes.count - v4
        var lines = ["\(expansion.name)\(place.map { " as seen from \($0)" } ?? ""): \(v4) IPv4 and \(v6) IPv6 prefixes after merging"]
        for part in expansion.parts {
            let shown = part.prefixes.prefix(8).map(\.description).joined(separator: ", ")
            lines.append("  \(part.origin): \(shown)\(part.prefixes.count > 8 ? ", … (\(part.prefixes.count) prefixes)" : "")")
        }
        for note in expansion.notes { lines.append("note: \(note)") }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ expansion: TagExpansion, place: String?) -> JSONValue {
        .object([
            member("name", .string(expansion.name)),
            member("place", place.map { .string($0) } ?? .null),
            member("addressPrefixes", .array(expansion.addresses.prefixes.map { JSONNode(.string($0.description)) })),
            member("parts", .array(expansion.parts.map { part in
                JSONNode(.object([
                    member("origin", .string(part.origin)),
                    member("addressPrefixes", .array(part.prefixes.map { JSONNode(.string($0.description)) })),
                ]))
            })),
            member("notes", .array(expansion.notes.map { JSONNode(.string($0)) })),
        ])
    }
}
