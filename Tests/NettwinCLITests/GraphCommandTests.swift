import Foundation
import Testing

/// `nettwin graph`: golden DOT files for the bundled examples (reviewed as pictures when written: Tests/Golden), the
/// facts of each example visible in them, a traced path with its blocker, Mermaid, SVG through Graphviz where installed.
@Suite struct GraphCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func golden(_ name: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent("Tests/Golden/\(name)"), encoding: .utf8)
    }

    @Test(arguments: [("Examples/secure-sqlmi", "graph-secure-sqlmi.dot"), ("Examples/hub-firewall", "graph-hub-firewall.dot")])
    func goldenDOT(example: String, file: String) throws {
        let result = try run(["graph", example])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try golden(file)), "regenerate with: nettwin graph \(example) > Tests/Golden/\(file) (and look at the picture)")
        // Deterministic: a second run gives the same bytes.
        #expect(try run(["graph", example]).stdout == result.stdout)
    }

    /// What the example README states must be in the picture: the MI in its delegated subnet with the redirect range,
    /// both HSM private endpoints Approved, the hub peering flags (gateway transit on the hub side, remote gateways on the
    /// spoke side), the site-to-site connection to on-premises 192.168.0.0/16, the DNS zone linked to the VNets.
    @Test func exampleFactsAreDrawn() throws {
        let dot = try run(["graph", "Examples/secure-sqlmi"]).stdout
        #expect(dot.contains("SQL MI sqlmi-weu\\nVNet-local 1433, redirect 11000-11999"))
        #expect(dot.contains("delegated to Microsoft.Sql/managedInstances"))
        #expect(dot.components(separatedBy: "private link managedhsm: Approved").count - 1 == 2)
        #expect(dot.contains("vnet-hub-weu: forwarded, gateway transit"))
        #expect(dot.contains("vnet-sqlmi-weu: forwarded, remote gateways"))
        #expect(dot.contains("local network gateway lng-onprem\\n192.168.0.0/16"))
        #expect(dot.contains("private DNS zone privatelink.managedhsm.azure.net"))
        #expect(dot.contains("failover group fog-sqlmi"))
    }

    /// The NSG of the instance subnet denies TCP 3342 from 1.2.3.4 (only 198.51.100.0/28 and 203.0.113.64/27 are
    /// allowed, per the example README): the subnet is marked with the blocker code, the source is step 1.
    @Test func tracedPathWithBlocker() throws {
        let blocked = try run(["graph", "Examples/secure-sqlmi", "--path", "internet:1.2.3.4", "sqlmi-weu", "--endpoint", "public", "--port", "3342"])
        #expect(blocked.status == 0, "\(blocked.stderr)")
        #expect(blocked.stdout.contains("Unreachable — BLOCKED NSG_DENY_INBOUND"))
        #expect(blocked.stdout.contains("delegated to Microsoft.Sql/managedInstances\\nBLOCKED NSG_DENY_INBOUND\", shape=box"))
        #expect(blocked.stdout.contains("peripheries=2"), "the blocker is not shown by colour alone")
        #expect(blocked.stdout.contains("Internet\\n1.2.3.4\\npath step 1"))
        let open = try run(["graph", "Examples/secure-sqlmi", "--path", "internet:198.51.100.7", "sqlmi-weu", "--endpoint", "public", "--port", "3342"])
        #expect(open.stdout.contains("TCP/3342: Reachable"))
        #expect(!open.stdout.contains("BLOCKED"))
        #expect(open.stdout.contains("label=\"step "))
        let bad = try run(["graph", "Examples/secure-sqlmi", "--path", "only-one"])
        #expect(bad.status != 0)
    }

    /// Without the firewall policy's SNAT, the private endpoint's replies bypass the firewall the requests crossed
    /// (private-link/inspect-traffic-with-azure-firewall.md, as HubFirewallExampleTests checks for reach): the return
    /// path differs, and is drawn back to the source, past the firewall.
    @Test func returnPathDrawnWhenItDiffers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-graph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["network.json", "data.json"] {
            var text = try String(contentsOf: Self.root.appendingPathComponent("Examples/hub-firewall/\(name)"), encoding: .utf8)
            text = text.replacingOccurrences(of: "\"snat\": {\"privateRanges\": [\"255.255.255.255/32\"]},", with: "")
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let asymmetric = try run(["graph", folder.path, "--path", "nic-vm-app", "sql-orders.database.windows.net", "--port", "1433"])
        #expect(asymmetric.stdout.contains("BLOCKED ASYMMETRIC_ROUTING"))
        #expect(asymmetric.stdout.contains("label=\"return: replies bypass the appliance the requests crossed\""))
        // With SNAT (the example as shipped) the replies come back through the firewall: no return edge.
        let symmetric = try run(["graph", "Examples/hub-firewall", "--path", "nic-vm-app", "sql-orders.database.windows.net", "--port", "1433"])
        #expect(!symmetric.stdout.contains("label=\"return"))
    }

    @Test func mermaidAndScope() throws {
        let mermaid = try run(["graph", "Examples/secure-sqlmi", "--format", "mermaid"])
        #expect(mermaid.stdout.contains("flowchart LR"))
        #expect(mermaid.stdout.contains("subgraph cluster_region_"))
        let lines = mermaid.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.count { $0.hasPrefix("subgraph ") } == lines.count { $0 == "end" }, "every subgraph is closed")
        let neu = try run(["graph", "Examples/secure-sqlmi", "--scope", "northeurope"])
        #expect(neu.stdout.contains("region northeurope"))
        #expect(!neu.stdout.contains("subnet snet-app-integration"))
        // vnet-sqlmi-weu is peered with vnet-sqlmi-neu: drawn folded, as outside the scope.
        #expect(neu.stdout.contains("(outside the scope)"))
        let vnets = try run(["graph", "Examples/secure-sqlmi", "--detail", "vnets"])
        #expect(!vnets.stdout.contains("subnet snet-pe"))
        #expect(vnets.stdout.contains("vnet-hub-weu\\n10.0.0.0/16\\n2 subnet(s)"))
        #expect(try run(["graph", "Examples/secure-sqlmi", "--scope", "nowhere"]).status == 2)
    }

    @Test func svgThroughGraphviz() throws {
        let hasDot = ["/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        guard hasDot else {
            print("skipped: Graphviz 'dot' is not installed (apt-get install graphviz)")
            return
        }
        for example in ["Examples/secure-sqlmi", "Examples/hub-firewall"] {
            let svg = try run(["graph", example, "--format", "svg"])
            #expect(svg.status == 0, "\(svg.stderr)")
            #expect(svg.stdout.contains("<svg"))
            #expect(svg.stdout.contains("</svg>"))
        }
    }
}

