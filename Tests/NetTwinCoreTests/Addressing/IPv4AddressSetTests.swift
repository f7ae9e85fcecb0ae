import PropertyBased
import Testing
@testable import NetTwinCore

/// Property tests against `NaiveSet` over the universe 10.0.0.0/22 (1,024 addresses).
@Suite("IPv4AddressSet")
struct IPv4AddressSetTests {
    static let base: UInt32 = 0x0A00_0000
    static let size = 1024
    static let universe = IPv4AddressSet(IPv4Prefix(containing: IPv4Address(base), length: 22))

    /// A random set built from a mix of prefixes and arbitrary ranges inside the universe.
    static let setGen = zip(
        zip(Gen.uint32(in: 0...1023), Gen.int(in: 22...32)).array(of: 0...5),
        zip(Gen.uint32(in: 0...1023), Gen.uint32(in: 0...1023)).array(of: 0...3)
    ).map { prefixSpecs, rangeSpecs -> IPv4AddressSet in
        let prefixes = prefixSpecs.map { IPv4Prefix(containing: IPv4Address(base + $0.0), length: $0.1) }
        let ranges = rangeSpecs.map { (base + min($0.0, $0.1))...(base + max($0.0, $0.1)) }
        return IPv4AddressSet(prefixes).union(IPv4AddressSet(ranges: ranges))
    }

    static func model(_ set: IPv4AddressSet) -> NaiveSet {
        var m = NaiveSet(size: size)
        for offset in 0..<size where set.contains(IPv4Address(base + UInt32(offset))) {
            m.bits[offset] = true
        }
        return m
    }

    /// Model built independently of `contains`, from the ranges.
    static func modelFromRanges(_ set: IPv4AddressSet) -> NaiveSet {
        var m = NaiveSet(size: size)
        for r in set.ranges { m.insert(Int(r.lowerBound - base)...Int(r.upperBound - base)) }
        return m
    }

    static func isCanonical(_ set: IPv4AddressSet) -> Bool {
        zip(set.ranges, set.ranges.dropFirst()).allSatisfy { UInt64($0.upperBound) + 1 < UInt64($1.lowerBound) }
    }

    @Test func binaryOperationsMatchModel() async {
        await propertyCheck(count: 200, input: Self.setGen, Self.setGen) { a, b in
            let ma = Self.modelFromRanges(a)
            let mb = Self.modelFromRanges(b)
            #expect(Self.model(a) == ma)  // contains agrees with ranges
            #expect(Self.modelFromRanges(a.union(b)) == ma.union(mb))
            #expect(Self.modelFromRanges(a.intersection(b)) == ma.intersection(mb))
            #expect(Self.modelFromRanges(a.subtracting(b)) == ma.subtracting(mb))
            #expect(Self.modelFromRanges(a.complement.intersection(Self.universe)) == ma.complement)
            #expect(a.isSuperset(of: b) == ma.isSuperset(of: mb))
            #expect(a.isSubset(of: b) == mb.isSuperset(of: ma))
            #expect(a.isDisjoint(with: b) == ma.isDisjoint(with: mb))
            #expect(a.addressCount == UInt64(ma.count))
            #expect(a.isEmpty == (ma.count == 0))
            for s in [a.union(b), a.intersection(b), a.subtracting(b), a.complement] {
                #expect(Self.isCanonical(s))
            }
            var c = a
            c.formUnion(b)
            #expect(c == a.union(b))
            #expect(a.union(b) == b.union(a))
            #expect(a.complement.complement == a)
            #expect(a.complement.addressCount == (UInt64(1) << 32) - a.addressCount)
        }
    }

    @Test func prefixesRoundTripAndAreMinimal() async {
        await propertyCheck(count: 200, input: Self.setGen) { set in
            let prefixes = set.prefixes
            #expect(IPv4AddressSet(prefixes) == set)
            #expect(prefixes == prefixes.sorted())
            for (p, q) in zip(prefixes, prefixes.dropFirst()) {
                #expect(p.last < q.first)  // disjoint, ascending
                // Not mergeable: two sibling halves of one shorter prefix.
                let mergeable = p.length == q.length && p.length > 0
                    && IPv4Prefix(containing: p.network, length: p.length - 1) == IPv4Prefix(containing: q.network, length: q.length - 1)
                #expect(!mergeable)
            }
            #expect(prefixes.count == Self.modelFromRanges(set).minimalBlockCount)
            #expect(set.description == prefixes.map(\.description).joined(separator: ","))
        }
    }

    @Test func fixedExamples() throws {
        // RFC 4632 §3.1-style aggregation: four consecutive /24s form a /22.
        let quads = try ["192.168.0.0/24", "192.168.1.0/24", "192.168.2.0/24", "192.168.3.0/24"].map { try IPv4Prefix(parsing: $0) }
        #expect(IPv4AddressSet(quads).description == "192.168.0.0/22")
        #expect(IPv4AddressSet.all.description == "0.0.0.0/0")
        #expect(IPv4AddressSet.empty.description == "")
        #expect(IPv4AddressSet.all.addressCount == 1 << 32)
        #expect(IPv4AddressSet.all.complement == .empty)
        #expect(IPv4AddressSet.empty.complement == .all)
        let odd = IPv4AddressSet(ranges: [1...6])
        #expect(odd.description == "0.0.0.1/32,0.0.0.2/31,0.0.0.4/31,0.0.0.6/32")
        #expect(IPv4AddressSet(ranges: [5...9, 1...4, 20...30, 10...10]).ranges == [1...10, 20...30])
        #expect(IPv4AddressSet(ranges: [0...UInt32.max]) == .all)
        #expect(IPv4AddressSet(IPv4Address(10, 0, 0, 1)).contains(IPv4Address(10, 0, 0, 1)))
        #expect(IPv4AddressSet(try IPv4Prefix(parsing: "10.0.0.0/8")).contains(try IPv4Prefix(parsing: "10.1.0.0/16")))
    }
}
