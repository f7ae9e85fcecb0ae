import NetTwinChecks
import NetTwinCore
import Testing

/// The rules of issue 13 A, each with a failing and a passing fixture. Expected values come from the articles each
/// rule cites (in its helpURI) and the reasoning written next to each case.
@Suite struct PeerRuleTests {
    static func storage(_ properties: String, name: String = "st1") -> String {
        "{\"id\": \"\(Res.id("Microsoft.Storage/storageAccounts/\(name)"))\", \"type\": \"Microsoft.Storage/storageAccounts\", \"location\": \"westeurope\", \"kind\": \"StorageV2\", \"properties\": {\(properties)}}"
    }
    static func vault(_ properties: String, name: String = "kv1") -> String {
        "{\"id\": \"\(Res.id("Microsoft.KeyVault/vaults/\(name)"))\", \"type\": \"Microsoft.KeyVault/vaults\", \"location\": \"westeurope\", \"properties\": {\(properties)}}"
    }

    /// storage.json (azure-rest-api-specs): "The default interpretation is TLS 1.0 for this property."
    @Test func storageMinimumTLS() throws {
        #expect(try #require(findings(topology(Self.storage("\"minimumTlsVersion\": \"TLS1_0\"")), rule: "NT-TLS-002").first).message == "minimum tls version of storage account 'st1' is 'TLS1_0'")
        #expect(findings(topology(Self.storage("\"minimumTlsVersion\": \"TLS1_1\"")), rule: "NT-TLS-002").count == 1)
        #expect(try #require(findings(topology(Self.storage("")), rule: "NT-TLS-002").first).message == "minimum tls version of storage account 'st1' is not set (tls 1.0 is accepted)")
        #expect(findings(topology(Self.storage("\"minimumTlsVersion\": \"TLS1_2\"")), rule: "NT-TLS-002").isEmpty)
    }

    /// private-link-service.md (Key Vault) and storage-private-endpoints.md: a private endpoint leaves the public endpoint
    /// open until publicNetworkAccess is Disabled.
    @Test func publicAccessBesidePrivateEndpoint() throws {
        func world(_ resource: String, target: String, group: String) -> Topology {
            topology(Res.vnet("v", "10.0.0.0/16", subnets: [("pe", "10.0.1.0/24", "")]), resource,
                     Res.privateEndpoint("pe1", vnet: "v", subnet: "pe", target: target, group: group, status: "Approved", address: "10.0.1.4"))
        }
        let open = world(Self.vault("\"publicNetworkAccess\": \"Enabled\""), target: "Microsoft.KeyVault/vaults/kv1", group: "vault")
        #expect(try #require(findings(open, rule: "NT-ACL-002").first).message == "key vault 'kv1' has private endpoints and public network access 'Enabled'")
        let unset = world(Self.storage("\"minimumTlsVersion\": \"TLS1_2\""), target: "Microsoft.Storage/storageAccounts/st1", group: "blob")
        #expect(try #require(findings(unset, rule: "NT-ACL-002").first).message == "storage account 'st1' has private endpoints and public network access not disabled")
        let closed = world(Self.vault("\"publicNetworkAccess\": \"Disabled\""), target: "Microsoft.KeyVault/vaults/kv1", group: "vault")
        #expect(findings(closed, rule: "NT-ACL-002").isEmpty)
        // No private endpoint: NT-ACL-001 (default action) is the rule for a public-only vault, not this one.
        #expect(findings(topology(Self.vault("\"publicNetworkAccess\": \"Enabled\"")), rule: "NT-ACL-002").isEmpty)
    }

