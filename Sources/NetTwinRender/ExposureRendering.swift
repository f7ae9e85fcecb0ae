import NetTwinCore

/// Text and JSON for `exposure`.
public enum ExposureRendering {
    public static func json(_ result: ExposureEngine.Result, destination: String) -> JSONValue {
        .object([
            member("destination", .string(destination)),
            member("destinationAddress", result.destinationAddress.map { .string($0.description) } ?? .null),
            member("port", .integer(Int64(result.port))),
            member("locations", .array(result.entries.map { entry in
                JSONNode(.object([
                    member("kind", .string(entry.kind.rawValue)),
                    member("location", entry.location.map { .string($0.text) } ?? .null),
                    member("name", .string(entry.name)),
                    member("sourcePrefixes", .array(entry.allowed.prefixes.map { JSONNode(.string($0.description)) })),
                    member("hops", .array(entry.path.hops.map { JSONNode(.string("\($0.kind): \($0.detail)")) })),
                ]))
            })),
            member("assumptions", .array(result.assumptions.map { JSONNode(.string($0)) })),
        ])
    }

    public static func text(_ result: ExposureEngine.Result, destination: String) -> String {
        var lines = ["Exposure of \(destination)\(result.destinationAddress.map { " (\($0))" } ?? "") on TCP/\(result.port): \(result.entries.count) location\(result.entries.count == 1 ? "" : "s") can reach it"]
        var table = TextTable(headers: ["LOCATION", "KIND", "SOURCE PREFIXES"])
        for entry in result.entries {
            let prefixes = entry.allowed.prefixes.map(\.description)
            let shown = prefixes.count > 6 ? prefixes.prefix(5).joined(separator: ", ") + ", … (\(prefixes.count) prefixes)" : prefixes.joined(separator: ", ")
            table.append([entry.name, entry.kind.rawValue, shown])
        }
        if !result.entries.isEmpty { lines.append(table.render()) }
        for assumption in result.assumptions { lines.append("assumption: \(assumption)") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func portText(_ range: ClosedRange<UInt16>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
    }

    /// `--ports`: one row per port range and location.
    public static func json(_ results: [ExposureEngine.PortRangeResult], ports: PortSet, protocol flowProtocol: String, destination: String, destinationAddress: IPAddress?, assumptions: [String]) -> JSONValue {
        .object([
            member("destination", .string(destination)),
            member("destinationAddress", destinationAddress.map { .string($0.description) } ?? .null),
            member("ports", .string(ports.description)),
            member("protocol", .string(flowProtocol)),
            member("exposures", .array(results.map { range in
                JSONNode(.object([
                    member("ports", .string(portText(range.ports))),
                    member("locations", .array(range.result.entries.map { entry in
                        JSONNode(.object([
                            member("kind", .string(entry.kind.rawValue)),
                            member("location", entry.location.map { .string($0.text) } ?? .null),
                            member("name", .string(entry.name)),
                            member("sourcePrefixes", .array(entry.allowed.prefixes.map { JSONNode(.string($0.description)) })),
                        ]))
                    })),
                ]))
            })),
            member("assumptions", .array(assumptions.map { JSONNode(.string($0)) })),
        ])
    }

    public static func text(_ results: [ExposureEngine.PortRangeResult], ports: PortSet, protocol flowProtocol: String, destination: String, destinationAddress: IPAddress?, assumptions: [String]) -> String {
        var lines = ["Exposure of \(destination)\(destinationAddress.map { " (\($0))" } ?? "") on \(flowProtocol) \(ports.description): reachable on \(results.count) port range\(results.count == 1 ? "" : "s")"]
        var table = TextTable(headers: ["PORTS", "LOCATION", "KIND", "SOURCE PREFIXES"])
        for range in results {
            for entry in range.result.entries {
                let prefixes = entry.allowed.prefixes.map(\.description)
                let shown = prefixes.count > 6 ? prefixes.prefix(5).joined(separator: ", ") + ", … (\(prefixes.count) prefixes)" : prefixes.joined(separator: ", ")
                table.append([portText(range.ports), entry.name, entry.kind.rawValue, shown])
            }
        }
        if !results.isEmpty { lines.append(table.render()) }
        for assumption in assumptions { lines.append("assumption: \(assumption)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
