import NetTwinCore

/// Text (a traceroute with a verdict line) and JSON for `reach`.
public enum ReachRendering {
    public static func json(_ result: ReachResult, source: String, destination: String, dns: DNSResolution?) -> JSONValue {
        var members = [
            member("verdict", .string(result.verdict.rawValue)),
            member("source", .string(source)),
            member("destination", .string(destination)),
            member("sourceAddress", result.sourceAddress.map { .string($0.description) } ?? .null),
            member("destinationAddress", result.destinationAddress.map { .string($0.description) } ?? .null),
            member("port", .integer(Int64(result.port))),
            member("protocol", .string(result.protocol == .udp ? "UDP" : "TCP")),
        ]
        if let dns { members.append(member("dns", DNSRendering.json(dns))) }
        members += [
            member("hops", .array(result.hops.map { hop in
                JSONNode(.object([
                    member("kind", .string(hop.kind)), member("resourceId", hop.resourceId.map { .string($0.text) } ?? .null),
                    member("detail", .string(hop.detail)),
                ]))
            })),
            member("blockers", .array(result.blockers.map { blocker in
                JSONNode(.object([
                    member("code", .string(blocker.code.rawValue)), member("family", .string(blocker.code.family)),
                    member("resourceId", blocker.resourceId.map { .string($0.text) } ?? .null),
                    member("message", .string(blocker.message)), member("fix", .string(blocker.fix)),
                ]))
            })),
            member("assumptions", .array(result.assumptions.map { JSONNode(.string($0)) })),
            member("returnPath", result.returnPath.map { .string($0) } ?? .null),
            // The source address the destination sees after a firewall's SNAT (null: not translated).
            member("translatedSourceAddress", result.translatedSourceAddress.map { .string($0.description) } ?? .null),
            // What the destination service sees as the source (service endpoint, NAT gateway, public IP, firewall SNAT).
            member("sourceSeenByDestination", result.sourceSeenByDestination.map { .string($0) } ?? .null),
            // SQL connection type in effect and the ports it needs.
            member("connectionType", result.connection.map { .string($0) } ?? .null),
        ]
        return .object(members)
    }

    public static func text(_ result: ReachResult, source: String, destination: String, dns: DNSResolution?) -> String {
        var lines = ["\(result.verdict.rawValue): \(source) → \(destination) \(result.protocol == .udp ? "UDP" : "TCP")/\(result.port)"]
        if let dns {
            lines.append("  dns: \(dns.name) → \(dns.answers.map { $0.address?.description ?? "(address unknown)" }.joined(separator: ", ")) [\(dns.status.rawValue)]")
        }
        for (index, hop) in result.hops.enumerated() {
            let number = String(index + 1)
            lines.append(String(repeating: " ", count: max(0, 3 - number.count)) + number + "  " + hop.kind.padding(toLength: 16) + hop.detail)
        }
        if let back = result.returnPath { lines.append("     return path: \(back)") }
        if let seen = result.sourceSeenByDestination { lines.append("     the destination sees the source as \(seen)") }
        if let connection = result.connection { lines.append("     connection type: \(connection)") }
        for blocker in result.blockers {
            lines.append("  BLOCKED \(blocker.code.rawValue) (\(blocker.code.family)): \(blocker.message)")
            lines.append("    fix: \(blocker.fix)")
        }
        for assumption in result.assumptions { lines.append("  assumption: \(assumption)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
