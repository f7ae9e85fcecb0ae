import ArgumentParser
import NetTwinCore

/// `--nic N | --subnet VNET/SUBNET | --ip ADDRESS`, for the questions asked of a NIC or a subnet.
struct TargetOptions: ParsableArguments {
    @Option(help: "The NIC: its name or full resource ID.") var nic: String?
    @Option(help: "The subnet: VNET/SUBNET or its full resource ID.") var subnet: String?
    @Option(help: "A private address: the NIC that has it, or else the subnet that holds it (a managed instance, a private endpoint).") var ip: String?

    var count: Int { [nic, subnet, ip].compactMap({ $0 }).count }

    func validate() throws {
        guard count <= 1 else { throw ValidationError("give exactly one of --nic, --subnet and --ip") }
    }

    func address() throws -> IPAddress? { try ip.map { try parseAddress($0, option: "--ip") } }
}
