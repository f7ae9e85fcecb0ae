/// The private DNS zones that Azure-provided DNS consults for one VNet: the zones linked to it.
///
/// private-endpoint-dns.md: a zone that is not linked is ignored ("any DNS resolution from that
/// Virtual Network will ignore the Private DNS Zone"); the most specific linked zone that holds a
/// name is authoritative for it.
public struct PrivateZoneView: Sendable {
    public struct LinkedZone: Sendable {
        public var zone: PrivateDnsZone
        public var link: VirtualNetworkLink
        /// Record sets by lowercased relative name (`@` for the apex).
        var records: [String: [DnsRecordSet]]
    }

    /// What a zone holds for a name.
    public enum Lookup: Sendable {
        case addresses([DnsRecordSet])
        case cname(DnsRecordSet)
        /// The name exists (other record types, or names below it) but has no A, AAAA or CNAME.
        case noData
        case nxDomain
    }

    public private(set) var zones: [String: LinkedZone] = [:]
    /// Zones with the same name linked to the VNet more than once (Azure refuses the second link).
    public private(set) var conflicts: [String] = []

    public init(zones linked: [(PrivateDnsZone, VirtualNetworkLink)]) {
        for (zone, link) in linked.sorted(by: { $0.0.id < $1.0.id }) {
            if zones[zone.zoneName] != nil {
                conflicts.append(zone.zoneName)
                continue
            }
            var records: [String: [DnsRecordSet]] = [:]
            for record in zone.recordSets { records[Self.relativeName(record.name, zone: zone.zoneName), default: []].append(record) }
            zones[zone.zoneName] = LinkedZone(zone: zone, link: link, records: records)
        }
    }

    /// The most specific linked zone that contains the name.
    public func zone(containing name: String) -> LinkedZone? {
        var labels = name.split(separator: ".")
        while !labels.isEmpty {
            if let zone = zones[labels.joined(separator: ".")] { return zone }
            labels.removeFirst()
        }
        return nil
    }

    /// The records of a name in a zone, with wildcard records (`*`) at the closest encloser.
    public func lookup(_ name: String, in zone: LinkedZone) -> Lookup {
        let relative = name == zone.zone.zoneName ? "@" : String(name.dropLast(zone.zone.zoneName.count + 1))
        if let found = zone.records[relative] { return Self.classify(found) }
        // An empty non-terminal (a name with records only below it) exists: no data, not NXDOMAIN.
        if relative != "@", zone.records.keys.contains(where: { $0.hasSuffix("." + relative) }) { return .noData }
        var labels = relative.split(separator: ".").dropFirst()
        while true {
            let wildcard = (["*"] + labels).joined(separator: ".")
            if let found = zone.records[wildcard] { return Self.classify(found) }
            if labels.isEmpty { return .nxDomain }
            let encloser = labels.joined(separator: ".")
            if zone.records[encloser] != nil { return .nxDomain }
            labels = labels.dropFirst()
        }
    }

    static func classify(_ records: [DnsRecordSet]) -> Lookup {
        if let cname = records.first(where: { $0.type == .cname && $0.canonicalName != nil }) { return .cname(cname) }
        let addresses = records.filter { ($0.type == .a || $0.type == .aaaa) && !$0.addresses.isEmpty }
        return addresses.isEmpty ? .noData : .addresses(addresses)
    }

    /// `server1` stays; a `zone/record` or a fully qualified name is reduced to the relative name.
    static func relativeName(_ name: String, zone: String) -> String {
        var text = name.lowercased()
        if text.hasSuffix(".") { text.removeLast() }
        if let slash = text.lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
        if text == zone { return "@" }
        if text.hasSuffix("." + zone) { text = String(text.dropLast(zone.count + 1)) }
        return text.isEmpty ? "@" : text
    }
}
