import Foundation
import NetTwinARM
import NetTwinCore
import Testing

/// The bundled example and the shared corpus of real templates.
@Suite struct ExampleAndCorpusTests {
    static let example = packageRoot.appendingPathComponent("Examples/secure-sqlmi").path

    /// The example loads with no error or warning; its content is the one its README describes
    /// (4 VNets, 8 subnets, 2 managed instances, one failover group, one HSM with two approved
    /// private endpoint connections, peerings in both directions).
    @Test func bundledExampleLoadsCleanly() throws {
        let loaded = InputLoader().load(paths: [Self.example])
        let topology = TopologyBuilder().build(loaded.documents)
        let problems = (loaded.diagnostics + topology.diagnostics).filter { $0.severity != .note }
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(!loaded.hasUnreadableInput)
        #expect(Set(loaded.files.map(\.kind)) == [.listResponse, .resourceArray, .resourceGraph, .singleResource])
        #expect(topology.virtualNetworks.count == 4)
        #expect(topology.subnets.count == 8)
        #expect(topology.sqlManagedInstances.count == 2)
        #expect(topology.instanceFailoverGroups.count == 1)
        #expect(topology.keyVaults.values.filter { $0.kind == .managedHSM }.count == 1)
        #expect(topology.privateEndpoints.count == 2)
        #expect(topology.externalReferences.isEmpty)
        // Every peering has its reverse.
        for peering in topology.peerings.values {
            let remote = try #require(peering.remoteVirtualNetwork)
            let reverse = topology.peerings.values.filter { $0.localVirtualNetwork == remote && $0.remoteVirtualNetwork == peering.localVirtualNetwork }
            #expect(reverse.count == 1, "\(peering.id)")
            #expect(peering.peeringState == .connected)
        }
        // The MI subnets are delegated and carry an NSG and a route table.
        for instance in topology.sqlManagedInstances.values {
            let subnet = try #require(instance.subnet.flatMap { topology.subnets[$0] })
            #expect(subnet.isDelegated(to: "Microsoft.Sql/managedInstances"))
            #expect(subnet.networkSecurityGroup != nil && subnet.routeTable != nil)
            #expect(instance.publicDataEndpointEnabled)
        }
        let connections = topology.privateEndpointConnections.values
        #expect(connections.count == 2 && connections.allSatisfy { $0.state.status == .approved })
    }

    /// Every file of the corpus is read without a crash and recognised for what it is. Skipped
    /// when `../shared/corpus` is not beside the repository.
    @Test func corpusFilesAreRecognised() {
        let corpus = sharedFolder.appendingPathComponent("corpus/arm")
        guard FileManager.default.fileExists(atPath: corpus.path) else { return }
        let loaded = InputLoader().load(paths: [corpus.path])
        #expect(loaded.files.count > 60)
        // Three function samples are excerpts from the docs, not whole JSON documents ("..." elisions,
        // a bare `"resources": [` fragment); they must be reported as unreadable at the first bad
        // character (positions read off the files by hand).
        let fragments: [String: (line: Int, column: Int)] = [
            "datetimeadd-automation.json": (31, 5), "float.json": (4, 5), "pickzones-cosmosdb.json": (1, 12),
        ]
        for file in loaded.files {
            let name = URL(fileURLWithPath: file.path).lastPathComponent
            if file.path.contains("/_function-samples/") && (name == "expected-outputs.json" || name == "hash-function-values.json") {
                continue  // transcriptions, not Azure inputs
            }
            if let position = fragments[name] {
                #expect(file.kind == .unreadable, "\(file.path)")
                let diagnostic = loaded.diagnostics.first { $0.location?.file == file.path }
                #expect(diagnostic?.id == DiagnosticID.jsonSyntax)
                #expect(diagnostic?.location?.line == position.line && diagnostic?.location?.column == position.column, "\(file.path)")
            } else if name.contains(".parameters") {
                #expect(file.kind == .deploymentParameters, "\(file.path)")
            } else {
                #expect(file.kind == .deploymentTemplate, "\(file.path) is \(file.kind)")
            }
        }
    }
}