    /// storage-network-security.md "Grant access to trusted Azure services": with defaultAction Deny, trusted services need
    /// bypass AzureServices (the default value of bypass).
    @Test func storageBypassWithoutAzureServices() throws {
        let none = topology(Self.storage("\"networkAcls\": {\"defaultAction\": \"Deny\", \"bypass\": \"None\"}"))
        #expect(try #require(findings(none, rule: "NT-ACL-003").first).message == "storage account 'st1' denies by default and its bypass 'None' leaves out azureservices")
        #expect(findings(topology(Self.storage("\"networkAcls\": {\"defaultAction\": \"Deny\", \"bypass\": \"Logging, Metrics\"}")), rule: "NT-ACL-003").count == 1)
        #expect(findings(topology(Self.storage("\"networkAcls\": {\"defaultAction\": \"Deny\", \"bypass\": \"Logging, AzureServices\"}")), rule: "NT-ACL-003").isEmpty)
        #expect(findings(topology(Self.storage("\"networkAcls\": {\"defaultAction\": \"Deny\"}")), rule: "NT-ACL-003").isEmpty)
        // With Allow the firewall admits everyone; NT-ACL-001 reports that instead.
        #expect(findings(topology(Self.storage("\"networkAcls\": {\"defaultAction\": \"Allow\", \"bypass\": \"None\"}")), rule: "NT-ACL-003").isEmpty)
    }

    /// firewall-configure.md: each rule admits startIpAddress..endIpAddress inclusive; 0.0.0.0-0.0.0.0 is "Allow Azure
    /// services" (NT-SQL-002's). Limits 10 addresses and 10 rules by default (PSRule's figures).
    @Test func sqlFirewallBreadthAndCount() throws {
        // 198.51.100.0-198.51.100.15 is 16 addresses: over 10.
        let wide = topology(Res.sqlServer("sql1"), Res.firewallRule(server: "sql1", "office", "198.51.100.0", "198.51.100.15"))
        #expect(try #require(findings(wide, rule: "NT-SQL-004").first).message == "the firewall rules of sql server 'sql1' admit 16 public ipv4 addresses (limit 10)")
        // Overlapping rules count each address once: 198.51.100.0-9 and 198.51.100.5-9 are 10 addresses.
        let overlap = topology(Res.sqlServer("sql1"), Res.firewallRule(server: "sql1", "a", "198.51.100.0", "198.51.100.9"), Res.firewallRule(server: "sql1", "b", "198.51.100.5", "198.51.100.9"),
                               Res.firewallRule(server: "sql1", "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0"))
        #expect(findings(overlap, rule: "NT-SQL-004").isEmpty)
        #expect(findings(wide, rule: "NT-SQL-004", configuration: CheckConfiguration(sqlFirewallMaxAddresses: 16)).isEmpty)
        // Private addresses (RFC 1918) never reach the public endpoint and are not counted.
        let privateRange = topology(Res.sqlServer("sql1"), Res.firewallRule(server: "sql1", "lan", "10.0.0.0", "10.0.255.255"))
        #expect(findings(privateRange, rule: "NT-SQL-004").isEmpty)
        let many = topology(["inline.json": "[" + ([Res.sqlServer("sql1")] + (1...11).map { Res.firewallRule(server: "sql1", "client\($0)", "203.0.113.\($0)", "203.0.113.\($0)") }).joined(separator: ",\n") + "]"])
        #expect(try #require(findings(many, rule: "NT-SQL-005").first).message == "sql server 'sql1' has 11 firewall rules (limit 10)")
        #expect(findings(many, rule: "NT-SQL-005", configuration: CheckConfiguration(sqlFirewallMaxRules: 11)).isEmpty)
        // Public network access disabled: the firewall rules do not apply (connectivity-settings.md).
        let closed = topology(Res.sqlServer("sql1", properties: "\"publicNetworkAccess\": \"Disabled\""), Res.firewallRule(server: "sql1", "office", "198.51.100.0", "198.51.100.255"))
        #expect(findings(closed, rule: "NT-SQL-004").isEmpty)
    }

