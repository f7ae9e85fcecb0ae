import Foundation
import NetTwinCore
import Testing

/// `nettwin tags` (issue 12 B): what a tag stands for in a place (service-tags-overview.md: VirtualNetwork is "The
/// virtual network address space ..., all connected on-premises address spaces, peered virtual networks, ... the virtual
/// IP address of the host, and address prefixes used on user-defined routes"; Sql "does not apply to SQL managed
/// instance").
@Suite struct TagsCommandTests {
    let example = "Examples/secure-sqlmi"

    func json(_ result: CommandResult) throws -> JSONNode { try JSONParser.parse(Array(result.stdout.utf8)).root }

    /// The example's spoke: its own space 10.2.0.0/16, the hub 10.0.0.0/16 and the MI VNet 10.1.0.0/16 by peering,
    /// on-premises 192.168.0.0/16 through the hub's gateway, and 168.63.129.16.
    @Test func virtualNetworkFromTheSpoke() throws {
        let result = try run(["tags", "VirtualNetwork", "--subnet", "vnet-app-weu/snet-vm", "--format", "json", example])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try json(result)
        let prefixes = Set(root["addressPrefixes"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(prefixes == ["10.0.0.0/15", "10.2.0.0/16", "192.168.0.0/16", "168.63.129.16/32"])
        let origins = root["parts"]?.arrayValue?.compactMap { $0["origin"]?.stringValue } ?? []
        #expect(origins.contains("address space of 'vnet-app-weu'"))
        #expect(origins.contains { $0.hasPrefix("peered network") } && origins.contains { $0.hasPrefix("on-premises prefixes") })
        #expect(origins.last == "the host's virtual IP")
    }

    @Test func sqlTagNoteAndRegion() throws {
        let global = try run(["tags", "Sql", example])
        #expect(global.status == 0 && global.stdout.contains("does not apply to SQL managed instance"))
        let regional = try run(["tags", "Sql", "--region", "westeurope", "--format", "json", example])
        #expect(try json(regional)["name"]?.stringValue == "Sql.WestEurope")
    }

    @Test func unknownTagIsAnInputError() throws {
        let result = try run(["tags", "NoSuchTag", example])
        #expect(result.status == 2 && result.stderr.contains("'NoSuchTag' is not a service tag"))
    }
}
