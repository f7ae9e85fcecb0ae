import Foundation
import NetTwinChecks
import Testing

/// The catalog is well formed and Docs/CHECKS.md has an entry per rule with its guidance link and fix.
@Suite struct CatalogTests {
    @Test func idsAreUniqueAndGuidanceIsOnLearn() {
        let ids = CheckCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in CheckCatalog.all {
            #expect(rule.id.wholeMatch(of: /NT-[A-Z]+-\d{3}/) != nil, "\(rule.id)")
            #expect(rule.helpURI.hasPrefix("https://learn.microsoft.com/"), "\(rule.id)")
            #expect(!rule.rationale.isEmpty && !rule.fix.isEmpty && !rule.title.isEmpty)
        }
    }

    @Test func everyRuleIsDocumented() throws {
        let doc = try String(contentsOf: packageRoot.appendingPathComponent("Docs/CHECKS.md"), encoding: .utf8)
        for rule in CheckCatalog.all {
            let section = try #require(doc.range(of: "## \(rule.id)\n"), "\(rule.id) has no section")
            let rest = doc[section.upperBound...]
            let body = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
            #expect(body.contains(rule.helpURI), "\(rule.id): guidance link")
            #expect(body.contains(rule.fix), "\(rule.id): fix")
            #expect(body.contains("severity **\(rule.severity.rawValue)**"), "\(rule.id): severity")
        }
    }
}
