import PropertyBased
import Testing
@testable import NetTwinCore

@Suite("PrefixTable")
struct PrefixTableTests {
    static let v4Base: UInt32 = 0x0A00_0000
    static let v6Base: UInt128 = IPv6Address("2001:db8::")!.value

    /// Entries: prefixes mostly inside 10.0.0.0/22 (lengths 20...32, so some cover more) plus
    /// a few IPv6 prefixes inside 2001:db8::/118, with small integer values (duplicates likely).
    static let entriesGen = zip(
        zip(Gen.uint32(in: 0...1023), Gen.int(in: 20...32), Gen.int(in: 0...9)).array(of: 0...40),
        zip(Gen.uint32(in: 0...1023), Gen.int(in: 116...128), Gen.int(in: 0...9)).array(of: 0...20),
        Gen.bool
    ).map { v4, v6, withDefault -> [(IPPrefix, Int)] in
        var entries: [(IPPrefix, Int)] = v4.map {
            (.v4(IPv4Prefix(containing: IPv4Address(v4Base + $0.0), length: $0.1)), $0.2)
        }
        entries += v6.map { (.v6(IPv6Prefix(containing: IPv6Address(v6Base + UInt128($0.0)), length: $0.1)), $0.2) }
        if withDefault {
            entries.append((.v4(.all), 100))
            entries.append((.v6(.all), 200))
        }
        return entries
    }

    /// Naive model: a dictionary with summed duplicates, and a linear scan.
    static func naiveMatches(_ entries: [(IPPrefix, Int)], _ address: IPAddress) -> [(IPPrefix, Int)] {
        var merged: [IPPrefix: Int] = [:]
        for (p, v) in entries { merged[p, default: 0] += v }
        return merged.filter { $0.key.contains(address) }
            .sorted { $0.key.length > $1.key.length }
            .map { ($0.key, $0.value) }
    }

    @Test func longestMatchAgreesWithLinearScan() async {
        await propertyCheck(count: 150, input: Self.entriesGen) { entries in
            let table = PrefixTable(entries, uniquingPrefixesWith: +)
            #expect(table.count == Set(entries.map(\.0)).count)
            var addresses: [IPAddress] = []
            for offset in stride(from: 0, to: 1200, by: 3) {  // slightly beyond the /22 too
                addresses.append(.v4(IPv4Address(Self.v4Base &+ UInt32(offset) &- 64)))
                addresses.append(.v6(IPv6Address(Self.v6Base &+ UInt128(offset) &- 64)))
            }
            addresses += [.v4(IPv4Address(0)), .v4(IPv4Address(.max)), .v6(IPv6Address(0)), .v6(IPv6Address(.max))]
            for address in addresses {
                let naive = Self.naiveMatches(entries, address)
                let got = table.longestMatch(address)
                #expect(got?.prefix == naive.first?.0, "address \(address)")
                #expect(got?.value == naive.first?.1, "address \(address)")
                let all = table.allMatches(address)
                #expect(all.map(\.prefix) == naive.map(\.0), "address \(address)")
                #expect(all.map(\.value) == naive.map(\.1), "address \(address)")
                switch address {
                case .v4(let a): #expect(table.longestMatch(a).map { IPPrefix.v4($0.prefix) } == got?.prefix)
                case .v6(let a): #expect(table.longestMatch(a).map { IPPrefix.v6($0.prefix) } == got?.prefix)
                }
            }
        }
    }

    @Test func fixedExample() throws {
        let entries: [(IPPrefix, String)] = try [
            ("0.0.0.0/0", "Internet"), ("10.0.0.0/8", "VnetLocal"), ("10.1.0.0/16", "Peering"),
            ("10.1.2.0/24", "Appliance"), ("10.1.2.0/24", "Duplicate"), ("255.255.255.255/32", "Top"),
            ("::/0", "v6 Internet"), ("2001:db8::/32", "v6 Vnet"),
        ].map { (try IPPrefix(parsing: $0.0), $0.1) }
        let table = PrefixTable(entries, uniquingPrefixesWith: { a, b in a + "+" + b })
        #expect(table.count == 7)
        #expect(table.longestMatch(IPv4Address("10.1.2.3")!)?.value == "Appliance+Duplicate")
        #expect(table.longestMatch(IPv4Address("10.1.3.3")!)?.value == "Peering")
        #expect(table.longestMatch(IPv4Address("10.2.0.0")!)?.value == "VnetLocal")
        #expect(table.longestMatch(IPv4Address("8.8.8.8")!)?.value == "Internet")
        #expect(table.longestMatch(IPv4Address("255.255.255.255")!)?.value == "Top")
        #expect(table.longestMatch(IPv6Address("2001:db8::1")!)?.value == "v6 Vnet")
        #expect(table.longestMatch(IPAddress("2001:db9::1")!)?.prefix.description == "::/0")
        #expect(table.allMatches(IPAddress("10.1.2.3")!).map(\.prefix.description) == ["10.1.2.0/24", "10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"])
        let empty = PrefixTable([(IPPrefix, Int)](), uniquingPrefixesWith: +)
        #expect(empty.longestMatch(IPv4Address(1)) == nil)
        #expect(empty.longestMatch(IPv6Address(1)) == nil)
        #expect(empty.allMatches(IPAddress("1.2.3.4")!).isEmpty)
    }
}
