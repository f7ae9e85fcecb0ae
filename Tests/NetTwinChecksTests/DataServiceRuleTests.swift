import NetTwinChecks
import NetTwinCore
import Testing

/// NT-TLS-001, NT-SQL-001..003, NT-ACL-001, NT-SE-001. Expected values from connectivity-settings.md
/// (minimal TLS; deny public network access), firewall-configure.md (0.0.0.0-0.0.0.0 is "Allow Azure
/// services"), storage-network-security.md (defaultAction) and vnet-service-endpoint-rule-overview.md
/// (the SQL service endpoint applies within the VNet's region only).
@Suite struct DataServiceRuleTests {
    @Test func minimalTLS() throws {
        let old = findings(topology(Res.sqlServer("sql1", properties: "\"minimalTlsVersion\": \"1.0\"")), rule: "NT-TLS-001")
        #expect(try #require(old.first).message == "minimal tls version of sql server 'sql1' is '1.0'")
        let unset = findings(topology(Res.sqlServer("sql1", properties: "")), rule: "NT-TLS-001")
        #expect(try #require(unset.first).message == "minimal tls version of sql server 'sql1' is not set (all tls versions are accepted)")
        #expect(findings(topology(Res.sqlServer("sql1")), rule: "NT-TLS-001").isEmpty)
        let instance = topology(Res.vnet("v", "10.1.0.0/16", subnets: [("mi", "10.1.0.0/24", Res.miDelegation)]), Res.managedInstance("mi1", vnet: "v", subnet: "mi", tls: "1.1"))
        #expect(try #require(findings(instance, rule: "NT-TLS-001").first).message == "minimal tls version of managed instance 'mi1' is '1.1'")
    }

    @Test func allowAllAndAllowAzureFirewallRules() throws {
        let world = topology(Res.sqlServer("sql1"), Res.firewallRule(server: "sql1", "AllowAll", "0.0.0.0", "255.255.255.255"),
                             Res.firewallRule(server: "sql1", "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0"),
                             Res.firewallRule(server: "sql1", "office", "198.51.100.0", "198.51.100.15"))
        let all = findings(world, rule: "NT-SQL-001")
        #expect(all.count == 1)
        #expect(try #require(all.first).message == "firewall rule 'AllowAll' of sql server 'sql1' allows every ipv4 address (0.0.0.0-255.255.255.255)")
        let azure = findings(world, rule: "NT-SQL-002")
        #expect(azure.count == 1)
        #expect(try #require(azure.first).message == "firewall rule 'AllowAllWindowsAzureIps' of sql server 'sql1' allows all azure services (0.0.0.0-0.0.0.0)")
        let clean = topology(Res.sqlServer("sql1"), Res.firewallRule(server: "sql1", "office", "198.51.100.0", "198.51.100.15"))
        #expect(findings(clean, rule: "NT-SQL-001").isEmpty && findings(clean, rule: "NT-SQL-002").isEmpty)
        // With public network access disabled the firewall rules do not apply.
        let closed = topology(Res.sqlServer("sql1", properties: "\"minimalTlsVersion\": \"1.2\", \"publicNetworkAccess\": \"Disabled\""),
                              Res.firewallRule(server: "sql1", "AllowAll", "0.0.0.0", "255.255.255.255"))
        #expect(findings(closed, rule: "NT-SQL-001").isEmpty)
    }

    @Test func publicAccessWithPrivateEndpoint() throws {
        func world(_ access: String?) -> Topology {
            topology(
                Res.vnet("vnet1", "10.0.0.0/16", subnets: [("pe", "10.0.1.0/24", "")]),
                Res.sqlServer("sql1", properties: "\"minimalTlsVersion\": \"1.2\"" + (access.map { ", \"publicNetworkAccess\": \"\($0)\"" } ?? "")),
                Res.privateEndpoint("pe1", vnet: "vnet1", subnet: "pe", target: "Microsoft.Sql/servers/sql1", group: "sqlServer", status: "Approved", address: "10.0.1.4"))
        }
        #expect(try #require(findings(world("Enabled"), rule: "NT-SQL-003").first).message == "sql server 'sql1' has private endpoints and public network access 'Enabled'")
        #expect(findings(world(nil), rule: "NT-SQL-003").count == 1)
        #expect(findings(world("Disabled"), rule: "NT-SQL-003").isEmpty)
        #expect(findings(topology(Res.sqlServer("sql1", properties: "\"publicNetworkAccess\": \"Enabled\"")), rule: "NT-SQL-003").isEmpty)
    }

    @Test func networkAclsDefaultAllow() throws {
        func storage(_ properties: String) -> String {
            "{\"id\": \"\(Res.id("Microsoft.Storage/storageAccounts/st1"))\", \"type\": \"Microsoft.Storage/storageAccounts\", \"location\": \"westeurope\", \"kind\": \"StorageV2\", \"properties\": {\(properties)}}"
        }
        let vault = "{\"id\": \"\(Res.id("Microsoft.KeyVault/vaults/kv1"))\", \"type\": \"Microsoft.KeyVault/vaults\", \"location\": \"westeurope\", \"properties\": {}}"
        #expect(try #require(findings(topology(storage("\"networkAcls\": {\"defaultAction\": \"Allow\"}")), rule: "NT-ACL-001").first).message == "storage account 'st1' has networkacls defaultaction 'Allow'")
        #expect(try #require(findings(topology(vault), rule: "NT-ACL-001").first).message == "key vault 'kv1' has no networkacls (defaultaction defaults to 'Allow')")
        #expect(findings(topology(storage("\"networkAcls\": {\"defaultAction\": \"Deny\", \"bypass\": \"None\"}")), rule: "NT-ACL-001").isEmpty)
        #expect(findings(topology(storage("\"publicNetworkAccess\": \"Disabled\", \"networkAcls\": {\"defaultAction\": \"Allow\"}")), rule: "NT-ACL-001").isEmpty)
    }

    @Test func serviceEndpointFromAnotherRegion() throws {
        func world(_ region: String) -> Topology {
            topology(
                Res.vnet("vnet-neu", "10.5.0.0/16", location: region, subnets: [("app", "10.5.0.0/24", "\"serviceEndpoints\": [{\"service\": \"Microsoft.Sql\", \"locations\": [\"\(region)\"]}]")]),
                Res.sqlServer("sql1", location: "westeurope"), Res.vnetRule(server: "sql1", "from-app", vnet: "vnet-neu", subnet: "app"))
        }
        let found = findings(world("northeurope"), rule: "NT-SE-001")
        #expect(try #require(found.first).message == "virtual network rule 'from-app' of sql server 'sql1' (westeurope) names subnet 'vnet-neu/app' in northeurope: the service endpoint does not apply across regions")
        #expect(findings(world("westeurope"), rule: "NT-SE-001").isEmpty)
    }
}
