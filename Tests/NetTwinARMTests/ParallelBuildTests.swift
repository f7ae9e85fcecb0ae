import NetTwinARM
import NetTwinCore
import Testing

/// Large inputs convert their NSGs on two threads (TopologyBuilder.defaultParallelThreshold); the model and
/// the diagnostics must be exactly those of the one-thread build, duplicates across the halves included.
@Suite struct ParallelBuildTests {
    @Test func parallelBuildEqualsSerialBuild() throws {
        let bytes = EnterpriseGenerator(virtualNetworks: 110, subnetsPerVirtualNetwork: 10, rulesPerNetworkSecurityGroup: 5).generate()
        var loaded = LoadedInputs()
        InputLoader().loadBytes(bytes, path: "generated.json", into: &loaded)
        var documents = loaded.documents
        // The first NSG again at the end: the second half holds a duplicate of the first half's resource.
        let firstGroup = try #require(documents.first { $0.node["type"]?.stringValue == "Microsoft.Network/networkSecurityGroups" })
        documents.append(firstGroup)
        let groups = documents.count { $0.node["type"]?.stringValue == "Microsoft.Network/networkSecurityGroups" }
        #expect(groups >= TopologyBuilder.defaultParallelThreshold)

        let serial = TopologyBuilder(parallelThreshold: .max).build(documents)
        let parallel = TopologyBuilder().build(documents)
        #expect(parallel.networkSecurityGroups.count == serial.networkSecurityGroups.count)
        #expect(parallel.networkSecurityGroups == serial.networkSecurityGroups)
        #expect(parallel.diagnostics.map(\.description) == serial.diagnostics.map(\.description))
        #expect(parallel.diagnostics.contains { $0.id == "input.resource.duplicate" })
        #expect(parallel.countsByTypeAndRegion == serial.countsByTypeAndRegion)
    }
}
