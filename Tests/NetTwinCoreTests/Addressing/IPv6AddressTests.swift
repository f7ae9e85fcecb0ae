import Testing
@testable import NetTwinCore

@Suite("IPv6Address")
struct IPv6AddressTests {
    // RFC 5952 §4 recommendations for text representation (input -> canonical output).
    @Test("RFC 5952 canonical form", arguments: [
        // §4.1: leading zeros MUST be suppressed.
        ("2001:0db8::0001", "2001:db8::1"),
        // §4.2.1: "::" MUST be used to its maximum capability.
        ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"),
        ("2001:db8::0:1", "2001:db8::1"),
        // §4.2.2: "::" MUST NOT be used to shorten just one 16-bit 0 field.
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        // §4.2.3: the longest run is shortened; on a tie, the first one.
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::"),
        // §4.3: lowercase.
        ("2001:DB8::AbCd", "2001:db8::abcd"),
        // §5: IPv4-mapped addresses keep the dotted-quad tail.
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
        ("0:0:0:0:0:FFFF:C000:0201", "::ffff:192.0.2.1"),
        // Edge cases.
        ("::", "::"),
        ("::1", "::1"),
        ("1::", "1::"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
        ("1:0:0:0:0:0:0:0", "1::"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0"),
        ("0:1:2:3:4:5:6:7", "0:1:2:3:4:5:6:7"),
        ("1:0:2:0:3:0:4:0", "1:0:2:0:3:0:4:0"),
        ("::ffff:0:0", "::ffff:0.0.0.0"),
        ("::fffe:1.2.3.4", "::fffe:102:304"),
        ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
    ])
    func canonical(input: String, expected: String) throws {
        let address = try #require(IPv6Address(input))
        #expect(address.description == expected)
        #expect(IPv6Address(expected) == address)
    }

    // RFC 4291 §2.2 text forms, all denoting the same address.
    @Test("RFC 4291 §2.2 forms", arguments: [
        ("ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", "abcd:ef01:2345:6789:abcd:ef01:2345:6789"),
        ("2001:DB8:0:0:8:800:200C:417A", "2001:db8::8:800:200c:417a"),
        ("2001:DB8::8:800:200C:417A", "2001:db8::8:800:200c:417a"),
        ("FF01:0:0:0:0:0:0:101", "ff01::101"),
        ("FF01::101", "ff01::101"),
        ("0:0:0:0:0:0:13.1.68.3", "::d01:4403"),
        ("::13.1.68.3", "::d01:4403"),
        ("0:0:0:0:0:FFFF:129.144.52.38", "::ffff:129.144.52.38"),
        ("::FFFF:129.144.52.38", "::ffff:129.144.52.38"),
        ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
    ])
    func rfc4291(input: String, expected: String) {
        #expect(IPv6Address(input)?.description == expected)
    }

    @Test("rejects malformed text", arguments: [
        "", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4::5:6:7:8",
        ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1::2:", ":1::2", "12345::", "g::", "1:::2",
        "::1.2.3", "::1.2.3.256", "::01.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5",
        "fe80::1%eth0", "[::1]", " ::1", "::1 ", "1.2.3.4", "::ffff:1.2.3.4.5", "-1::",
    ])
    func rejects(text: String) {
        #expect(IPv6Address(text) == nil)
    }

    @Test func groupsAndMapping() {
        let a = IPv6Address("2001:db8::ff00:42:8329")!
        #expect(a.groups == [0x2001, 0xdb8, 0, 0, 0, 0xff00, 0x42, 0x8329])
        #expect(IPv6Address(groups: a.groups) == a)
        #expect(IPv6Address(ipv4Mapped: IPv4Address(192, 0, 2, 1)).description == "::ffff:192.0.2.1")
        #expect(IPv6Address("::ffff:10.1.2.3")?.ipv4Mapped == IPv4Address(10, 1, 2, 3))
        #expect(IPv6Address("::1")! < IPv6Address("::2")!)
    }
}