    static func flexible(_ type: String, _ name: String, network: String) -> String {
        "{\"id\": \"\(Res.id("Microsoft.\(type)/flexibleServers/\(name)"))\", \"type\": \"Microsoft.\(type)/flexibleServers\", \"location\": \"westeurope\", \"properties\": {\"version\": \"16\", \"network\": {\(network)}}}"
    }
    static func flexibleRule(_ type: String, server: String, _ name: String, _ start: String, _ end: String) -> String {
        "{\"id\": \"\(Res.id("Microsoft.\(type)/flexibleServers/\(server)/firewallRules/\(name)"))\", \"type\": \"Microsoft.\(type)/flexibleServers/firewallRules\", \"name\": \"\(name)\", \"properties\": {\"startIpAddress\": \"\(start)\", \"endIpAddress\": \"\(end)\"}}"
    }

    /// concepts-networking-public.md / concepts-networking-private.md (PostgreSQL and MySQL flexible servers): a server is
    /// either VNet-integrated (delegated subnet, no public endpoint) or has public access guarded by firewall rules;
    /// 0.0.0.0-0.0.0.0 allows any Azure service (concepts-firewall-rules.md).
    @Test func flexibleServers() throws {
        let pg = "DBforPostgreSQL", my = "DBforMySQL"
        let open = topology(Self.flexible(pg, "pg1", network: "\"publicNetworkAccess\": \"Enabled\""),
                            Self.flexibleRule(pg, server: "pg1", "all", "0.0.0.0", "255.255.255.255"), Self.flexibleRule(pg, server: "pg1", "azure", "0.0.0.0", "0.0.0.0"))
        #expect(try #require(findings(open, rule: "NT-DB-001").first).message == "postgresql flexible server 'pg1' has public access (tcp 5432 on its public endpoint)")
        #expect(try #require(findings(open, rule: "NT-DB-002").first).message == "firewall rule 'all' of postgresql flexible server 'pg1' allows every ipv4 address (0.0.0.0-255.255.255.255)")
        #expect(try #require(findings(open, rule: "NT-DB-003").first).message == "firewall rule 'azure' of postgresql flexible server 'pg1' allows all azure services (0.0.0.0-0.0.0.0)")
        let mysql = topology(Self.flexible(my, "my1", network: "\"publicNetworkAccess\": \"Enabled\""))
        #expect(try #require(findings(mysql, rule: "NT-DB-001").first).message == "mysql flexible server 'my1' has public access (tcp 3306 on its public endpoint)")
        // VNet-integrated: no public endpoint, so neither the access nor the firewall rules count.
        let integrated = topology(
            Res.vnet("v", "10.0.0.0/16", subnets: [("db", "10.0.2.0/24", "\"delegations\": [{\"name\": \"pg\", \"properties\": {\"serviceName\": \"Microsoft.DBforPostgreSQL/flexibleServers\"}}]")]),
            Self.flexible(pg, "pg2", network: "\"delegatedSubnetResourceId\": \"\(Res.id("Microsoft.Network/virtualNetworks/v/subnets/db"))\", \"publicNetworkAccess\": \"Disabled\""),
            Self.flexibleRule(pg, server: "pg2", "all", "0.0.0.0", "255.255.255.255"))
        #expect(findings(integrated, rule: "NT-DB-001").isEmpty && findings(integrated, rule: "NT-DB-002").isEmpty)
        #expect(integrated.flexibleServers.values.first?.delegatedSubnet?.name == "db")
        let disabled = topology(Self.flexible(pg, "pg3", network: "\"publicNetworkAccess\": \"Disabled\""))
        #expect(findings(disabled, rule: "NT-DB-001").isEmpty)
        // The retired single server (Microsoft.DBforPostgreSQL/servers): publicNetworkAccess under properties, firewall
        // rules as children; absent means enabled (the corpus template managed-postgresql-with-vnet has 0.0.0.0-255.255.255.255).
        let single = topology(
            "{\"id\": \"\(Res.id("Microsoft.DBforPostgreSQL/servers/pgs"))\", \"type\": \"Microsoft.DBforPostgreSQL/servers\", \"location\": \"westeurope\", \"properties\": {\"version\": \"11\"}}",
            "{\"id\": \"\(Res.id("Microsoft.DBforPostgreSQL/servers/pgs/firewallRules/rule1"))\", \"type\": \"Microsoft.DBforPostgreSQL/servers/firewallRules\", \"name\": \"rule1\", \"properties\": {\"startIpAddress\": \"0.0.0.0\", \"endIpAddress\": \"255.255.255.255\"}}")
        #expect(try #require(findings(single, rule: "NT-DB-002").first).message == "firewall rule 'rule1' of postgresql single server 'pgs' allows every ipv4 address (0.0.0.0-255.255.255.255)")
        #expect(findings(single, rule: "NT-DB-001").first?.message == "postgresql single server 'pgs' has public access (tcp 5432 on its public endpoint)")
    }

