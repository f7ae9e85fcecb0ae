import Foundation
import NetTwinARM
import NetTwinCore
import NetTwinRender
import Testing

/// Every corpus template (one folder at a time, with its parameters file) expands into a model with no
/// error diagnostic, and every question NetTwin answers about subnets and NICs works on it. Skipped when
/// `../shared/corpus` is not beside the repository.
@Suite struct CorpusQueryTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/arm")

    static var folders: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
    }

    @Test func everyTemplateFolderModelsWithoutErrorsAndAnswersQuestions() throws {
        guard FileManager.default.fileExists(atPath: Self.corpus.path) else { return }
        #expect(Self.folders.count >= 60)
        var subnetsSeen = 0
        for folder in Self.folders {
            var loaded = InputLoader().load(paths: [Self.corpus.appendingPathComponent(folder).path])
            loaded.expandTemplates(TemplateOptions())
            let topology = TopologyBuilder().build(loaded.documents)
            let errors = (loaded.diagnostics + topology.diagnostics).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(folder): \(errors.map(\.description).joined(separator: "\n"))")
            let engine = RouteEngine(topology: topology, serviceTags: bundledTags)
            let verifier = IPFlowVerifier(security: SecurityEngine(topology: topology, serviceTags: bundledTags, routes: engine))
            for subnet in topology.subnets.values {
                subnetsSeen += 1
                let table = engine.effectiveRoutes(of: subnet)
                // Every subnet has its VNet's local route(s) and the default Internet route (virtual-networks-udr-overview.md).
                #expect(table.routes.contains { $0.nextHopType == .internet && $0.source == .default }, "\(folder) \(subnet.id)")
                _ = verifier.virtualNetworkTag(subnet: subnet.id)
            }
            for nic in topology.networkInterfaces.values {
                guard let address = nic.primaryIPConfiguration?.privateIPAddress else { continue }
                let result = verifier.evaluate(.init(direction: .inbound, protocol: .tcp, localAddress: address, localPort: 443, remoteAddress: ip("203.0.113.9"), remotePort: 50000), nic: nic, explain: true)
                if result.groups.isEmpty { #expect(result.access == .allow) }
            }
        }
        #expect(subnetsSeen > 50)
    }

    /// reach and exposure on every corpus template that has NICs, managed instances or SQL servers: every answer
    /// is well formed (an Unreachable verdict has a blocker; every exposure location admits someone; a location
    /// that exposure lists is one reach calls reachable from its representative address).
    @Test func reachAndExposureAnswerOnEveryTemplate() throws {
        guard FileManager.default.fileExists(atPath: Self.corpus.path) else { return }
        var questions = 0
        for folder in Self.folders {
            var loaded = InputLoader().load(paths: [Self.corpus.appendingPathComponent(folder).path])
            loaded.expandTemplates(TemplateOptions())
            let topology = TopologyBuilder().build(loaded.documents)
            let nics = topology.networkInterfaces.values.filter { $0.primaryIPConfiguration?.subnet != nil }.sorted { $0.id < $1.id }.prefix(3)
            var destinations: [ReachDestination] = nics.map { .networkInterface($0.id) }
            destinations += topology.sqlManagedInstances.keys.sorted().map { .managedInstanceVNetLocal($0) }
            destinations += topology.sqlServers.keys.sorted().map { .sqlServer($0) }
            guard !destinations.isEmpty else { continue }
            let engine = ReachabilityEngine(topology: topology, serviceTags: bundledTags)
            let sources: [ReachSource] = nics.map { .networkInterface($0.id) } + [.internet(ip("203.0.113.9"))]
            for destination in destinations {
                for source in sources {
                    let result = engine.reach(from: source, to: destination, port: 1433)
                    questions += 1
                    if result.verdict == .unreachable { #expect(!result.blockers.isEmpty, "\(folder)") }
                    if result.verdict == .reachable { #expect(result.blockers.isEmpty, "\(folder)") }
                }
                let exposure = ExposureEngine(topology: topology, serviceTags: bundledTags).exposure(of: destination, port: 1433)
                for entry in exposure.entries {
                    #expect(!entry.allowed.isEmpty, "\(folder) \(entry.name)")
                    #expect(entry.path.verdict != .unreachable || entry.path.blockers.allSatisfy { [.nsgDenyInbound, .nsgDenyOutbound, .firewallDeny].contains($0.code) }, "\(folder) \(entry.name)")
                }
            }
        }
        #expect(questions > 20)
    }
}
