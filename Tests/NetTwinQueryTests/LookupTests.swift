import NetTwinCore
import Testing

/// Resources are named by full ID or by an unambiguous short name; an ambiguous name lists the candidates.
@Suite struct LookupTests {
    let topology = loadText("""
        [\(Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "")])),
         \(Build.nic("app", vnet: "v", subnet: "s", address: "10.0.0.4")),
         \(Build.nic("app", vnet: "v", subnet: "s", address: "10.0.0.5").replacingOccurrences(of: "resourceGroups/rg/providers/Microsoft.Network/networkInterfaces", with: "resourceGroups/rg2/providers/Microsoft.Network/networkInterfaces"))]
        """)

    @Test func ambiguousNameListsCandidates() {
        #expect(throws: LookupError.self) { try topology.networkInterface(named: "app") }
        do {
            _ = try topology.networkInterface(named: "APP")
        } catch {
            #expect(error.description.contains("'APP' names 2 network interfaces"))
            #expect(error.description.contains("/resourceGroups/rg/") && error.description.contains("/resourceGroups/rg2/"))
        }
    }

    @Test func fullIDAndCaseInsensitiveNames() throws {
        let id = "\(Build.sub.lowercased())/networkinterfaces/app"
        #expect(try topology.networkInterface(named: id).ipConfigurations.first?.privateIPAddress == ip("10.0.0.4"))
        #expect(try topology.subnet(named: "V/S").header.name == "s")
        #expect(throws: LookupError.self) { try topology.subnet(named: "v/nope") }
    }
}
