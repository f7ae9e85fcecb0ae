import NetTwinCore

/// JSON and text forms of a DNS resolution (`nettwin resolve`).
public enum DNSRendering {
    /// `{"name", "from", "virtualNetwork", "status", "answers": [{"type", "address"}], "chain": [{"name", "type",
    /// "value", "source", "resourceId"}], "warnings": [...]}`. An unknown address is `null` with a `reason`.
    public static func json(_ resolution: DNSResolution) -> JSONValue {
        let answers = resolution.answers.map { answer -> JSONNode in
            var members = [
                member("type", .string(answer.type.rawValue)),
                member("address", answer.address.map { .string($0.description) } ?? .null),
            ]
            if let reason = answer.unknownReason { members.append(member("reason", .string(reason))) }
            if !answer.within.isEmpty { members.append(member("within", .array(answer.within.map { JSONNode(.string($0.description)) }))) }
            if let id = answer.resourceID { members.append(member("resourceId", .string(id.text))) }
            return JSONNode(.object(members))
        }
        let chain = resolution.chain.map { link -> JSONNode in
            var members = [
                member("name", .string(link.name)),
                member("type", .string(link.type.rawValue)),
                member("value", .string(link.value)),
                member("source", .string(link.source.rawValue)),
                member("resourceId", link.resourceID.map { .string($0.text) } ?? .null),
            ]
            if let note = link.note { members.append(member("note", .string(note))) }
            return JSONNode(.object(members))
        }
        return .object([
            member("name", .string(resolution.name)),
            member("from", .string(resolution.from.text)),
            member("virtualNetwork", resolution.virtualNetwork.map { .string($0.text) } ?? .null),
            member("dnsServers", .array(resolution.dnsServers.map { JSONNode(.string($0.description)) })),
            member("status", .string(resolution.status.rawValue)),
            member("answers", .array(answers)),
            member("chain", .array(chain)),
            member("warnings", .array(resolution.warnings.map { JSONNode(.string($0)) })),
        ])
    }

    /// A readable chain: one line per record, then the status and the answers.
    public static func text(_ resolution: DNSResolution, fromName: String) -> String {
        let servers: String
        switch resolution.from {
        case .internet: servers = "public dns"
        case .onPremises(let forwarder?): servers = "forwarded to \(forwarder), answered by azure-provided dns in its virtual network"
        case .onPremises(nil): servers = "public dns: no forwarder or private resolver inbound endpoint in the configuration"
        default:
            servers = resolution.dnsServers.isEmpty
                ? "azure-provided dns 168.63.129.16"
                : "dns servers " + resolution.dnsServers.map(\.description).joined(separator: ", ")
        }
        let origin = fromName.isEmpty ? resolution.from.kind : "\(resolution.from.kind) \(fromName)"
        var lines = ["Resolving \(resolution.name) from \(origin) (\(servers))"]
        if !resolution.chain.isEmpty {
            var table = TextTable(headers: ["NAME", "TYPE", "VALUE", "SOURCE", "RECORD OR RESOURCE"])
            for link in resolution.chain {
                table.append([
                    link.name, link.type.rawValue, link.value + (link.note.map { " (\($0))" } ?? ""), link.source.rawValue,
                    link.resourceID.map(shortName) ?? "-",
                ])
            }
            lines.append(table.render())
        }
        lines.append("Status: \(resolution.status.rawValue)")
        for answer in resolution.answers {
            if let address = answer.address {
                lines.append("Answer: \(answer.type.rawValue) \(address)")
            } else {
                lines.append("Answer: \(answer.type.rawValue) unknown: \(answer.unknownReason ?? "the address is not in the configuration")")
            }
        }
        for warning in resolution.warnings { lines.append("note: \(warning)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `privatelink.managedhsm.azure.net/A/hsm-nettwin (rg-net-weu)`: the names under the provider, and the group.
    static func shortName(_ id: ResourceID) -> String {
        let segments = id.text.split(separator: "/")
        guard let providers = segments.lastIndex(where: { $0.lowercased() == "providers" }), providers + 3 < segments.count else { return id.text }
        // Names, plus the child types that read as record types (`A`, `CNAME`): `zone/A/record`.
        let path = segments[(providers + 3)...].enumerated()
            .filter { $0.offset % 2 == 0 || $0.element == $0.element.uppercased() }.map(\.element)
        return path.joined(separator: "/") + (id.resourceGroup.map { " (\($0))" } ?? "")
    }
}
