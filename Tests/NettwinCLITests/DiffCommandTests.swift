import Foundation
import NetTwinCore
import Testing

/// `nettwin diff` on copies of Examples/secure-sqlmi with one change each. The flows expected to change are derived
/// from the example's README (address plan, peerings, security rules) and the articles cited; the test checks that
/// `diff` reports exactly those flows and names the changed property as the cause.
@Suite struct DiffCommandTests {
    static let example = packageRoot.appendingPathComponent("Examples/secure-sqlmi")

    /// A copy of a bundled example whose JSON files are edited by `edit(fileName, json)`.
    static func copy(_ name: String = "secure-sqlmi", edit: (String, inout Any) -> Void) throws -> URL {
        let source = packageRoot.appendingPathComponent("Examples/\(name)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) where file.hasSuffix(".json") {
            let data = try Data(contentsOf: source.appendingPathComponent(file))
            var json = try JSONSerialization.jsonObject(with: data)
            edit(file, &json)
            try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted]).write(to: folder.appendingPathComponent(file))
        }
        return folder
    }

    /// Applies `change` to every JSON object (depth first) for which `match` holds.
    static func visit(_ value: inout Any, _ change: (inout [String: Any]) -> Void) {
        if var object = value as? [String: Any] {
            change(&object)
            for key in object.keys {
                var child = object[key]!
                visit(&child, change)
                object[key] = child
            }
            value = object
        } else if var array = value as? [Any] {
            for i in array.indices { visit(&array[i], change) }
            value = array
        }
    }

    static func diff(_ after: URL, _ extra: [String] = []) throws -> (json: JSONNode, status: Int32, stderr: String) {
        let result = try run(["diff", "--before", example.path, "--after", after.path, "--format", "json"] + extra)
        let root = try JSONParser.parse(Array(result.stdout.utf8)).root
        return (root, result.status, result.stderr)
    }

    static func changes(_ root: JSONNode) -> [JSONNode] { root["changes"]?.arrayValue ?? [] }

    /// nsg-sqlmi-weu's allow_tds_inbound (1000, TCP 1433 from VirtualNetwork) narrowed to the app integration subnet
    /// 10.2.0.0/26. With Redirect a client needs 1433 and 11000-11999 (connection-types-overview.md); 11000-11999 is
    /// still open to VirtualNetwork, so only 1433 changes. The instance's subnet keeps its own rule 101
    /// (mi-internal-in: 10.1.0.0/24 any port). So 1433 closes, to the instance's VNet-local endpoint (and its subnet's
    /// address space and its two names, which lead to it), for every source that the VirtualNetwork tag of
    /// vnet-sqlmi-weu held other than 10.1.0.0/24 and 10.2.0.0/26: the hub's subnets 10.0.0.0/27 and 10.0.1.0/24, the
    /// PE subnet 10.1.1.0/24, the VM subnet 10.2.1.0/24, the NEU VNet's 10.11.0.0/23 (global peering), and on-premises
    /// 192.168.0.0/16 (gateway transit).
    /// The copy with nsg-sqlmi-weu's allow_tds_inbound narrowed to the app integration subnet.
    static func tdsRuleNarrowed() throws -> URL {
        try copy { file, json in
            guard file == "network-weu.json" else { return }
            visit(&json) { object in
                guard object["name"] as? String == "allow_tds_inbound", var properties = object["properties"] as? [String: Any],
                    (properties["destinationAddressPrefix"] as? String) == "10.1.0.0/24" else { return }
                properties["sourceAddressPrefix"] = "10.2.0.0/26"
                object["properties"] = properties
            }
        }
    }

    @Test func nsgRuleTightened() throws {
        let after = try Self.tdsRuleNarrowed()
        defer { try? FileManager.default.removeItem(at: after) }
        let (root, status, stderr) = try Self.diff(after, ["--ports", "1433,11000-11999,3342,443"])
        #expect(status == 0, "\(stderr)")
        let changes = Self.changes(root)
        #expect(!changes.isEmpty)
        for change in changes {
            #expect(change["direction"]?.stringValue == "closes")
            #expect(change["ports"]?.arrayValue?.compactMap(\.stringValue) == ["1433"])
            #expect(change["gainedPrefixes"]?.arrayValue?.isEmpty == true)
            let cause = change["causes"]?.arrayValue?.first
            #expect(cause?["resourceId"]?.stringValue?.hasSuffix("nsg-sqlmi-weu/securityRules/allow_tds_inbound") == true)
            #expect(cause?["properties"]?.arrayValue?.first?["path"]?.stringValue == "properties.sourceAddressPrefix")
            #expect(cause?["properties"]?.arrayValue?.first?["after"]?.stringValue == "\"10.2.0.0/26\"")
        }
        let managedInstance = try #require(changes.first { $0["destination"]?["kind"]?.stringValue == "ManagedInstance" && $0["destination"]?["name"]?.stringValue == "sqlmi-weu" })
        #expect(managedInstance["lostPrefixes"]?.arrayValue?.compactMap(\.stringValue)
            == ["10.0.0.0/27", "10.0.1.0/24", "10.1.1.0/24", "10.2.1.0/24", "10.11.0.0/23", "192.168.0.0/16"])
        // Destinations that change: the instance's endpoint, its subnet's address space (the same address), and the
        // host names that lead there (the instance's name and the read-write listener, as the WEU instance is primary).
        let destinations = Set(changes.compactMap { $0["destination"]?["name"]?.stringValue })
        #expect(destinations == ["sqlmi-weu", "vnet-sqlmi-weu/snet-sqlmi", "sqlmi-weu.a1b2c3d4e5f6.database.windows.net", "fog-sqlmi.a1b2c3d4e5f6.database.windows.net"])
    }

    /// The WEU zone's link to vnet-sqlmi-weu removed: from that VNet, hsm-nettwin.managedhsm.azure.net no longer
    /// resolves through the private zone, so it leads to the HSM's public endpoint, whose public network access is
    /// disabled (private-endpoint-dns.md; managed-hsm/network-security.md). Only that name, from that VNet's two
    /// subnets (10.1.0.0/23), on 443 changes; the cause is the removed link.
    @Test func privateDnsZoneLinkRemoved() throws {
        let after = try Self.copy { file, json in
            guard file == "dns.json", var root = json as? [String: Any], let values = root["value"] as? [[String: Any]] else { return }
            root["value"] = values.filter { !(($0["id"] as? String)?.hasSuffix("/virtualNetworkLinks/link-vnet-sqlmi-weu") ?? false) }
            json = root
        }
        defer { try? FileManager.default.removeItem(at: after) }
        let (root, status, stderr) = try Self.diff(after, ["--ports", "443,1433"])
        #expect(status == 0, "\(stderr)")
        let changes = Self.changes(root)
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        #expect(change["destination"]?["name"]?.stringValue == "hsm-nettwin.managedhsm.azure.net")
        #expect(change["ports"]?.arrayValue?.compactMap(\.stringValue) == ["443"])
        #expect(change["lostPrefixes"]?.arrayValue?.compactMap(\.stringValue) == ["10.1.0.0/23"])
        #expect(change["after"]?["verdict"]?.stringValue == "Unreachable")
        let cause = try #require(change["causes"]?.arrayValue?.first)
        #expect(cause["change"]?.stringValue == "Removed")
        #expect(cause["resourceId"]?.stringValue?.hasSuffix("privatelink.managedhsm.azure.net/virtualNetworkLinks/link-vnet-sqlmi-weu") == true)
        // The TDE rule sees the same break.
        #expect(root["findingsAdded"]?.arrayValue?.contains { $0["ruleId"]?.stringValue == "NT-TDE-001" } == true)
    }

    /// allowForwardedTraffic cleared on the hub's peering to vnet-sqlmi-weu. The setting admits traffic "forwarded by a
    /// network virtual appliance in the remote virtual network" (virtual-network-manage-peering.md); the example's hub
    /// has no appliance or firewall (README) and gateway transit is a separate setting, so no flow changes. The
    /// resource change is still listed.
    @Test func forwardedTrafficClearedWithoutAnApplianceChangesNoFlow() throws {
        let after = try Self.copy { file, json in
            guard file == "network-weu.json" else { return }
            Self.visit(&json) { object in
                guard (object["id"] as? String)?.hasSuffix("vnet-hub-weu/virtualNetworkPeerings/peer-hub-weu-to-sqlmi-weu") == true
                    || (object["name"] as? String) == "peer-hub-weu-to-sqlmi-weu",
                    var properties = object["properties"] as? [String: Any], properties["allowForwardedTraffic"] != nil else { return }
                properties["allowForwardedTraffic"] = false
                object["properties"] = properties
            }
        }
        defer { try? FileManager.default.removeItem(at: after) }
        let (root, status, stderr) = try Self.diff(after)
        #expect(status == 0, "\(stderr)")
        #expect(Self.changes(root).isEmpty)
        let resources = root["resourceChanges"]?.arrayValue ?? []
        #expect(resources.count == 1)
        #expect(resources.first?["properties"]?.arrayValue?.first?["path"]?.stringValue == "properties.allowForwardedTraffic")
    }

    /// The HSM's owner rejects pe-hsm-weu (both sides of the connection read Rejected, as Azure shows them).
    /// "Only private endpoints in an Approved state can send traffic" (private-endpoint-overview.md): 443 to the
    /// endpoint closes from every source that reached it, and the name closes from the VNets whose linked zone points
    /// at 10.1.1.4 (the WEU zone: hub, app and sqlmi-weu VNets); vnet-sqlmi-neu resolves to pe-hsm-neu, unchanged.
    @Test func privateEndpointConnectionRejected() throws {
        let after = try Self.copy { file, json in
            Self.visit(&json) { object in
                guard var properties = object["properties"] as? [String: Any], var state = properties["privateLinkServiceConnectionState"] as? [String: Any] else { return }
                let endpointSide = (object["id"] as? String)?.contains("privateEndpoints/pe-hsm-weu/") == true
                let serviceSide = (properties["privateEndpoint"] as? [String: Any])?["id"].map { "\($0)".hasSuffix("privateEndpoints/pe-hsm-weu") } == true
                guard endpointSide || serviceSide else { return }
                state["status"] = "Rejected"
                properties["privateLinkServiceConnectionState"] = state
                object["properties"] = properties
            }
        }
        defer { try? FileManager.default.removeItem(at: after) }
        let (root, status, stderr) = try Self.diff(after, ["--ports", "443"])
        #expect(status == 0, "\(stderr)")
        let changes = Self.changes(root)
        let endpoint = try #require(changes.first { $0["destination"]?["name"]?.stringValue == "pe-hsm-weu" })
        #expect(endpoint["after"]?["blocker"]?["code"]?.stringValue == "PRIVATE_ENDPOINT_NOT_APPROVED")
        let name = try #require(changes.first { $0["destination"]?["name"]?.stringValue == "hsm-nettwin.managedhsm.azure.net" })
        let sources = Set(name["sources"]?.arrayValue?.compactMap { $0["name"]?.stringValue?.split(separator: "/").first.map(String.init) } ?? [])
        #expect(sources == ["vnet-hub-weu", "vnet-app-weu", "vnet-sqlmi-weu"])
        for change in changes {
            #expect(change["direction"]?.stringValue == "closes")
            let causes = change["causes"]?.arrayValue ?? []
            #expect(causes.first?["properties"]?.arrayValue?.first?["path"]?.stringValue == "properties.privateLinkServiceConnectionState.status")
            #expect(causes.first?["properties"]?.arrayValue?.first?["after"]?.stringValue == "\"Rejected\"")
        }
        #expect(Set(changes.compactMap { $0["destination"]?["name"]?.stringValue }) == ["pe-hsm-weu", "vnet-sqlmi-weu/snet-pe", "hsm-nettwin.managedhsm.azure.net"])
    }

    /// --git: the working tree against a commit of a temporary repository; the before side is read with git archive,
    /// and causes on that side are named REV:path.
    @Test func againstAGitRevision() throws {
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: repo) }
        func git(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", repo.path, "-c", "user.email=test@example.com", "-c", "user.name=test"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CancellationError() }
        }
        do { try git(["init", "-q"]) } catch { return }  // no git on this machine: nothing to test
        let folder = repo.appendingPathComponent("net")
        try FileManager.default.copyItem(at: Self.example, to: folder)
        try git(["add", "."])
        try git(["commit", "-q", "-m", "base"])
        // In the working tree, the PE subnet's NSG stops allowing HTTPS from the VNet.
        let path = folder.appendingPathComponent("network-weu.json")
        let text = try String(contentsOf: path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"name\": \"allow_hsm_https_inbound\"", with: "\"name\": \"allow_hsm_https_inbound\", \"x\": 1")
        // Rewrite the rule's access through JSON to keep the file valid.
        var json = try JSONSerialization.jsonObject(with: Data(edited.utf8))
        Self.visit(&json) { object in
            guard object["name"] as? String == "allow_hsm_https_inbound", var properties = object["properties"] as? [String: Any],
                (properties["destinationAddressPrefix"] as? String)?.hasPrefix("10.1.1.") == true else { return }
            object.removeValue(forKey: "x")
            properties["access"] = "Deny"
            object["properties"] = properties
        }
        Self.visit(&json) { object in object.removeValue(forKey: "x") }
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted]).write(to: path)
        let result = try run(["diff", "--git", "HEAD", folder.path, "--ports", "443", "--format", "markdown"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("closes TCP/443 on pe-hsm-weu"), "\(result.stdout)")
        #expect(result.stdout.contains("allow_hsm_https_inbound"))
        #expect(result.stdout.contains("`properties.access`: `\"Allow\"` → `\"Deny\"`"), "\(result.stdout)")
        // A small change embeds a Mermaid picture of the changed flows; a closed flow is dashed and says "closes".
        #expect(result.stdout.contains("```mermaid\nflowchart LR"))
        #expect(result.stdout.contains("-.->|\"closes TCP/443"))
        // An unknown revision is a clear error.
        let bad = try run(["diff", "--git", "no-such-revision", folder.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("no-such-revision"))
    }

    /// --require: a flow that must stay reachable and is now blocked exits 1 and says so; one that holds passes.
    @Test func requiredFlows() throws {
        let after = try Self.tdsRuleNarrowed()
        defer { try? FileManager.default.removeItem(at: after) }
        let requirements = after.appendingPathComponent("require.yaml")
        try """
            reachable:
              - from: app-orders-weu
                to: sqlmi-weu
                port: 1433
              - from: vm-jump-weu
                to: sqlmi-weu
                port: 1433
            blocked:
              - from: internet:203.0.113.5
                to: sqlmi-weu
                endpoint: public
                port: 3342
            """.write(to: requirements, atomically: true, encoding: .utf8)
        let result = try run(["diff", "--before", Self.example.path, "--after", after.path, "--ports", "1433", "--require", requirements.path])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Requirements: 1 violated of 3"), "\(result.stdout)")
        #expect(result.stdout.contains("VIOLATED: vm-jump-weu → sqlmi-weu TCP/1433 stays reachable"))
        // A typo in the file is an error, not a dropped requirement.
        try "reachable:\n  - from: a\n    too: b\n    port: 1\n".write(to: requirements, atomically: true, encoding: .utf8)
        let typo = try run(["diff", "--before", Self.example.path, "--after", after.path, "--require", requirements.path])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("unknown key 'too'"))
    }
}
