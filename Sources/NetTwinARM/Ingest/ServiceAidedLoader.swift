import Foundation
import NetTwinCore

/// Loads the SQL Managed Instance service-aided rule sets shipped with NetTwin (`ManagedInstanceServiceAided.json`, one
/// per version of the articles; Docs/research/service-side.md).
public enum ServiceAidedLoader {
    public static let versions: [ServiceAidedConfiguration] = {
        guard let url = Bundle.module.url(forResource: "ManagedInstanceServiceAided", withExtension: "json"),
              let bytes = FileManager.default.contents(atPath: url.path), let root = try? JSONParser.parse([UInt8](bytes)).root
        else { return [] }
        return ServiceAidedConfiguration.parse(root)
    }()

    /// The newest version (the articles' current rules).
    public static var current: ServiceAidedConfiguration? { versions.last }
}