    /// NT-NET-003: port 80 and the configured knownPorts, effectively open to the Internet (same evaluation as NT-NET-001).
    @Test func webAndKnownPorts() throws {
        func world(_ rules: String...) -> Topology {
            topology(Res.vnet("v", "10.0.0.0/16", subnets: [("web", "10.0.1.0/24", Res.nsgRef("nsg-web"))]), Res.nsg("nsg-web", rules.joined(separator: ", ")))
        }
        let http = world(Res.rule("allow_http", 100, "Inbound", "Allow", source: "Internet", ports: "80"))
        #expect(try #require(findings(http, rule: "NT-NET-003").first).message == "nsg 'nsg-web' rule 'allow_http' opens tcp 80 to the whole internet")
        // A higher-priority Deny takes the Internet out first.
        let denied = world(Res.rule("deny_http", 90, "Inbound", "Deny", source: "Internet", ports: "80"), Res.rule("allow_http", 100, "Inbound", "Allow", source: "Internet", ports: "80"))
        #expect(findings(denied, rule: "NT-NET-003").isEmpty)
        let elastic = world(Res.rule("allow_es", 100, "Inbound", "Allow", source: "*", ports: "9200"))
        #expect(findings(elastic, rule: "NT-NET-003").isEmpty)
        #expect(try #require(findings(elastic, rule: "NT-NET-003", configuration: CheckConfiguration(knownPorts: [9200])).first).message == "nsg 'nsg-web' rule 'allow_es' opens tcp 9200 to the whole internet")
    }

