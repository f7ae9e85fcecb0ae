import Foundation
import NetTwinCore

/// Loads service tag data: the copy shipped with NetTwin (ServiceTags_Public.json, public cloud,
/// changeNumber 375, weekly file of early November 2025), or a newer download given by the user.
public enum ServiceTagLoader {
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The bundled copy, in its compact form (`ServiceTags_Public.ntst`, written from the JSON by
    /// Scripts/compact-service-tags.py), read on the first lookup and decoded tag by tag: reading 4 MB of JSON at every
    /// start was most of a short command's time. ServiceTagTests checks that the compact form equals the JSON.
    public static func bundled() throws(LoadError) -> ServiceTagTable {
        guard let url = Bundle.module.url(forResource: "ServiceTags_Public", withExtension: "ntst") else {
            throw LoadError(description: "the bundled service tag file is missing from the NetTwinARM resources")
        }
        let path = url.path
        return ServiceTagTable(lazyCompact: { FileManager.default.contents(atPath: path).map { [UInt8]($0) } })
    }

    /// The bundled JSON the compact form is written from (for the tests that compare the two).
    public static func bundledJSON() throws(LoadError) -> ServiceTagTable {
        guard let url = Bundle.module.url(forResource: "ServiceTags_Public", withExtension: "json") else {
            throw LoadError(description: "the bundled service tag file is missing from the NetTwinARM resources")
        }
        return try load(path: url.path)
    }

    /// A service tag file in the published format (`--service-tags FILE`).
    public static func load(path: String) throws(LoadError) -> ServiceTagTable {
        try loadReportingProblems(path: path).table
    }

    /// The table and what could not be read in it (an invalid prefix, a tag without a name): the tags that could be read
    /// are used, and the problems are for the caller to say.
    public static func loadReportingProblems(path: String) throws(LoadError) -> (table: ServiceTagTable, problems: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "cannot read service tag file '\(path)'")
        }
        let document: JSONDocument
        do {
            document = try JSONParser.parse([UInt8](data))
        } catch {
            throw LoadError(description: "\(path):\(error.line):\(error.column): invalid JSON: \(error.message)")
        }
        let (table, problems) = ServiceTagTable.parse(document.root)
        if table.count == 0 {
            throw LoadError(description: "'\(path)' holds no service tags: \(problems.first ?? "expected the published format {\"changeNumber\", \"values\": [...]}")")
        }
        return (table, problems)
    }
}
