import NetTwinCore
import Testing

/// ARM resource IDs (azure-resource-manager/management/resource-name-rules.md: names and IDs are
/// case-insensitive; IDs have the form /subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{type}/{name}).
@Suite struct ResourceIDTests {
    let subnet = "/subscriptions/0000/resourceGroups/RG-Net/providers/Microsoft.Network/virtualNetworks/VNet1/subnets/Default"

    @Test func comparesCaseInsensitivelyAndPrintsAsGiven() {
        let a = ResourceID(subnet)
        let b = ResourceID(subnet.lowercased())
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.description == subnet)
        #expect(Set([a, b]).count == 1)
    }

    @Test func trailingSlashIsIgnored() {
        #expect(ResourceID(subnet + "/") == ResourceID(subnet))
    }

    @Test func partsOfAChildID() throws {
        let id = ResourceID(subnet)
        #expect(id.isWellFormed)
        #expect(id.resourceType == "Microsoft.Network/virtualNetworks/subnets")
        #expect(id.name == "Default")
        #expect(id.names == ["VNet1", "Default"])
        #expect(id.subscriptionID == "0000")
        #expect(id.resourceGroup == "RG-Net")
        let parent = try #require(id.parent)
        #expect(parent.text == "/subscriptions/0000/resourceGroups/RG-Net/providers/Microsoft.Network/virtualNetworks/VNet1")
        #expect(parent.parent == nil)
        #expect(parent.child("subnets", "Default") == id)
    }

    @Test func failoverGroupUnderALocation() {
        let id = ResourceID("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/locations/westeurope/instanceFailoverGroups/fog")
        #expect(id.resourceType == "Microsoft.Sql/locations/instanceFailoverGroups")
        #expect(id.names == ["westeurope", "fog"])
    }

    @Test func extensionResourceUsesTheInnermostProvider() {
        let id = ResourceID("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1/providers/Microsoft.Insights/diagnosticSettings/d1")
        #expect(id.resourceType == "Microsoft.Insights/diagnosticSettings")
        #expect(id.name == "d1")
    }

    @Test(arguments: ["", "/", "not-an-id", "/subscriptions", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks"])
    func malformedIDs(text: String) {
        #expect(!ResourceID(text).isWellFormed)
    }

    @Test func makeBuildsWhatResourceIdBuilds() {
        // template-functions-resource.md, resourceId: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/{resourceProviderNamespace}/{resourceType}/{resourceName}"
        let id = ResourceID.make(subscription: "s", resourceGroup: "rg", type: "Microsoft.Network/virtualNetworks/subnets", names: ["v", "a"])
        #expect(id.text == "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a")
    }
}
