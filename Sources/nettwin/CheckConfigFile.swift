import Foundation
import NetTwinChecks
import NetTwinCore
import Yams

/// Reads the YAML configuration of `nettwin check --config`:
///
///     thresholds:
///       publicSourcePrefixLimit: 24     # report public-endpoint sources of /24 or wider
///       sqlFirewallMaxAddresses: 10     # NT-SQL-004: public addresses a SQL server firewall may admit
///       sqlFirewallMaxRules: 10         # NT-SQL-005: firewall rules a SQL server may have
///     knownPorts: [8080, 9200]          # NT-NET-003 reports these too when open to the Internet (besides 80)
///     knownSources:                     # never reported as exposure
///       - 198.51.100.0/28
///     suppressions:
///       - rule: NT-NET-001              # or "*"
///         resource: nsg-jump            # a name, or a full resource ID (its children match too)
///         reason: bastion migration, ticket OPS-123
///
/// Unknown keys and missing reasons are errors (a typo must not silently disable a rule).
enum CheckConfigFile {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func load(path: String) throws(Problem) -> CheckConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "cannot read '\(path)'") }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) throws(Problem) -> CheckConfiguration {
        let root: Any?
        do {
            root = try YAMLLimits.load(text, path: path)
        } catch {
            throw Problem(description: "\(error)")
        }
        var configuration = CheckConfiguration()
        guard let root else { return configuration }
        guard let top = root as? [String: Any] else { throw Problem(description: "\(path): expected a mapping at the top level") }
        for key in top.keys where !["thresholds", "knownSources", "knownPorts", "suppressions"].contains(key) {
            throw Problem(description: "\(path): unknown key '\(key)' (expected thresholds, knownSources, knownPorts, suppressions)")
        }
        if let thresholds = top["thresholds"] {
            guard let map = thresholds as? [String: Any] else { throw Problem(description: "\(path): 'thresholds' must be a mapping") }
            for (key, value) in map {
                switch key {
                case "publicSourcePrefixLimit":
                    guard let limit = value as? Int, (0...32).contains(limit) else {
                        throw Problem(description: "\(path): 'thresholds.publicSourcePrefixLimit' must be a prefix length from 0 to 32, found '\(value)'")
                    }
                    configuration.publicSourcePrefixLimit = limit
                case "sqlFirewallMaxAddresses":
                    guard let limit = value as? Int, limit >= 0 else {
                        throw Problem(description: "\(path): 'thresholds.sqlFirewallMaxAddresses' must be a number of addresses (0 or more), found '\(value)'")
                    }
                    configuration.sqlFirewallMaxAddresses = UInt64(limit)
                case "sqlFirewallMaxRules":
                    guard let limit = value as? Int, limit >= 0 else {
                        throw Problem(description: "\(path): 'thresholds.sqlFirewallMaxRules' must be a number of rules (0 or more), found '\(value)'")
                    }
                    configuration.sqlFirewallMaxRules = limit
                default:
                    throw Problem(description: "\(path): unknown threshold '\(key)' (expected publicSourcePrefixLimit, sqlFirewallMaxAddresses, sqlFirewallMaxRules)")
                }
            }
        }
        if let known = top["knownSources"] {
            guard let list = known as? [Any] else { throw Problem(description: "\(path): 'knownSources' must be a list of prefixes") }
            var prefixes: [IPPrefix] = []
            for item in list {
                let text = "\(item)"
                if let prefix = try? IPPrefix(parsing: text) {
                    prefixes.append(prefix)
                } else if let address = IPAddress(text) {
                    prefixes.append(IPPrefix(address))
                } else {
                    throw Problem(description: "\(path): 'knownSources' entry '\(text)' is not an IP address or prefix")
                }
            }
            configuration.knownSources = IPAddressSet(prefixes: prefixes)
        }
        if let ports = top["knownPorts"] {
            guard let list = ports as? [Any] else { throw Problem(description: "\(path): 'knownPorts' must be a list of TCP ports") }
            for item in list {
                guard let port = item as? Int, (1...65535).contains(port) else {
                    throw Problem(description: "\(path): 'knownPorts' entry '\(item)' is not a port from 1 to 65535")
                }
                if !configuration.knownPorts.contains(UInt16(port)) { configuration.knownPorts.append(UInt16(port)) }
            }
        }
        if let suppressions = top["suppressions"] {
            guard let list = suppressions as? [Any] else { throw Problem(description: "\(path): 'suppressions' must be a list") }
            for (index, item) in list.enumerated() {
                guard let map = item as? [String: Any] else { throw Problem(description: "\(path): suppression \(index + 1) must be a mapping") }
                for key in map.keys where !["rule", "resource", "reason"].contains(key) {
                    throw Problem(description: "\(path): suppression \(index + 1) has unknown key '\(key)' (expected rule, resource, reason)")
                }
                guard let rule = map["rule"] as? String, !rule.isEmpty else { throw Problem(description: "\(path): suppression \(index + 1) needs 'rule' (a rule id or '*')") }
                guard rule == "*" || CheckCatalog.rule(id: rule) != nil else { throw Problem(description: "\(path): suppression \(index + 1) names unknown rule '\(rule)'") }
                guard let resource = map["resource"] as? String, !resource.isEmpty else { throw Problem(description: "\(path): suppression \(index + 1) needs 'resource' (a name or resource ID)") }
                guard let reason = map["reason"] as? String, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw Problem(description: "\(path): suppression \(index + 1) needs a 'reason'")
                }
                configuration.suppressions.append(Suppression(ruleID: rule, resource: resource, reason: reason))
            }
        }
        return configuration
    }
}
