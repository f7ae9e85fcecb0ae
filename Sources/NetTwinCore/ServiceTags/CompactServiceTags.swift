/// The service tag file in a compact binary form, written by `Scripts/compact-service-tags.py` from
/// `ServiceTags_Public.json` (and checked against it by the tests): reading it costs a fraction of a millisecond, and
/// a tag's prefixes are decoded only when the tag is looked up.
///
/// Layout (little-endian): `NTST`, u32 format version (2), u32 change number, str cloud, u32 tag count; then per tag
/// str key (the name in lower case), str name, str region (normalized: lower case, no spaces), str systemService, u32
/// offset of its prefixes, u32 IPv4 count, u32 IPv6 count; then the
/// prefixes: IPv4 as u32 network + u8 length, IPv6 as 16 bytes network (big-endian, as on the wire) + u8 length.
/// `str` is a u16 byte count and UTF-8 bytes.
public final class CompactServiceTags: @unchecked Sendable {
    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }
    struct Entry {
        var name: String
        var region: String?
        var systemService: String?
        var offset: Int
        var v4: Int
        var v6: Int
    }

    let bytes: [UInt8]
    let changeNumber: Int?
    let cloud: String?
    /// Lowercased names, in file order.
    let names: [String]
    let entries: [String: Entry]
    /// `base|region` → lowercased regional tag name.
    let regional: [String: String]
    /// Tags decoded so far (the caller holds the table's lock).
    var decoded: [String: ServiceTag] = [:]

    public init(bytes: [UInt8]) throws(FormatError) {
        self.bytes = bytes
        var cursor = 0
        func need(_ count: Int) throws(FormatError) {
            guard count >= 0, cursor + count <= bytes.count else { throw FormatError(description: "compact service tags: truncated at byte \(cursor)") }
        }
        func u32() throws(FormatError) -> Int {
            try need(4)
            defer { cursor += 4 }
            return Int(bytes[cursor]) | Int(bytes[cursor + 1]) << 8 | Int(bytes[cursor + 2]) << 16 | Int(bytes[cursor + 3]) << 24
        }
        func str() throws(FormatError) -> String {
            try need(2)
            let count = Int(bytes[cursor]) | Int(bytes[cursor + 1]) << 8
            cursor += 2
            try need(count)
            defer { cursor += count }
            return String(decoding: bytes[cursor..<cursor + count], as: UTF8.self)
        }
        try need(4)
        guard Array(bytes[0..<4]) == Array("NTST".utf8) else { throw FormatError(description: "compact service tags: bad magic") }
        cursor = 4
        guard try u32() == 2 else { throw FormatError(description: "compact service tags: unknown format version") }
        let change = try u32()
        changeNumber = change
        let cloudText = try str()
        cloud = cloudText.isEmpty ? nil : cloudText
        let count = try u32()
        var names: [String] = []
        var entries: [String: Entry] = [:]
        var regional: [String: String] = [:]
        names.reserveCapacity(count)
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let key = try str(), name = try str(), region = try str(), service = try str()
            let entry = Entry(name: name, region: region.isEmpty ? nil : region, systemService: service.isEmpty ? nil : service,
                              offset: try u32(), v4: try u32(), v6: try u32())
            guard entry.offset + entry.v4 * 5 + entry.v6 * 17 <= bytes.count else { throw FormatError(description: "compact service tags: '\(name)' points past the end") }
            guard entries[key] == nil else { continue }
            entries[key] = entry
            names.append(key)
            if let region = entry.region {
                let parts = key.split(separator: ".")
                if parts.count == 2 { regional[parts[0] + "|" + region] = key }
            }
        }
        self.names = names
        self.entries = entries
        self.regional = regional
    }

    /// The number of tags.
    public var tagCount: Int { names.count }

    /// A tag by lowercased name, decoded on first use.
    func tag(_ key: String) -> ServiceTag? {
        if let tag = decoded[key] { return tag }
        guard let entry = entries[key] else { return nil }
        var prefixes: [IPPrefix] = []
        prefixes.reserveCapacity(entry.v4 + entry.v6)
        var cursor = entry.offset
        for _ in 0..<entry.v4 {
            let value = UInt32(bytes[cursor]) | UInt32(bytes[cursor + 1]) << 8 | UInt32(bytes[cursor + 2]) << 16 | UInt32(bytes[cursor + 3]) << 24
            if let prefix = IPv4Prefix(network: IPv4Address(value), length: Int(bytes[cursor + 4])) { prefixes.append(.v4(prefix)) }
            cursor += 5
        }
        for _ in 0..<entry.v6 {
            var value: UInt128 = 0
            for i in 0..<16 { value = value << 8 | UInt128(bytes[cursor + i]) }
            if let prefix = IPv6Prefix(network: IPv6Address(value), length: Int(bytes[cursor + 16])) { prefixes.append(.v6(prefix)) }
            cursor += 17
        }
        var tag = ServiceTag(name: entry.name, region: nil, systemService: entry.systemService, prefixes: prefixes)
        tag.region = entry.region
        decoded[key] = tag
        return tag
    }
}
