import Testing
@testable import NetTwinCore

@Suite("IPv6Prefix")
struct IPv6PrefixTests {
    // RFC 4291 §2.3 prefix notation examples.
    @Test("parses prefixes", arguments: [
        ("2001:0DB8:0000:CD30:0000:0000:0000:0000/60", "2001:db8:0:cd30::/60"),
        ("2001:0DB8::CD30:0:0:0:0/60", "2001:db8:0:cd30::/60"),
        ("2001:0DB8:0:CD30::/60", "2001:db8:0:cd30::/60"),
        ("::/0", "::/0"),
        ("::1", "::1/128"),
        ("2603:1000:4::/47", "2603:1000:4::/47"),
        ("ff00::/8", "ff00::/8"),
    ])
    func parses(text: String, printed: String) throws {
        let prefix = try IPv6Prefix(parsing: text)
        #expect(prefix.description == printed)
        #expect(try IPv6Prefix(parsing: printed) == prefix)
    }

    @Test("rejects invalid prefixes", arguments: [
        ("", AddressParseError.Kind.empty),
        (":::/64", .invalidAddress),
        ("1::2::3/64", .invalidAddress),
        ("2001:db8::/129", .invalidPrefixLength),
        ("2001:db8::/", .invalidPrefixLength),
        ("2001:0DB8:0:CD3/60", .invalidAddress),              // RFC 4291 §2.3 "not legal"
        ("2001:0DB8::CD30/60", .hostBitsSet(canonical: "2001:db8::/60")),  // RFC 4291 §2.3 "not legal"
        ("2001:0DB8::CD3/60", .hostBitsSet(canonical: "2001:db8::/60")),
        ("10.0.0.0/8", .wrongFamily),
    ])
    func rejects(text: String, kind: AddressParseError.Kind) {
        #expect(throws: AddressParseError(kind, input: text)) {
            try IPv6Prefix(parsing: text)
        }
    }

    @Test func countsAndContainment() throws {
        #expect(IPv6Prefix.all.addressCount == .fullSpace)
        #expect(IPv6Prefix.all.addressCount.description == "340282366920938463463374607431768211456")
        #expect(try IPv6Prefix(parsing: "2001:db8::/64").addressCount == IPv6AddressCount(UInt128(1) << 64))
        #expect(try IPv6Prefix(parsing: "::1/128").addressCount == 1)
        let p = try IPv6Prefix(parsing: "2001:db8::/32")
        #expect(p.last.description == "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")
        #expect(p.contains(IPv6Address("2001:db8:1::5")!))
        #expect(!p.contains(IPv6Address("2001:db9::")!))
        #expect(p.contains(try IPv6Prefix(parsing: "2001:db8:8000::/33")))
        #expect(p.overlaps(IPv6Prefix.all))
        #expect(!p.overlaps(try IPv6Prefix(parsing: "2001:db9::/32")))
        #expect(IPv6AddressCount(5) < .fullSpace)
        #expect(IPv6AddressCount(UInt128.max) + 1 == .fullSpace)
    }
}

@Suite("IPPrefix")
struct IPPrefixTests {
    @Test func parsesBothFamilies() throws {
        #expect(try IPPrefix(parsing: "10.0.0.0/8") == .v4(try IPv4Prefix(parsing: "10.0.0.0/8")))
        #expect(try IPPrefix(parsing: "2001:db8::/32").description == "2001:db8::/32")
        #expect(try IPPrefix(parsing: "2001:db8::/32").length == 32)
        #expect(throws: AddressParseError(.hostBitsSet(canonical: "10.0.0.0/24"), input: "10.0.0.1/24")) {
            try IPPrefix(parsing: "10.0.0.1/24")
        }
        #expect(throws: AddressParseError(.invalidAddress, input: ":::")) { try IPPrefix(parsing: ":::") }
        #expect(throws: AddressParseError(.empty, input: "")) { try IPPrefix(parsing: "") }
    }

    @Test func crossFamilyNeverMatches() throws {
        let v4 = try IPPrefix(parsing: "0.0.0.0/0")
        let v6 = try IPPrefix(parsing: "::/0")
        #expect(v4.contains(IPAddress("1.2.3.4")!))
        #expect(!v4.contains(IPAddress("::1")!))
        #expect(!v6.contains(IPAddress("1.2.3.4")!))
        #expect(!v4.overlaps(v6))
        #expect(v4 < v6)
    }
}
