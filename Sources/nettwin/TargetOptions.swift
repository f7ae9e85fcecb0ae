import ArgumentParser
import NetTwinCore

/// `--nic N | --subnet VNET/SUBNET`, for the questions asked of a NIC or a subnet.
struct TargetOptions: ParsableArguments {
    @Option(help: "The NIC: its name or full resource ID.") var nic: String?
    @Option(help: "The subnet: VNET/SUBNET or its full resource ID.") var subnet: String?

    func validate() throws {
        guard (nic == nil) != (subnet == nil) else { throw ValidationError("give exactly one of --nic and --subnet") }
    }
}
