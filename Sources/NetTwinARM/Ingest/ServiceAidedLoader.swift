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

    /// The version names in `ManagedInstanceServiceAided.json`, oldest first, without reading it (for help texts and
    /// argument checks at every start; ServiceAidedTests checks them against the file).
    public static let versionNames = [
        "manual-2019-04-16", "service-aided-preview-2019-04-16", "service-aided-2020-03-17", "pre-november-2022-feature-wave",
        "november-2022-feature-wave-2022-11-16", "november-2022-feature-wave-2023-08-02", "mandatory-and-optional-2024-07-10",
    ]

    /// The newest version (the articles' current rules).
    public static var current: ServiceAidedConfiguration? { versions.last }
}
