// nettwin-bench: micro-benchmarks for NetTwin. Usage: nettwin-bench <subcommand> [args...]
//
// Subcommands:
//   addressing [PATH]   parse/union/LPM benchmarks over Azure service-tag prefixes
//                       (PATH defaults to ../shared/data/ServiceTags_Public.json)
//   topology [VNETS] [SUBNETS] [RULES]
//                       generated enterprise (default 1000 VNets × 10 subnets, 50 rules per NSG):
//                       load and build, effective routes of every subnet, IP flow verify
//   matrix [VNETS] [SUBNETS] [RULES] [CHANGES]
//                       the reachability matrix on the managed instance ports, a diff of one rule change,
//                       incremental updates after random single rule changes

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
let subcommand = arguments.first ?? "help"
let rest = Array(arguments.dropFirst())

switch subcommand {
case "addressing":
    exit(AddressingBench.run(arguments: rest))
case "topology":
    exit(TopologyBench.run(arguments: rest))
case "matrix":
    exit(MatrixBench.run(arguments: rest))
case "resilience":
    exit(ResilienceBench.run(arguments: rest))
case "help", "-h", "--help":
    print("usage: nettwin-bench <subcommand> [args]\n  addressing [PATH]   service-tag prefix parse/union/LPM benchmarks\n  topology [VNETS] [SUBNETS] [RULES]   generated enterprise: load, routes, IP flow verify\n  matrix [VNETS] [SUBNETS] [RULES] [CHANGES]   matrix, diff and incremental updates")
default:
    print("nettwin-bench: unknown subcommand '\(subcommand)'; try 'nettwin-bench help'")
    exit(2)
}
