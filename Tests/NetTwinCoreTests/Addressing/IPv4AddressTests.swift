import Testing
@testable import NetTwinCore

@Suite("IPv4Address")
struct IPv4AddressTests {
    // Valid dotted quads (RFC 791 / RFC 4632 §3.1 notation) and their integer values.
    @Test("parses and prints dotted quads", arguments: [
        ("0.0.0.0", UInt32(0)),
        ("10.0.0.1", 0x0A00_0001),
        ("192.168.0.0", 0xC0A8_0000),    // RFC 4632 §3.1 / NSG docs "192.168.0.0/16"
        ("172.16.254.3", 0xAC10_FE03),
        ("255.255.255.255", 0xFFFF_FFFF),
        ("1.2.3.4", 0x0102_0304),
    ])
    func roundTrip(text: String, value: UInt32) {
        let address = IPv4Address(text)
        #expect(address?.value == value)
        #expect(address?.description == text)
        #expect(IPv4Address(value).description == text)
    }

    // Strictness: leading zeros are ambiguous octal in inet_aton, so reject them.
    @Test("rejects malformed dotted quads", arguments: [
        "", "256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "010.0.0.1", "1..2.3",
        ".1.2.3", "1.2.3.", "1.2.3.4 ", " 1.2.3.4", "1.2.3.-4", "+1.2.3.4", "a.b.c.d", "1.2.3.4/32",
        "1000.1.1.1", "0x1.2.3.4", "::1", "1.2.3.4\n", "１.2.3.4",
    ])
    func rejects(text: String) {
        #expect(IPv4Address(text) == nil)
    }

    @Test func parsesSubstrings() {
        let text = "x10.1.2.3y"
        let inner = text.dropFirst().dropLast()
        #expect(IPv4Address(inner) == IPv4Address(10, 1, 2, 3))
    }

    @Test func ordersNumerically() {
        #expect(IPv4Address("9.255.255.255")! < IPv4Address("10.0.0.0")!)
        #expect(!(IPv4Address("10.0.0.2")! > IPv4Address("10.0.0.10")!))
    }
}

@Suite("IPAddress")
struct IPAddressTests {
    @Test("dispatches on family", arguments: [
        ("10.0.0.1", "10.0.0.1", true),
        ("2001:DB8::1", "2001:db8::1", false),
        ("::ffff:10.0.0.1", "::ffff:10.0.0.1", false),
    ])
    func parses(text: String, printed: String, isV4: Bool) {
        let address = IPAddress(text)
        #expect(address?.description == printed)
        #expect((address?.v4 != nil) == isV4)
    }

    @Test func rejectsJunk() {
        #expect(IPAddress("") == nil)
        #expect(IPAddress("10.0.0.0/8") == nil)
        #expect(IPAddress("fe80::1%eth0") == nil)
    }

    @Test func v4OrdersBeforeV6() {
        #expect(IPAddress("255.255.255.255")! < IPAddress("::")!)
        #expect(IPAddress("::1")! < IPAddress("::2")!)
    }
}
