import PropertyBased
import Testing
@testable import NetTwinCore

/// Property tests against `NaiveSet` over the universe 2001:db8::/118 (1,024 addresses) inside one /112.
@Suite("IPv6AddressSet")
struct IPv6AddressSetTests {
    static let base: UInt128 = IPv6Address("2001:db8::")!.value
    static let size = 1024
    static let universe = IPv6AddressSet(IPv6Prefix(containing: IPv6Address(base), length: 118))

    static let setGen = zip(
        zip(Gen.uint32(in: 0...1023), Gen.int(in: 118...128)).array(of: 0...5),
        zip(Gen.uint32(in: 0...1023), Gen.uint32(in: 0...1023)).array(of: 0...3)
    ).map { prefixSpecs, rangeSpecs -> IPv6AddressSet in
        let prefixes = prefixSpecs.map { IPv6Prefix(containing: IPv6Address(base + UInt128($0.0)), length: $0.1) }
        let ranges = rangeSpecs.map { (base + UInt128(min($0.0, $0.1)))...(base + UInt128(max($0.0, $0.1))) }
        return IPv6AddressSet(prefixes).union(IPv6AddressSet(ranges: ranges))
    }

    static func modelFromRanges(_ set: IPv6AddressSet) -> NaiveSet {
        var m = NaiveSet(size: size)
        for r in set.ranges { m.insert(Int(r.lowerBound - base)...Int(r.upperBound - base)) }
        return m
    }

    @Test func binaryOperationsMatchModel() async {
        await propertyCheck(count: 200, input: Self.setGen, Self.setGen) { a, b in
            let ma = Self.modelFromRanges(a)
            let mb = Self.modelFromRanges(b)
            for offset in stride(from: 0, to: Self.size, by: 7) {
                #expect(a.contains(IPv6Address(Self.base + UInt128(offset))) == ma.bits[offset])
            }
            #expect(Self.modelFromRanges(a.union(b)) == ma.union(mb))
            #expect(Self.modelFromRanges(a.intersection(b)) == ma.intersection(mb))
            #expect(Self.modelFromRanges(a.subtracting(b)) == ma.subtracting(mb))
            #expect(Self.modelFromRanges(a.complement.intersection(Self.universe)) == ma.complement)
            #expect(a.isSuperset(of: b) == ma.isSuperset(of: mb))
            #expect(a.isDisjoint(with: b) == ma.isDisjoint(with: mb))
            #expect(a.addressCount == IPv6AddressCount(UInt128(ma.count)))
            #expect(a.complement.complement == a)
            #expect(a.union(a.complement) == .all)
        }
    }

    @Test func prefixesRoundTripAndAreMinimal() async {
        await propertyCheck(count: 200, input: Self.setGen) { set in
            let prefixes = set.prefixes
            #expect(IPv6AddressSet(prefixes) == set)
            for (p, q) in zip(prefixes, prefixes.dropFirst()) {
                #expect(p.last < q.first)
            }
            #expect(prefixes.count == Self.modelFromRanges(set).minimalBlockCount)
        }
    }

    @Test func fixedExamples() throws {
        #expect(IPv6AddressSet.all.addressCount == .fullSpace)
        #expect(IPv6AddressSet.all.description == "::/0")
        #expect(IPv6AddressSet.all.complement.isEmpty)
        let s = IPv6AddressSet([try IPv6Prefix(parsing: "2001:db8::/33"), try IPv6Prefix(parsing: "2001:db8:8000::/33")])
        #expect(s.description == "2001:db8::/32")
        #expect(IPv6AddressSet(ranges: [0...UInt128.max]).prefixes == [IPv6Prefix.all])
        #expect(IPv6AddressSet(ranges: [1...UInt128.max]).prefixes.count == 128)
    }
}

@Suite("IPAddressSet")
struct IPAddressSetTests {
    @Test func combinesFamilies() throws {
        let set = IPAddressSet(prefixes: try ["10.0.0.0/9", "10.128.0.0/9", "2001:db8::/32", "192.168.0.0/16"].map { try IPPrefix(parsing: $0) })
        #expect(set.prefixes.map(\.description) == ["10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32"])
        #expect(set.contains(IPAddress("10.200.0.1")!))
        #expect(set.contains(IPAddress("2001:db8::1")!))
        #expect(!set.contains(IPAddress("2001:db9::1")!))
        #expect(set.union(set.complement) == .all)
        #expect(set.intersection(set.complement).isEmpty)
        #expect(IPAddressSet.all.isSuperset(of: set))
        #expect(!set.isSuperset(of: .all))
        #expect(set.subtracting(IPAddressSet(try IPPrefix(parsing: "10.0.0.0/8"))).prefixes.count == 2)
        #expect(IPAddressSet.empty.isEmpty)
    }
}
