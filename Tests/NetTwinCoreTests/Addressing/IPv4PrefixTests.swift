import Testing
@testable import NetTwinCore

@Suite("IPv4Prefix")
struct IPv4PrefixTests {
    // RFC 4632 §3.1 prefix notation, plus Azure doc examples.
    @Test("parses canonical prefixes", arguments: [
        ("10.0.0.0/8", "10.0.0.0", 8, UInt64(16_777_216)),
        ("192.168.0.0/16", "192.168.0.0", 16, 65_536),     // network-security-groups-overview.md
        ("172.16.0.0/12", "172.16.0.0", 12, 1_048_576),
        ("0.0.0.0/0", "0.0.0.0", 0, 4_294_967_296),
        ("10.0.0.1", "10.0.0.1", 32, 1),                     // bare address = /32
        ("10.0.0.1/32", "10.0.0.1", 32, 1),
        ("10.1.2.128/25", "10.1.2.128", 25, 128),
    ])
    func parses(text: String, network: String, length: Int, count: UInt64) throws {
        let prefix = try IPv4Prefix(parsing: text)
        #expect(prefix.network == IPv4Address(network))
        #expect(prefix.length == length)
        #expect(prefix.addressCount == count)
        #expect(try IPv4Prefix(parsing: prefix.description) == prefix)
    }

    @Test("rejects invalid prefixes", arguments: [
        ("", AddressParseError.Kind.empty),
        ("256.0.0.1", .invalidAddress),
        ("1.2.3", .invalidAddress),
        ("01.2.3.4", .invalidAddress),
        ("10.0.0.0/33", .invalidPrefixLength),
        ("10.0.0.0/", .invalidPrefixLength),
        ("10.0.0.0/08", .invalidPrefixLength),
        ("10.0.0.0/-1", .invalidPrefixLength),
        ("10.0.0.0/8/8", .invalidPrefixLength),
        ("10.0.0.1/24", .hostBitsSet(canonical: "10.0.0.0/24")),
        ("192.168.1.0/16", .hostBitsSet(canonical: "192.168.0.0/16")),
        ("::/0", .wrongFamily),
        ("2001:db8::1", .wrongFamily),
        ("junk", .invalidAddress),
    ])
    func rejects(text: String, kind: AddressParseError.Kind) {
        #expect(throws: AddressParseError(kind, input: text)) {
            try IPv4Prefix(parsing: text)
        }
    }

    // RFC 4632 §3.1: aggregation; first/last/contains.
    @Test func rangesAndContainment() throws {
        let p = try IPv4Prefix(parsing: "192.168.0.0/16")
        #expect(p.first.description == "192.168.0.0")
        #expect(p.last.description == "192.168.255.255")
        #expect(p.netmask.description == "255.255.0.0")
        #expect(p.contains(IPv4Address("192.168.10.1")!))
        #expect(!p.contains(IPv4Address("192.169.0.0")!))
        let sub = try IPv4Prefix(parsing: "192.168.4.0/22")
        #expect(p.contains(sub))
        #expect(!sub.contains(p))
        #expect(p.overlaps(sub) && sub.overlaps(p))
        #expect(!p.overlaps(try IPv4Prefix(parsing: "10.0.0.0/8")))
        #expect(IPv4Prefix.all.contains(p))
        #expect(IPv4Prefix(network: IPv4Address("10.0.0.1")!, length: 24) == nil)
        #expect(IPv4Prefix(network: IPv4Address("10.0.0.0")!, length: 33) == nil)
        #expect(IPv4Prefix(containing: IPv4Address("10.9.8.7")!, length: 8).description == "10.0.0.0/8")
        #expect(IPv4Prefix(containing: IPv4Address("10.9.8.7")!, length: 0).description == "0.0.0.0/0")
    }

    @Test func ordersByNetworkThenLength() throws {
        let sorted = try ["10.0.0.0/8", "10.0.0.0/16", "9.0.0.0/8", "10.0.1.0/24"].map { try IPv4Prefix(parsing: $0) }.sorted()
        #expect(sorted.map(\.description) == ["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "10.0.1.0/24"])
    }
}

@Suite("AddressParseError")
struct AddressParseErrorTests {
    @Test func messagesNameTheInput() {
        #expect(AddressParseError(.hostBitsSet(canonical: "10.0.0.0/24"), input: "10.0.0.1/24").description
            == "'10.0.0.1/24' has host bits set; the network is '10.0.0.0/24'")
        #expect(AddressParseError(.invalidAddress, input: "junk").description.contains("'junk'"))
        #expect(AddressParseError(.invalidPrefixLength, input: "10.0.0.0/33").description.contains("'10.0.0.0/33'"))
        #expect(AddressParseError(.wrongFamily, input: "::/0").description.contains("'::/0'"))
        #expect(AddressParseError(.empty, input: "").description.contains("empty"))
    }

    @Test func thrownErrorCarriesCanonicalNetwork() {
        do {
            _ = try IPPrefix(parsing: "2001:db8::1/32")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .hostBitsSet(canonical: "2001:db8::/32"))
            #expect(error.description == "'2001:db8::1/32' has host bits set; the network is '2001:db8::/32'")
        }
    }
}