    /// NT-NET-004: subnets without an NSG, except those where Azure forbids or does not support one.
    @Test func subnetWithoutNSG() throws {
        let world = topology(Res.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", ""), ("GatewaySubnet", "10.0.255.0/27", ""), ("AzureFirewallSubnet", "10.0.254.0/26", ""),
                                                                    ("RouteServerSubnet", "10.0.253.0/27", ""), ("db", "10.0.2.0/24", Res.nsgRef("nsg-db")),
                                                                    // payment-hsm/solution-design.md: no NSG on the HSM's delegated subnet.
                                                                    ("hsm", "10.0.3.0/24", "\"delegations\": [{\"name\": \"hsm\", \"properties\": {\"serviceName\": \"Microsoft.HardwareSecurityModules/dedicatedHSMs\"}}]")]), Res.nsg("nsg-db"))
        let found = findings(world, rule: "NT-NET-004")
        #expect(found.map(\.message) == ["subnet 'v/app' has no network security group"])
    }

    /// NT-NET-005: an NSG associated with nothing.
    @Test func nsgAssociatedWithNothing() throws {
        let world = topology(Res.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", Res.nsgRef("nsg-used"))]), Res.nsg("nsg-used"), Res.nsg("nsg-left"))
        #expect(findings(world, rule: "NT-NET-005").map(\.message) == ["nsg 'nsg-left' is associated with no subnet and no network interface in the input"])
    }

    /// NT-NET-006: the default AllowVnetInBound (network-security-groups-overview.md "Default security rules") admits SSH
    /// from every other workload subnet of the VNet; a Deny from VirtualNetwork on 22 and 3389 closes it.
    @Test func lateralManagementAccess() throws {
        func world(_ rules: String...) -> Topology {
            topology(Res.vnet("v", "10.0.0.0/16", subnets: [("a", "10.0.1.0/24", Res.nsgRef("nsg-a")), ("b", "10.0.2.0/24", Res.nsgRef("nsg-b"))]),
                     Res.nsg("nsg-a", rules.joined(separator: ", ")), Res.nsg("nsg-b", Res.rule("deny_mgmt", 100, "Inbound", "Deny", source: "VirtualNetwork", ports: "*")),
                     Res.nic("nic-a", vnet: "v", subnet: "a", address: "10.0.1.4"), Res.nic("nic-b", vnet: "v", subnet: "b", address: "10.0.2.4"))
        }
        let open = findings(world(), rule: "NT-NET-006")
        #expect(open.map(\.message) == ["nsg 'nsg-a' rule 'AllowVnetInBound' admits tcp 22, 3389 into subnet 'v/a' from other workload subnets"])
        let closed = world(Res.rule("deny_ssh_rdp", 100, "Inbound", "Deny", source: "VirtualNetwork", ports: "22"), Res.rule("deny_rdp", 110, "Inbound", "Deny", source: "VirtualNetwork", ports: "3389"))
        #expect(findings(closed, rule: "NT-NET-006").isEmpty)
        // Allowed from one management subnet's prefix only: not the whole VNet, not reported.
        let managed = world(Res.rule("allow_ssh_b", 100, "Inbound", "Allow", source: "10.0.2.0/24", ports: "22"), Res.rule("deny_vnet", 200, "Inbound", "Deny", source: "VirtualNetwork", ports: "*"))
        #expect(findings(managed, rule: "NT-NET-006").isEmpty)
    }

    static func dnsVnet(_ servers: [String], subnets: String = "") -> String {
        let list = servers.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {"id": "\(Res.id("Microsoft.Network/virtualNetworks/v"))", "type": "Microsoft.Network/virtualNetworks", "location": "westeurope",
             "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "dhcpOptions": {"dnsServers": [\(list)]},
               "subnets": [{"name": "app", "id": "\(Res.id("Microsoft.Network/virtualNetworks/v/subnets/app"))", "properties": {"addressPrefix": "10.0.1.0/24"\(subnets)}},
                           {"name": "dns", "id": "\(Res.id("Microsoft.Network/virtualNetworks/v/subnets/dns"))", "properties": {"addressPrefix": "10.0.9.0/24", \(Res.nsgRef("nsg-dns"))}}]}}
            """
    }

    /// virtual-networks-name-resolution-for-vms-and-role-instances.md: with custom DNS servers every query goes to them on
    /// port 53; PSRule's Azure.VNET.SingleDNS asks for two.
    @Test func customDNSServers() throws {
        let dnsNSG = Res.nsg("nsg-dns", Res.rule("allow_dns", 100, "Inbound", "Allow", source: "VirtualNetwork", ports: "53", protocol: "*"))
        let single = topology(Self.dnsVnet(["10.0.9.4"]), dnsNSG)
        #expect(findings(single, rule: "NT-VNET-002").map(\.message) == ["virtual network 'v' uses a single custom dns server (10.0.9.4)"])
        #expect(findings(topology(Self.dnsVnet(["10.0.9.4", "10.0.9.5"]), dnsNSG), rule: "NT-VNET-002").isEmpty)
        #expect(findings(single, rule: "NT-VNET-003").isEmpty)
        // The DNS subnet's NSG denies 53 from the VNet: both servers unreachable from 'app' (and from 'dns' itself, whose
        // inbound rules apply between its own addresses too).
        let blockedNSG = Res.nsg("nsg-dns", Res.rule("deny_dns", 100, "Inbound", "Deny", source: "VirtualNetwork", ports: "53", protocol: "*"))
        let blocked = findings(topology(Self.dnsVnet(["10.0.9.4", "10.0.9.5"]), blockedNSG), rule: "NT-VNET-003")
        #expect(blocked.count == 2)
        #expect(blocked.first?.message == "dns server 10.0.9.4 of virtual network 'v' cannot be reached on port 53 from 2 of its 2 subnet(s)")
        #expect(blocked.first?.evidence.contains { $0.contains("NSG_DENY_INBOUND") } == true)
        // Only TCP denied: still reported (answers over 512 bytes fall back to TCP).
        let tcpOnly = Res.nsg("nsg-dns", Res.rule("deny_dns_tcp", 100, "Inbound", "Deny", source: "VirtualNetwork", ports: "53", protocol: "Tcp"))
        #expect(findings(topology(Self.dnsVnet(["10.0.9.4", "10.0.9.5"]), tcpOnly), rule: "NT-VNET-003").count == 2)
        // Azure's own resolver address is always reachable.
        #expect(findings(topology(Self.dnsVnet(["168.63.129.16"]), blockedNSG), rule: "NT-VNET-003").isEmpty)
    }
}

/// The one-pass reading of security rules (issue 13 B, load) finds every documented property, in any letter case, and
/// keeps the exact spelling when two spellings are given (as the member lookup it replaced did).
@Suite struct SecurityRuleReadingTests {
    @Test func everyPropertyInAnyCase() throws {
        let keys = ["priority", "direction", "access", "protocol", "sourcePortRange", "sourcePortRanges", "destinationPortRange",
                    "destinationPortRanges", "sourceAddressPrefix", "sourceAddressPrefixes", "destinationAddressPrefix",
                    "destinationAddressPrefixes", "sourceApplicationSecurityGroups", "destinationApplicationSecurityGroups", "description"]
        for spelling in [{ (k: String) in k }, { (k: String) in k.uppercased() }, { (k: String) in k.lowercased() }] {
            let asg = Res.id("Microsoft.Network/applicationSecurityGroups/asg1")
            let values: [String: String] = [
                "priority": "100", "direction": "\"Inbound\"", "access": "\"Deny\"", "protocol": "\"Udp\"", "sourcePortRange": "\"1000\"",
                "sourcePortRanges": "[\"2000-2001\"]", "destinationPortRange": "\"53\"", "destinationPortRanges": "[\"5353\"]",
                "sourceAddressPrefix": "\"10.0.0.0/24\"", "sourceAddressPrefixes": "[\"10.0.1.0/24\"]", "destinationAddressPrefix": "\"10.1.0.0/24\"",
                "destinationAddressPrefixes": "[\"10.1.1.0/24\"]", "sourceApplicationSecurityGroups": "[{\"id\": \"\(asg)\"}]",
                "destinationApplicationSecurityGroups": "[]", "description": "\"all of them\""]
            let properties = keys.map { "\"\(spelling($0))\": \(values[$0]!)" }.joined(separator: ", ")
            let world = topology(Res.nsg("nsg1", "{\"name\": \"r\", \"properties\": {\(properties)}}"),
                                 "{\"id\": \"\(asg)\", \"type\": \"Microsoft.Network/applicationSecurityGroups\", \"location\": \"westeurope\"}")
            let rule = try #require(world.networkSecurityGroups.values.first?.securityRules.first)
            #expect(rule.priority == 100 && rule.direction == .inbound && rule.access == .deny && rule.protocols == .udp)
            #expect(rule.sourcePortTexts == ["1000", "2000-2001"] && rule.destinationPortTexts == ["53", "5353"])
            #expect(rule.source.count == 3 && rule.destination.count == 2)
            #expect(rule.description == "all of them")
        }
        // Two spellings of one property: the documented one wins wherever it stands.
        let both = topology(Res.nsg("nsg1", "{\"name\": \"r\", \"properties\": {\"PRIORITY\": 300, \"priority\": 200, \"direction\": \"Inbound\", \"access\": \"Allow\", \"protocol\": \"Tcp\", \"sourceAddressPrefix\": \"*\", \"destinationAddressPrefix\": \"*\", \"sourcePortRange\": \"*\", \"destinationPortRange\": \"22\"}}"))
        #expect(both.networkSecurityGroups.values.first?.securityRules.first?.priority == 200)
    }
}
