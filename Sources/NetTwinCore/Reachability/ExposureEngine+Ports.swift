/// "On which ports": the exposure over a port range, one question per class of ports that every rule on any path
/// treats alike (NSG rules, firewall rules, the endpoints' own ports), adjacent classes with the same answer merged.
extension ExposureEngine {
    /// One answer for a range of ports.
    public struct PortRangeResult: Sendable {
        public var ports: ClosedRange<UInt16>
        public var result: Result
    }

    /// The maximal ranges within `ports` whose ports no NSG rule, firewall rule or endpoint port rule tells apart.
    public func portClasses(within ports: PortSet) -> [ClosedRange<UInt16>] {
        var starts = Set<UInt32>()
        func cut(_ range: ClosedRange<UInt16>) {
            starts.insert(UInt32(range.lowerBound))
            starts.insert(UInt32(range.upperBound) + 1)
        }
        for nsg in topology.networkSecurityGroups.values {
            for rule in nsg.securityRules + nsg.defaultSecurityRules { rule.destinationPorts.ranges.forEach(cut) }
        }
        for firewall in topology.azureFirewalls.values {
            for (_, collection) in reach.firewalls.orderedCollections(of: firewall).collections {
                for rule in collection.networkRules { rule.destinationPorts.ranges.forEach(cut) }
                for rule in collection.applicationRules { rule.ports.forEach { cut($0...$0) } }
            }
        }
        // The endpoints' own ports: SQL (1433, redirect 11000-11999), the MI public endpoint (3342), HTTPS (443).
        for range: ClosedRange<UInt16> in [ReachabilityEngine.tdsPort...ReachabilityEngine.tdsPort, ReachabilityEngine.redirectPorts,
                                          ReachabilityEngine.publicEndpointPort...ReachabilityEngine.publicEndpointPort, 443...443] {
            cut(range)
        }
        var classes: [ClosedRange<UInt16>] = []
        let boundaries = starts.sorted()
        for range in ports.ranges {
            var low = UInt32(range.lowerBound)
            for start in boundaries where start > low && start <= UInt32(range.upperBound) {
                classes.append(UInt16(low)...UInt16(start - 1))
                low = start
            }
            classes.append(UInt16(low)...range.upperBound)
        }
        return classes
    }

    /// The exposure for every class of `ports`; classes with the same locations and sources are merged, and classes
    /// nobody reaches are left out.
    public func exposure(of destination: ReachDestination, ports: PortSet, protocol flowProtocol: ProtocolSet = .tcp, internetOnly: Bool = false) -> [PortRangeResult] {
        var results: [PortRangeResult] = []
        for portClass in portClasses(within: ports) {
            let result = exposure(of: destination, port: portClass.lowerBound, protocol: flowProtocol, internetOnly: internetOnly)
            guard !result.entries.isEmpty else { continue }
            if let last = results.last, UInt32(last.ports.upperBound) + 1 == UInt32(portClass.lowerBound),
                Self.sameAnswer(last.result, result)
            {
                results[results.count - 1].ports = last.ports.lowerBound...portClass.upperBound
            } else {
                results.append(PortRangeResult(ports: portClass, result: result))
            }
        }
        return results
    }

    static func sameAnswer(_ a: Result, _ b: Result) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.name == $1.name && $0.allowed == $1.allowed }
    }
}
