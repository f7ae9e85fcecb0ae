import Foundation
import NetTwinCore
import Yams

/// Flows that must stay reachable or must stay blocked (`diff --require`, `resilience --require`), in YAML:
///
///     reachable:                       # must not become Unreachable
///       - from: app-orders-weu         # SOURCE, as `nettwin reach` takes it
///         to: sqlmi-weu                # DESTINATION, as `nettwin reach` takes it
///         port: 1433
///     blocked:                         # must not become Reachable
///       - from: internet:203.0.113.5
///         to: sqlmi-weu
///         endpoint: public             # optional: vnet-local, public, private
///         port: 3342
///
/// or one list `flows:` whose items carry `expect: reachable | blocked`. Optional keys: `protocol` (TCP, UDP),
/// `source-ip`, `endpoint`, `name` (shown in reports). Unknown keys are errors, so that a typo never drops a
/// requirement. An Unknown verdict (undecidable offline) violates neither kind, and is said.
struct Requirement: Sendable {
    enum Expect: String, Sendable { case reachable, blocked }
    var expect: Expect
    var from: String
    var to: String
    var port: UInt16
    var flowProtocol: Reach.FlowProtocol = .tcp
    var sourceIP: String?
    var endpoint: Reach.Endpoint?
    var name: String?

    var text: String {
        name ?? "\(from) → \(to) \(flowProtocol.rawValue)/\(port)\(endpoint.map { " (\($0.rawValue) endpoint)" } ?? "") stays \(expect == .reachable ? "reachable" : "blocked")"
    }
}

enum RequirementsFile {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static let keys: Set<String> = ["from", "to", "port", "protocol", "source-ip", "sourceIP", "endpoint", "name", "expect"]

    static func load(path: String) throws(Problem) -> [Requirement] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "cannot read '\(path)'") }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) throws(Problem) -> [Requirement] {
        let root: Any?
        do {
            root = try YAMLLimits.load(text, path: path)
        } catch {
            throw Problem(description: "\(error)")
        }
        guard let top = root as? [String: Any] else { throw Problem(description: "\(path): expected a mapping with 'reachable', 'blocked' or 'flows' at the top level") }
        for key in top.keys where !["reachable", "blocked", "flows"].contains(key) {
            throw Problem(description: "\(path): unknown key '\(key)' (expected reachable, blocked, flows)")
        }
        var result: [Requirement] = []
        for (section, expect) in [("reachable", Requirement.Expect.reachable), ("blocked", .blocked), ("flows", nil)] {
            guard let value = top[section] else { continue }
            guard let items = value as? [Any] else { throw Problem(description: "\(path): '\(section)' must be a list of flows") }
            for (i, item) in items.enumerated() {
                let at = "\(path): \(section)[\(i)]"
                guard let flow = item as? [String: Any] else { throw Problem(description: "\(at): expected a mapping with from, to and port") }
                for key in flow.keys where !keys.contains(key) {
                    throw Problem(description: "\(at): unknown key '\(key)' (expected \(keys.sorted().joined(separator: ", ")))")
                }
                func string(_ key: String) throws(Problem) -> String? {
                    guard let value = flow[key] else { return nil }
                    if let text = value as? String { return text }
                    if let number = value as? Int { return String(number) }
                    throw Problem(description: "\(at): '\(key)' must be a string")
                }
                guard let from = try string("from"), !from.isEmpty else { throw Problem(description: "\(at): 'from' (the source) is missing") }
                guard let to = try string("to"), !to.isEmpty else { throw Problem(description: "\(at): 'to' (the destination) is missing") }
                guard let portValue = flow["port"] else { throw Problem(description: "\(at): 'port' is missing") }
                guard let portNumber = (portValue as? Int) ?? (portValue as? String).flatMap({ Int($0) }), let port = UInt16(exactly: portNumber) else {
                    throw Problem(description: "\(at): 'port' must be a port number 0-65535, found '\(portValue)'")
                }
                var requirement: Requirement
                if let expect {
                    if flow["expect"] != nil { throw Problem(description: "\(at): 'expect' belongs in 'flows' items; under '\(section)' it is implied") }
                    requirement = Requirement(expect: expect, from: from, to: to, port: port)
                } else {
                    guard let text = try string("expect"), let value = Requirement.Expect(rawValue: text.lowercased()) else {
                        throw Problem(description: "\(at): 'expect' must be reachable or blocked")
                    }
                    requirement = Requirement(expect: value, from: from, to: to, port: port)
                }
                if let text = try string("protocol") {
                    guard let value = Reach.FlowProtocol(argument: text) else { throw Problem(description: "\(at): 'protocol' must be TCP or UDP, found '\(text)'") }
                    requirement.flowProtocol = value
                }
                let dashed = try string("source-ip")
                let camel = try string("sourceIP")
                requirement.sourceIP = dashed ?? camel
                if let text = try string("endpoint") {
                    guard let value = Reach.Endpoint(rawValue: text.lowercased()) else { throw Problem(description: "\(at): 'endpoint' must be vnet-local, public or private, found '\(text)'") }
                    requirement.endpoint = value
                }
                requirement.name = try string("name")
                result.append(requirement)
            }
        }
        if result.isEmpty { throw Problem(description: "\(path): no flow is required (add items under 'reachable', 'blocked' or 'flows')") }
        return result
    }

    /// Whether each requirement holds on a topology, with the verdict and its first blocker.
    static func evaluate(_ requirements: [Requirement], topology: Topology, serviceTags: ServiceTagTable) throws -> [(text: String, holds: Bool, detail: String)] {
        let engine = ReachabilityEngine(topology: topology, serviceTags: serviceTags)
        var result: [(text: String, holds: Bool, detail: String)] = []
        for requirement in requirements {
            let source = try Reach.parseSource(requirement.from, sourceIP: requirement.sourceIP, in: topology)
            let proto: ProtocolSet = requirement.flowProtocol == .udp ? .udp : .tcp
            let answer: ReachResult
            if let target = try DestinationParser(topology: topology, endpoint: requirement.endpoint).parse(requirement.to, source: source) {
                answer = engine.reach(from: source, to: target, port: requirement.port, protocol: proto)
            } else {
                do {
                    answer = try engine.reach(from: source, name: requirement.to, port: requirement.port, protocol: proto).1
                } catch {
                    printError("error: requirement '\(requirement.text)': names are resolved from a VNet; give the destination as an IP or a resource for an outside source")
                    throw ExitStatus.badInput
                }
            }
            let holds = requirement.expect == .reachable ? answer.verdict != .unreachable : answer.verdict != .reachable
            var detail = answer.verdict.rawValue
            if let blocker = answer.blockers.first { detail += ": \(blocker.code.rawValue) \(blocker.message)" }
            if answer.verdict == .unknown { detail += " (undecidable offline: \(answer.assumptions.last ?? "see reach"))" }
            result.append((requirement.text, holds, detail))
        }
        return result
    }
}