/// `nettwin report`: one self-contained page (nothing loaded from the network), with the reach answers embedded as
/// data. The browser itself is exercised by Scripts/report-browser-test.sh.
@Suite struct ReportCommandTests {
    @Test func selfContainedPageWithEmbeddedAnswers() throws {
        let result = try run(["report", "Examples/secure-sqlmi"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = result.stdout
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Offline: no external script, style sheet, image or frame (links to the guidance are plain anchors).
        for loader in ["<script src", "<link ", "<img ", "<iframe", "@import", "url(http"] {
            #expect(!html.contains(loader), "the page loads '\(loader)'")
        }
        #expect(html.contains("<section id=\"reach\"") && html.contains("<section id=\"findings\"") && html.contains("<section id=\"exposure\"") && html.contains("<section id=\"matrix\""))
        // The embedded answers: the public endpoint admits 198.51.100.0/28 and 203.0.113.64/27 only (example README), so
        // the default Internet address 203.0.113.10 is blocked at the instance subnet's NSG.
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"reach-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let data = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
        let sources = try #require(data?["sources"] as? [String])
        let destinations = try #require(data?["destinations"] as? [String])
        let answers = try #require(data?["answers"] as? [String: [String: Any]])
        let internet = try #require(sources.firstIndex(of: "Internet 203.0.113.10"))
        let publicEndpoint = try #require(destinations.firstIndex(of: "SQL MI sqlmi-weu public endpoint, TCP 3342"))
        let blocked = try #require(answers["\(internet)|\(publicEndpoint)"])
        #expect(blocked["verdict"] as? String == "Unreachable")
        #expect((blocked["lines"] as? [String])?.contains { $0.hasPrefix("BLOCKED NSG_DENY_INBOUND") } == true)
        #expect(blocked["blocked"] is String, "the blocking element is named for the picture")
        let vm = try #require(sources.firstIndex(of: "VM vm-jump-weu"))
        let local = try #require(destinations.firstIndex(of: "SQL MI sqlmi-weu VNet-local, TCP 1433"))
        #expect(answers["\(vm)|\(local)"]?["verdict"] as? String == "Reachable")
        if ["/usr/bin/dot", "/usr/local/bin/dot"].contains(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            #expect(html.contains("<svg role=\"img\""))
            #expect(!html.contains("<?xml"), "inline SVG without its XML prolog")
        } else {
            #expect(html.contains("Graphviz DOT source"))
        }
    }
}
