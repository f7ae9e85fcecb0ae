import ArgumentParser
import NetTwinCore
import NetTwinRender

struct Tags: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What a service tag expands to in a given place: VirtualNetwork and Internet as a subnet sees them, regional tags in a region.",
        discussion: """
            VirtualNetwork depends on the place: the VNet's address space, peered networks (unless the peering disallows \
            access to the remote network), on-premises prefixes behind gateways, user route prefixes and the host's virtual \
            IP 168.63.129.16 (service-tags-overview.md); each part is listed with where it comes from. Other tags come from \
            the service tag data (--service-tags for a newer download); --region picks the regional tag (Sql → \
            Sql.WestEurope). Exit status: 0 answered; 2 unknown tag, place or input.
            """
    )

    @Argument(help: "The tag (VirtualNetwork, Internet, AzureLoadBalancer, Sql, Storage.WestEurope, …).") var name: String
    @Option(help: "The NIC whose subnet is the place.") var nic: String?
    @Option(help: "The subnet (VNET/SUBNET or its ID) that is the place.") var subnet: String?
    @Option(help: "The region for a regional tag (westeurope).") var region: String?
    @OptionGroup var inputs: InputOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if nic != nil && subnet != nil { throw ValidationError("give at most one of --nic and --subnet") }
    }

    func run() throws {
        let (topology, tags) = try inputs.load()
        var place: Subnet?
        if let nic {
            let interface = try lookup { () throws(LookupError) in try topology.networkInterface(named: nic) }
            place = interface.primaryIPConfiguration?.subnet.flatMap { topology.subnets[$0] }
        } else if let subnet {
            place = try lookup { () throws(LookupError) in try topology.subnet(named: subnet) }
        }
        let verifier = IPFlowVerifier(security: SecurityEngine(topology: topology, serviceTags: tags))
        guard let expansion = verifier.expandTag(name, subnet: place?.id, region: self.region) else {
            printError("error: '\(name)' is not a service tag in the service tag data (change number \(tags.changeNumber.map(String.init) ?? "none")) nor VirtualNetwork, Internet or AzureLoadBalancer")
            throw ExitStatus.badInput
        }
        let placeText = place.map { "subnet \($0.virtualNetwork.name)/\($0.header.name)" }
        switch output.format {
        case .text: try output.write(TagRendering.text(expansion, place: placeText), whatIf: topology.scenarioNotes)
        case .json: try output.writeJSON(TagRendering.json(expansion, place: placeText), whatIf: topology.scenarioNotes)
        }
    }
}
