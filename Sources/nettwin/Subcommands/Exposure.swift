import ArgumentParser
import NetTwinCore
import NetTwinRender

struct Exposure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who can reach a resource on a port: every source, per location, as exact address sets.",
        discussion: """
            RESOURCE is an IP, a NIC or VM, or a SQL managed instance (--endpoint vnet-local or public). For each \
            subnet in the input, each on-premises range and the Internet, the source prefixes that get through \
            and the path that lets them. --from internet answers only "is this reachable from the Internet, from \
            where". Exit status 0 (an answer), 2 for bad input.
            """
    )

    enum From: String, ExpressibleByArgument, CaseIterable { case internet, all }

    @Argument(help: "The destination.") var resource: String
    @Option(help: "Destination port.") var port: UInt16 = 1433
    @Option(help: "For a managed instance: vnet-local or public.") var endpoint: Reach.Endpoint?
    @Option(help: "internet: only sources on the Internet; all (default): every location.") var from: From = .all
    @OptionGroup var inputs: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let (topology, tags) = try inputs.load()
        let destination: ReachDestination
        if let address = IPAddress(resource) {
            destination = .address(address)
        } else if let instance = topology.sqlManagedInstances.values.first(where: { $0.header.name.lowercased() == resource.lowercased() || $0.id == ResourceID(resource) }) {
            destination = endpoint == .public ? .managedInstancePublic(instance.id) : .managedInstanceVNetLocal(instance.id)
        } else if let vm = topology.virtualMachines.values.first(where: { $0.header.name.lowercased() == resource.lowercased() }), let nic = vm.networkInterfaces.first {
            destination = .networkInterface(nic)
        } else {
            destination = .networkInterface(try lookup { () throws(LookupError) in try topology.networkInterface(named: resource) }.id)
        }
        let result = ExposureEngine(topology: topology, serviceTags: tags).exposure(of: destination, port: port, internetOnly: from == .internet)
        switch output.format {
        case .text: try output.write(ExposureRendering.text(result, destination: resource))
        case .json: try output.writeJSON(ExposureRendering.json(result, destination: resource))
        }
    }
}
