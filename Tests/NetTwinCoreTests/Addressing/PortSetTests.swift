import PropertyBased
import Testing
@testable import NetTwinCore

@Suite("PortSet")
struct PortSetTests {
    // NSG port syntax (network-security-groups-overview.md: "a single port like 80, a port range
    // like 1024-65535, or * for all ports").
    @Test("parses NSG port syntax", arguments: [
        ("*", "0-65535"),
        ("80", "80"),
        ("0", "0"),
        ("65535", "65535"),
        ("1000-2000", "1000-2000"),
        ("1024-65535", "1024-65535"),
        ("0-65535", "0-65535"),
        (" 443 ", "443"),
        ("80,443,1000-2000", "80,443,1000-2000"),
        ("443,80,81", "80-81,443"),
        ("22-22", "22"),
    ])
    func parses(text: String, printed: String) throws {
        let set = try PortSet(parsing: text)
        #expect(set.description == printed)
        #expect(try PortSet(parsing: set.description) == set)
    }

    @Test("rejects junk with a clear message", arguments: [
        ("2000-1000", "start port 2000 is greater than end port 1000"),
        ("65536", "port 65536 is out of range 0-65535"),
        ("70000-80000", "port 70000 is out of range 0-65535"),
        ("", "empty port entry"),
        ("abc", "'abc' is not a decimal port number"),
        ("80-", "a port number is missing"),
        ("-80", "a port number is missing"),
        ("1-2-3", "expected '*', a port, or a range 'start-end'"),
        ("080", "port '080' has a leading zero"),
        ("+80", "'+80' is not a decimal port number"),
        ("80,", "empty port entry"),
        ("**", "'**' is not a decimal port number"),
        ("99999999999999999999", "port 99999999999999999999 is out of range 0-65535"),
    ])
    func rejects(text: String, reason: String) {
        #expect(throws: PortParseError(input: text, reason: reason)) {
            try PortSet(parsing: text)
        }
    }

    @Test func errorDescription() {
        let error = PortParseError(input: "2000-1000", reason: "start port 2000 is greater than end port 1000")
        #expect(error.description == "'2000-1000' is not a valid port or port range: start port 2000 is greater than end port 1000")
    }

    @Test func parsesAugmentedLists() throws {
        #expect(try PortSet(parsingList: ["80", "443", "8000-8080", "8080-9000"]).description == "80,443,8000-9000")
        #expect(try PortSet(parsingList: []) == .empty)
        #expect(try PortSet(parsingList: ["22", "*"]) == .all)
        #expect(throws: PortParseError(input: "x", reason: "'x' is not a decimal port number")) {
            try PortSet(parsingList: ["80", "x"])
        }
    }

    static let setGen = zip(Gen.uint16(in: 0...65535), Gen.uint16(in: 0...600))
        .array(of: 0...6)
        .map { specs -> PortSet in
            PortSet(ranges: specs.map { $0.0...UInt16(min(Int($0.0) + Int($0.1), 65535)) })
        }

    static func model(_ set: PortSet) -> NaiveSet {
        var m = NaiveSet(size: 65536)
        for r in set.ranges { m.insert(Int(r.lowerBound)...Int(r.upperBound)) }
        return m
    }

    @Test func operationsMatchBoolArrayModel() async {
        await propertyCheck(count: 60, input: Self.setGen, Self.setGen) { a, b in
            let ma = Self.model(a)
            let mb = Self.model(b)
            #expect(Self.model(a.union(b)) == ma.union(mb))
            #expect(Self.model(a.intersection(b)) == ma.intersection(mb))
            #expect(Self.model(a.subtracting(b)) == ma.subtracting(mb))
            #expect(Self.model(a.complement) == ma.complement)
            #expect(a.isSuperset(of: b) == ma.isSuperset(of: mb))
            #expect(a.isDisjoint(with: b) == ma.isDisjoint(with: mb))
            #expect(a.count == ma.count)
            for port in stride(from: 0, to: 65536, by: 97) {
                #expect(a.contains(UInt16(port)) == ma.bits[port])
            }
            #expect((try? PortSet(parsing: a.description.isEmpty ? "0" : a.description)) == (a.isEmpty ? PortSet(0) : a))
        }
    }
}

@Suite("ProtocolSet")
struct ProtocolSetTests {
    @Test("parses NSG protocol values", arguments: [
        ("Tcp", ProtocolSet.tcp, "Tcp"),
        ("udp", .udp, "Udp"),
        ("ICMP", .icmp, "Icmp"),
        ("Esp", .esp, "Esp"),
        ("Ah", .ah, "Ah"),
        ("*", .any, "All"),      // "Any" in the portal, "All" in effective security rules
        ("Any", .any, "All"),
    ])
    func parses(text: String, expected: ProtocolSet, watcherName: String) {
        #expect(ProtocolSet(nsgProtocol: text) == expected)
        #expect(expected.networkWatcherName == watcherName)
    }

    @Test func rejectsUnknown() {
        #expect(ProtocolSet(nsgProtocol: "gre") == nil)
        #expect(ProtocolSet(nsgProtocol: "") == nil)
        #expect(ProtocolSet(nsgProtocol: "All") == nil)
    }

    @Test func combinations() {
        let set: ProtocolSet = [.udp, .tcp]
        #expect(set.description == "Tcp,Udp")
        #expect(ProtocolSet.any.subtracting(.tcp).contains(.udp))
        #expect(ProtocolSet().networkWatcherName == "")
    }
}
