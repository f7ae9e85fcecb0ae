/// The service tag file in a compact binary form, written by `Scripts/compact-service-tags.py` from
/// `ServiceTags_Public.json` (and checked against it by the tests). Opening it reads a header; a lookup is a binary search
/// over the bytes, and only the tags looked up are decoded: nothing is done per tag at start-up.
///
/// Layout (little-endian; `str` is a u16 byte count and UTF-8 bytes):
/// - `NTST`, u32 format version (3), u32 change number, str cloud, u32 tag count N, u32 regional key count R;
/// - N u32 offsets of the tag records, in byte order of their keys; R u32 offsets of the regional records, likewise;
/// - tag records: str key (the name in lower case), str name, str region (normalized: lower case, no spaces),
///   str systemService, u32 offset of the prefixes, u32 IPv4 count, u32 IPv6 count;
/// - regional records: str `base|region` (`storage|westeurope`), u32 index of the tag (in key order);
/// - the prefixes: IPv4 as u32 network + u8 length, IPv6 as 16 bytes network (big-endian, as on the wire) + u8 length.
public final class CompactServiceTags: @unchecked Sendable {
    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    let bytes: [UInt8]
    let changeNumber: Int?
    let cloud: String?
    let count: Int
    let regionalCount: Int
    let tagTable: Int
    let regionalTable: Int
    /// Tags decoded so far (the caller holds the table's lock).
    var decoded: [String: ServiceTag] = [:]

    public init(bytes: [UInt8]) throws(FormatError) {
        self.bytes = bytes
        guard bytes.count >= 22, Array(bytes[0..<4]) == Array("NTST".utf8) else { throw FormatError(description: "compact service tags: bad magic") }
        guard Self.u32(bytes, 4) == 3 else { throw FormatError(description: "compact service tags: unknown format version") }
        changeNumber = Self.u32(bytes, 8)
        let cloudLength = Self.u16(bytes, 12)
        var cursor = 14 + cloudLength
        guard cursor + 8 <= bytes.count else { throw FormatError(description: "compact service tags: truncated header") }
        let cloudText = String(decoding: bytes[14..<cursor], as: UTF8.self)
        cloud = cloudText.isEmpty ? nil : cloudText
        count = Self.u32(bytes, cursor)
        regionalCount = Self.u32(bytes, cursor + 4)
        cursor += 8
        tagTable = cursor
        regionalTable = cursor + 4 * count
        guard regionalTable + 4 * regionalCount <= bytes.count else { throw FormatError(description: "compact service tags: truncated tables") }
        // Every offset must point inside the bytes (checked once, so that lookups need not).
        for i in 0..<(count + regionalCount) {
            guard Self.u32(bytes, tagTable + 4 * i) < bytes.count else { throw FormatError(description: "compact service tags: an offset points past the end") }
        }
        if count > 0 {
            let last = Self.u32(bytes, tagTable + 4 * (count - 1))
            guard let record = try? recordEnd(last), record <= bytes.count else { throw FormatError(description: "compact service tags: truncated records") }
        }
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
    }
    static func u16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }

    func recordEnd(_ offset: Int) throws(FormatError) -> Int {
        var cursor = offset
        for _ in 0..<4 {
            guard cursor + 2 <= bytes.count else { throw FormatError(description: "compact service tags: truncated record") }
            cursor += 2 + Self.u16(bytes, cursor)
        }
        return cursor + 12
    }

    /// The number of tags.
    public var tagCount: Int { count }

    /// Compares the string at `offset` (u16 length + bytes) with `key`.
    func compare(_ offset: Int, _ key: [UInt8]) -> Int {
        let length = Self.u16(bytes, offset)
        let start = offset + 2
        for i in 0..<min(length, key.count) where bytes[start + i] != key[i] {
            return bytes[start + i] < key[i] ? -1 : 1
        }
        return length == key.count ? 0 : (length < key.count ? -1 : 1)
    }

    /// Binary search over a table of record offsets sorted by their first string.
    func find(_ key: [UInt8], table: Int, count: Int) -> Int? {
        var low = 0, high = count - 1
        while low <= high {
            let middle = (low + high) / 2
            let order = compare(Self.u32(bytes, table + 4 * middle), key)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    func string(at offset: inout Int) -> String {
        let length = Self.u16(bytes, offset)
        defer { offset += 2 + length }
        return String(decoding: bytes[(offset + 2)..<(offset + 2 + length)], as: UTF8.self)
    }

    /// The lowercased name of the tag a regional key (`storage|westeurope`) stands for.
    func regionalName(_ key: String) -> String? {
        guard let index = find(Array(key.utf8), table: regionalTable, count: regionalCount) else { return nil }
        var cursor = Self.u32(bytes, regionalTable + 4 * index)
        cursor += 2 + Self.u16(bytes, cursor)
        let tagIndex = Self.u32(bytes, cursor)
        guard tagIndex < count else { return nil }
        var record = Self.u32(bytes, tagTable + 4 * tagIndex)
        return string(at: &record)
    }

    /// Every tag's lowercased name, in key order.
    var names: [String] {
        (0..<count).map { index in
            var offset = Self.u32(bytes, tagTable + 4 * index)
            return string(at: &offset)
        }
    }

    /// A tag by lowercased name, decoded on first use.
    func tag(_ key: String) -> ServiceTag? {
        if let tag = decoded[key] { return tag }
        guard let index = find(Array(key.utf8), table: tagTable, count: count) else { return nil }
        var cursor = Self.u32(bytes, tagTable + 4 * index)
        _ = string(at: &cursor)
        let name = string(at: &cursor), region = string(at: &cursor), service = string(at: &cursor)
        let prefixOffset = Self.u32(bytes, cursor), v4 = Self.u32(bytes, cursor + 4), v6 = Self.u32(bytes, cursor + 8)
        guard prefixOffset + v4 * 5 + v6 * 17 <= bytes.count else { return nil }
        var prefixes: [IPPrefix] = []
        prefixes.reserveCapacity(v4 + v6)
        var at = prefixOffset
        for _ in 0..<v4 {
            let value = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
            if let prefix = IPv4Prefix(network: IPv4Address(value), length: Int(bytes[at + 4])) { prefixes.append(.v4(prefix)) }
            at += 5
        }
        for _ in 0..<v6 {
            var value: UInt128 = 0
            for i in 0..<16 { value = value << 8 | UInt128(bytes[at + i]) }
            if let prefix = IPv6Prefix(network: IPv6Address(value), length: Int(bytes[at + 16])) { prefixes.append(.v6(prefix)) }
            at += 17
        }
        var tag = ServiceTag(name: name, region: nil, systemService: service.isEmpty ? nil : service, prefixes: prefixes)
        tag.region = region.isEmpty ? nil : region
        decoded[key] = tag
        return tag
    }
}
