import Foundation
import Testing
@testable import NetTwinARM

/// uniqueString() and guid() against published values
/// (/work/shared/corpus/arm/_function-samples/hash-function-values.json).
struct HashFunctionTests {
    struct Entry: Sendable, CustomStringConvertible {
        var function: String, args: [String], expected: String, trust: String
        var description: String { "\(function)(\(args.map { "'\($0)'" }.joined(separator: ", "))) [\(trust)]" }
    }

    static let entries: [Entry] = {
        guard let data = FileManager.default.contents(atPath: ARMSupport.samples + "/hash-function-values.json"),
            let items = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return items.map {
            Entry(function: $0["function"] as! String, args: $0["args"] as! [String], expected: $0["expected"] as! String,
                trust: $0["trust"] as! String)
        }
    }()

    /// Entries that are Azure's value: observed from a deployment ("azure-observed") or asserted by a
    /// passing test of Azure's own expression library ("arm-library"). Third-party reimplementations
    /// are checked separately.
    static var trusted: [Entry] { entries.filter { $0.trust.hasPrefix("azure-observed") || $0.trust.hasPrefix("arm-library") } }

    /// Microsoft DSC v3's uniqueString uses MurmurHash64A (a different function from Azure's
    /// two-lane Murmur variant), so its values are not Azure's; we record that we differ from them.
    static var dsc: [Entry] { entries.filter { $0.trust.contains("DSC") } }

    @Test(arguments: dsc)
    func differsFromDSCReimplementation(_ e: Entry) {
        #expect(Hashing.uniqueString(e.args) != e.expected, "\(e)")
    }

    @Test(arguments: trusted)
    func publishedValue(_ e: Entry) {
        let actual = e.function == "uniqueString" ? Hashing.uniqueString(e.args) : Hashing.guid(e.args)
        #expect(actual == e.expected, "\(e)")
    }

    @Test func untrustedEntriesDiffer() {
        // PSRule's emulation is documented as not ARM-compatible; we must not match it by accident.
        for e in Self.entries where e.trust.hasPrefix("NOT") && e.function == "uniqueString" {
            #expect(Hashing.uniqueString(e.args) != e.expected, "\(e)")
        }
    }

    /// guid() is a name-based UUID v5 in the namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830 over the
    /// arguments joined with '-'. RFC 4122 appendix B (errata 1352) gives uuid5(DNS, "www.example.com")
    /// = 2ed6657d-e927-568b-95e1-2665a8aea6a2 for the SHA-1 construction; we check the SHA-1 itself
    /// against FIPS 180 test vectors and the UUID layout.
    @Test func sha1Vectors() {
        func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(Hashing.sha1(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(Hashing.sha1([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex(Hashing.sha1(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        let g = Hashing.guid(["a", "b"])
        #expect(g.count == 36)
        #expect(Array(g)[14] == "5")
        #expect("89ab".contains(Array(g)[19]))
    }
}
