import Foundation
import NetTwinARM
import NetTwinCore
import Testing

/// Every template of the corpus (/work/shared/corpus/arm/*/azuredeploy.json, with its
/// azuredeploy.parameters.json when present) expands without errors.
struct ARMCorpusTests {
    static let folders: [String] = {
        guard ARMSupport.corpusPresent, let items = try? FileManager.default.contentsOfDirectory(atPath: ARMSupport.corpus) else { return [] }
        return items.filter { FileManager.default.fileExists(atPath: "\(ARMSupport.corpus)/\($0)/azuredeploy.json") }.sorted()
    }()

    static func expand(_ folder: String) -> ExpansionResult {
        let params = "\(ARMSupport.corpus)/\(folder)/azuredeploy.parameters.json"
        return TemplateExpander(context: DeploymentContext()).expand(templatePath: "\(ARMSupport.corpus)/\(folder)/azuredeploy.json",
            parametersPath: FileManager.default.fileExists(atPath: params) ? params : nil)
    }

    @Test("corpus template expands with zero errors", .enabled(if: ARMSupport.corpusPresent), arguments: folders)
    func expandsWithoutErrors(_ folder: String) {
        let result = Self.expand(folder)
        let errors = ARMSupport.errors(result)
        #expect(errors.isEmpty, "\(folder): \(errors.map(\.description).joined(separator: "\n"))")
        #expect(!result.documents.isEmpty || result.diagnostics.contains { $0.id == ARMDiagnosticID.templateLinkRemote }
            || ["avm-hub-networking", "docs-linked-template-relpath"].contains(folder), "\(folder) expanded to no resource")
    }

    @Test("the corpus folder is there", .enabled(if: ARMSupport.corpusPresent))
    func corpusListed() {
        #expect(Self.folders.count >= 60)
    }

    /// Templates that need a template from a URL get the link diagnostic, and only warnings.
    @Test(.enabled(if: ARMSupport.corpusPresent))
    func remoteLinksAreDiagnosed() {
        for folder in ["nsg-add-to-existing-subnet", "sqlmi-demo-nested-vnet", "traffic-manager-demo-setup"] {
            let r = Self.expand(folder)
            #expect(r.diagnostics.contains { $0.id == ARMDiagnosticID.templateLinkRemote && $0.severity == .warning }, "\(folder)")
            #expect(ARMSupport.errors(r).isEmpty)
        }
    }

    /// Linked templates by relative path, three levels (docs-linked-template-relpath): the outputs
    /// flow back through reference(...).outputs.
    @Test(.enabled(if: ARMSupport.corpusPresent))
    func relativePathLinks() throws {
        let r = Self.expand("docs-linked-template-relpath")
        #expect(ARMSupport.errors(r).isEmpty)
        let grand = try String(contentsOfFile: "\(ARMSupport.corpus)/docs-linked-template-relpath/children/grandchildren/nestedGrandchild.json", encoding: .utf8)
        let out = r.outputs.first { $0.name == "fromSibling" }?.value
        // The grandchild's literal output value travels up two levels.
        if case .string(let s)? = out { #expect(grand.contains(s)) } else { Issue.record("fromSibling is \(String(describing: out))") }
    }

    /// Template analyzer's InnerOuterScopeFail (ta-inner-outer-scope): outer scope uses the parent's
    /// parameters and variables; inner scope uses the nested template's own.
    @Test(.enabled(if: ARMSupport.corpusPresent))
    func innerOuterScope() {
        let r = Self.expand("ta-inner-outer-scope")
        #expect(ARMSupport.errors(r).isEmpty)
        let zones = r.documents.filter { ARMSupport.string($0, "/type") == "Microsoft.Network/dnszones" }
        let sites = r.documents.filter { ARMSupport.string($0, "/type") == "Microsoft.Web/sites" }
        #expect(zones.count == 3)   // 2 from the copied outer-scope deployment, 1 inner
        #expect(sites.count == 4)   // 2 outer + 2 from the inner copy loop
        let outerZones = zones.filter { ARMSupport.string($0, "/name") == "from main template" }
        #expect(outerZones.count == 2)
        #expect(outerZones.allSatisfy { ARMSupport.string($0, "/location") == "default" })
        let innerZone = zones.first { ARMSupport.string($0, "/name") == "from nested template2" }
        #expect(innerZone.flatMap { ARMSupport.string($0, "/location") } == "notdefault")
        let outerSites = sites.filter { ARMSupport.string($0, "/name") == "withoutSpecifyingProperties" }
        #expect(outerSites.count == 2)
        #expect(outerSites.allSatisfy { ARMSupport.string($0, "/properties/siteConfig/ftpsState") == "FtpsOnly" })
        let innerSites = sites.filter { ARMSupport.string($0, "/name")?.hasSuffix("storage" + Hashing_uniqueRG()) == true }
        #expect(innerSites.count == 2)
        #expect(innerSites.allSatisfy { ARMSupport.string($0, "/properties/siteConfig/ftpsState") == "undesiredValue" })
    }

    /// uniqueString(resourceGroup().id) for the default context.
    func Hashing_uniqueRG() -> String {
        let (v, _) = ARMSupport.evaluate("[uniqueString(resourceGroup().id)]")
        if case .string(let s)? = v { return s }
        return "?"
    }

    /// Template analyzer's DoubleNestedFail (ta-double-nested): both levels' sites are found, the inner
    /// one with its literal ftpsState; the resource group parameter has no value, so ids are unknown.
    @Test(.enabled(if: ARMSupport.corpusPresent))
    func doubleNested() {
        let r = Self.expand("ta-double-nested")
        #expect(ARMSupport.errors(r).isEmpty)
        let names = r.documents.compactMap { ARMSupport.string($0, "/name") }
        #expect(names == ["withoutSpecifyingProperties", "undesiredFtpsState"])
        #expect(r.documents.allSatisfy { ARMSupport.string($0, "/location") == "westeurope" })
        #expect(ARMSupport.string(r.documents[1], "/properties/siteConfig/ftpsState") == "undesiredValue")
        #expect(r.unknowns.contains { $0.pointer.description == "/id" })
        #expect(r.diagnostics.contains { $0.id == ARMDiagnosticID.parameterMissing && $0.severity == .warning })
    }

    @Test("whole corpus expands in under 10 s (debug build)", .enabled(if: ARMSupport.corpusPresent))
    func timing() {
        let start = Date()
        for f in Self.folders { _ = Self.expand(f) }
        let elapsed = Date().timeIntervalSince(start)
        print("corpus: \(Self.folders.count) templates expanded in \(String(format: "%.3f", elapsed)) s")
        #expect(elapsed < 10)
    }
}

