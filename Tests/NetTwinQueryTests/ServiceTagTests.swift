import Foundation
import NetTwinARM
import NetTwinCore
import Testing

/// The bundled service tags are read from their compact form (issue 13 B, start-up). That form is written from
/// ServiceTags_Public.json by Scripts/compact-service-tags.py; these tests fail when the two disagree, so replacing the
/// JSON without rewriting the compact file cannot go unnoticed.
@Suite struct ServiceTagTests {
    @Test func compactFormEqualsTheJSON() throws {
        let compact = try ServiceTagLoader.bundled()
        let json = try ServiceTagLoader.bundledJSON()
        #expect(compact.count == json.count && json.count > 3000)
        #expect(compact.changeNumber == json.changeNumber && compact.cloud == json.cloud)
        for tag in json.allTags {
            let other = try #require(compact.tag(named: tag.name), "\(tag.name) missing from the compact form")
            #expect(other.name == tag.name && other.region == tag.region && other.systemService == tag.systemService, "\(tag.name)")
            #expect(other.prefixes == tag.prefixes, "\(tag.name)")
            #expect(other.addresses == tag.addresses, "\(tag.name)")
        }
    }

    /// service-tags-overview.md names regional tags NAME.Region; the file also has staging tags in the same region
    /// (Sql.EastUS2Stage beside Sql.EastUS2): the regional tag of Sql in eastus2 is Sql.EastUS2, in both forms.
    @Test func regionalTagIsTheOneNamedForTheRegion() throws {
        for table in [try ServiceTagLoader.bundled(), try ServiceTagLoader.bundledJSON()] {
            #expect(table.regionalTag("Sql", region: "eastus2")?.name == "Sql.EastUS2")
            #expect(table.regionalTag("Storage", region: "North Central US")?.name == "Storage.NorthCentralUS")
        }
        // Every regional lookup agrees between the JSON and the compact form.
        let compact = try ServiceTagLoader.bundled(), json = try ServiceTagLoader.bundledJSON()
        for tag in json.allTags {
            let parts = tag.name.split(separator: ".")
            guard parts.count == 2, let region = tag.region else { continue }
            #expect(compact.regionalTag(String(parts[0]), region: region)?.name == json.regionalTag(String(parts[0]), region: region)?.name, "\(tag.name)")
        }
    }

    @Test func readOnFirstLookupOnly() throws {
        let table = try ServiceTagLoader.bundled()
        #expect(!table.isLoaded)
        // service-tags-overview.md: regional tags are NAME.Region, e.g. Storage.WestEurope.
        let regional = try #require(table.regionalTag("Storage", region: "West Europe"))
        #expect(regional.name == "Storage.WestEurope")
        #expect(table.isLoaded)
        #expect(table.tag(named: "sql.westeurope")?.name == "Sql.WestEurope")
        #expect(table.tag(named: "NoSuchTag") == nil)
    }

    @Test func damagedCompactBytesAreRefused() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/NetTwinARM/Resources/ServiceTags_Public.ntst")
        let bytes = try [UInt8](Data(contentsOf: url))
        #expect(throws: CompactServiceTags.FormatError.self) { try CompactServiceTags(bytes: Array(bytes.prefix(200))) }
        #expect(throws: CompactServiceTags.FormatError.self) { try CompactServiceTags(bytes: Array("NOPE".utf8) + bytes.dropFirst(4)) }
        #expect(try CompactServiceTags(bytes: bytes).tagCount > 3000)
        // A table over bytes that are not the compact form is empty rather than a crash.
        #expect(ServiceTagTable(lazyCompact: { Array("garbage".utf8) }).count == 0)
    }
}
