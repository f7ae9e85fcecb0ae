import NetTwinCore

/// JSON (the contract, Docs/MATRIX.md), CSV (one line per selected pair) and text (a summary) for `matrix`.
public enum MatrixRendering {
    static func portText(_ ports: ClosedRange<UInt16>) -> String {
        ports.lowerBound == ports.upperBound ? "\(ports.lowerBound)" : "\(ports.lowerBound)-\(ports.upperBound)"
    }

    static func protocolName(_ p: ProtocolSet) -> String { p == .udp ? "UDP" : "TCP" }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map { JSONNode(.string($0)) }) }

    static func prefixes(_ set: IPAddressSet) -> JSONValue { strings(set.prefixes.map(\.description)) }

    static func blocker(_ blocker: Matrix.Cell.Blocker?) -> JSONValue {
        guard let blocker else { return .null }
        return .object([
            member("code", .string(blocker.code.rawValue)),
            member("family", .string(blocker.code.family)),
            member("resourceId", blocker.resourceId.map { .string($0.text) } ?? .null),
        ])
    }

    /// The cell as JSON: verdict, the sources that get through (`"all"` of the class's locations, or exact prefixes),
    /// the deciding blocker, the note of an Unknown verdict.
    static func cell(_ cell: Matrix.Cell) -> [JSONMember] {
        var members = [member("verdict", .string(cell.verdict.rawValue))]
        if cell.verdict != .unreachable || cell.allowed.map({ !$0.isEmpty }) == true {
            members.append(member("sourcePrefixes", cell.allowed.map(prefixes) ?? .string("all")))
        }
        if cell.blocker != nil { members.append(member("blocker", blocker(cell.blocker))) }
        if let note = cell.note { members.append(member("note", .string(note))) }
        return members
    }

    public static func json(_ matrix: Matrix) -> JSONValue {
        let classes = matrix.classes
        func locationID(_ i: Int) -> String { "L\(i + 1)" }
        func destinationID(_ i: Int) -> String { "D\(i + 1)" }
        var destinationClassOf: [Int: Int] = [:]
        for (c, members) in classes.destinationClasses.enumerated() { for d in members { destinationClassOf[d] = c } }
        var portGroupOf: [Int: Int] = [:]
        for (g, members) in classes.portClasses.enumerated() { for p in members { portGroupOf[p] = g } }
        var summary: [JSONNode] = []
        for (g, members) in classes.portClasses.enumerated() {
            let counts = matrix.reachablePairs(portClass: members[0])
            summary.append(JSONNode(.object([
                member("portClass", .string("P\(g + 1)")),
                member("reachablePairs", .integer(Int64(counts.reachable))),
                member("pairs", .integer(Int64(counts.total))),
            ])))
        }
        return .object([
            member("protocol", .string(protocolName(matrix.protocol))),
            member("portClasses", .array(classes.portClasses.enumerated().map { g, members in
                JSONNode(.object([
                    member("id", .string("P\(g + 1)")),
                    member("ports", strings(members.map { portText(matrix.portClasses[$0].ports) })),
                ]))
            })),
            member("sourceLocations", .array(matrix.locations.enumerated().map { i, location in
                JSONNode(.object([
                    member("id", .string(locationID(i))),
                    member("kind", .string(location.kind.rawValue)),
                    member("name", .string(location.name)),
                    member("resourceId", location.id.map { .string($0.text) } ?? .null),
                    member("prefixes", location.kind == .internet ? .string("Internet") : prefixes(location.prefixes)),
                    member("assumed", .bool(location.assumed)),
                ]))
            })),
            member("sourceClasses", .array(classes.sourceClasses.enumerated().map { s, members in
                JSONNode(.object([
                    member("id", .string("S\(s + 1)")),
                    member("locations", strings(members.map(locationID))),
                ]))
            })),
            member("destinations", .array(matrix.destinations.enumerated().map { i, destination in
                JSONNode(.object([
                    member("id", .string(destinationID(i))),
                    member("kind", .string(destination.kind.rawValue)),
                    member("name", .string(destination.name)),
                    member("resourceId", .string(destination.resourceId.text)),
                    member("address", destination.address.map { .string($0.description) } ?? .null),
                    member("class", .string("C\((destinationClassOf[i] ?? 0) + 1)")),
                ]))
            })),
            member("destinationClasses", .array(classes.destinationClasses.enumerated().map { c, members in
                JSONNode(.object([
                    member("id", .string("C\(c + 1)")),
                    member("members", strings(members.map(destinationID))),
                ]))
            })),
            member("relation", .array(classes.relation.map { entry in
                JSONNode(.object([
                    member("destinationClass", .string("C\(entry.destinationClass + 1)")),
                    member("portClass", .string("P\(entry.portClass + 1)")),
                    member("sources", .array(entry.entries.map { source in
                        JSONNode(.object([member("sourceClass", .string("S\(source.sourceClass + 1)"))] + cell(source.cell)))
                    })),
                ]))
            })),
            member("summary", .array(summary)),
            member("assumptions", strings(matrix.assumptions)),
            member("notes", strings(matrix.notes)),
        ])
    }

    /// One line per (location, destination, port class): the pairs, for a spreadsheet.
    public static func csv(_ matrix: Matrix) -> String {
        var lines = ["source,sourceKind,destination,destinationKind,destinationResourceId,protocol,ports,verdict,sourcePrefixes,blockerCode,blockerResourceId,note"]
        for (d, destination) in matrix.destinations.enumerated() {
            for (p, portClass) in matrix.portClasses.enumerated() {
                for group in matrix.rows[d][p].groups {
                    for l in group.locations {
                        let location = matrix.locations[l]
                        let allowed = group.cell.allowedSources(of: location)
                        let shown = location.kind == .internet && group.cell.allowed == nil ? "Internet" : allowed.prefixes.map(\.description).joined(separator: " ")
                        lines.append([
                            location.name, location.kind.rawValue, destination.name, destination.kind.rawValue, destination.resourceId.text,
                            protocolName(matrix.protocol), portText(portClass.ports), group.cell.verdict.rawValue,
                            group.cell.verdict == .unreachable ? "" : shown,
                            group.cell.blocker?.code.rawValue ?? "", group.cell.blocker?.resourceId?.text ?? "", group.cell.note ?? "",
                        ].map(csvField).joined(separator: ","))
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// The summary (reachable pairs per port class), then every selected pair when the selection is small enough to
    /// read (`pairLimit`), else the destination classes.
    public static func text(_ matrix: Matrix, pairLimit: Int = 200) -> String {
        let classes = matrix.classes
        var lines = ["Reachability matrix: \(matrix.locations.count) source location\(matrix.locations.count == 1 ? "" : "s") × \(matrix.destinations.count) destination\(matrix.destinations.count == 1 ? "" : "s"), \(protocolName(matrix.protocol)), \(classes.destinationClasses.count) destination class\(classes.destinationClasses.count == 1 ? "" : "es"), \(classes.sourceClasses.count) source class\(classes.sourceClasses.count == 1 ? "" : "es")"]
        var summary = TextTable(headers: ["PORTS", "REACHABLE PAIRS"])
        for members in classes.portClasses {
            let counts = matrix.reachablePairs(portClass: members[0])
            summary.append([members.map { portText(matrix.portClasses[$0].ports) }.joined(separator: ", "), "\(counts.reachable) of \(counts.total)"])
        }
        lines.append(summary.render())
        let pairs = matrix.locations.count * matrix.destinations.count * classes.portClasses.count
        if pairs <= pairLimit {
            var table = TextTable(headers: ["SOURCE", "DESTINATION", "PORTS", "VERDICT", "SOURCE PREFIXES / BLOCKER"])
            for (d, destination) in matrix.destinations.enumerated() {
                for members in classes.portClasses {
                    let ports = members.map { portText(matrix.portClasses[$0].ports) }.joined(separator: ", ")
                    for group in matrix.rows[d][members[0]].groups {
                        for l in group.locations {
                            let location = matrix.locations[l]
                            table.append([location.name, "\(destination.name) (\(destination.kind.rawValue))", ports, group.cell.verdict.rawValue, detail(group.cell, location: location)])
                        }
                    }
                }
            }
            lines.append("")
            lines.append(table.render())
        } else {
            lines.append("")
            lines.append("\(pairs) pairs: narrow with --from and --to to list them, or ask for --format json or csv")
        }
        for assumption in matrix.assumptions { lines.append("assumption: \(assumption)") }
        for note in matrix.notes { lines.append("note: \(note)") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func detail(_ cell: Matrix.Cell, location: ExposureEngine.Location) -> String {
        switch cell.verdict {
        case .unreachable:
            guard let blocker = cell.blocker else { return "" }
            return blocker.code.rawValue + (blocker.resourceId.map { " (\($0.name))" } ?? "")
        case .reachable, .unknown:
            var text: String
            if cell.allowed == nil {
                text = location.kind == .internet ? "all" : "all (\(location.prefixes.prefixes.map(\.description).joined(separator: ", ")))"
            } else {
                let list = cell.allowedSources(of: location).prefixes.map(\.description)
                text = list.count > 4 ? list.prefix(4).joined(separator: ", ") + ", … (\(list.count) prefixes)" : list.joined(separator: ", ")
            }
            if let note = cell.note { text += (text.isEmpty ? "" : "; ") + note }
            return text
        }
    }
}