/// Remote linked templates mapped to the local copies the corpus ships (DeploymentContext.templateURIMappings).
struct URIMappingTests {
    @Test(.enabled(if: ARMSupport.corpusPresent))
    func mappedRemoteLinksExpand() {
        let folder = "\(ARMSupport.corpus)/web-app-regional-vnet-private-endpoint-sql-storage"
        var context = DeploymentContext()
        let plain = TemplateExpander(context: context).expand(templatePath: folder + "/azuredeploy.json", parametersPath: folder + "/azuredeploy.parameters.json")
        context.templateURIMappings = ["https://raw.githubusercontent.com/Azure/azure-quickstart-templates/master/301-web-app-regional-vnet-private-endpoint-sql-storage/": folder]
        let mapped = TemplateExpander(context: context).expand(templatePath: folder + "/azuredeploy.json", parametersPath: folder + "/azuredeploy.parameters.json")
        #expect(ARMSupport.errors(mapped).isEmpty, "\(ARMSupport.errors(mapped))")
        #expect(!mapped.diagnostics.contains { $0.id == ARMDiagnosticID.templateLinkRemote })
        #expect(mapped.documents.count > plain.documents.count)
        #expect(mapped.documents.contains { ARMSupport.string($0, "/type")?.lowercased() == "microsoft.network/virtualnetworks" })
        #expect(mapped.documents.contains { $0.file.path.hasSuffix("nestedtemplates/vnets.json") })
    }
}

