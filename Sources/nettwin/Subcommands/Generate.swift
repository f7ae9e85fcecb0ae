import ArgumentParser
import Foundation
import NetTwinCore

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a generated enterprise network as exported resource JSON, for scale tests and benchmarks.",
        discussion: """
            Hub-and-spoke per region (hubs peered with each other, spokes with their hub using its VPN gateway), \
            one NSG and one NIC per subnet, a route table per spoke sending 0.0.0.0/0 to the hub's appliance, \
            and a private endpoint in every tenth spoke. VNet i is 10.0.0.0/8 + i × /22; subnets are /26.
            """
    )

    @Option(help: "Number of virtual networks (at most 16384).") var vnets = 1000
    @Option(help: "Subnets per virtual network (at most 15).") var subnets = 10
    @Option(help: "Custom rules per network security group.") var rules = 50
    @Option(name: [.short, .long], help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        let bytes = EnterpriseGenerator(virtualNetworks: vnets, subnetsPerVirtualNetwork: subnets, rulesPerNetworkSecurityGroup: rules).generate()
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
                throw ValidationError("cannot write '\(output)'")
            }
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
