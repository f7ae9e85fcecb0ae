import Foundation
import NetTwinCore

/// Loads the private endpoint DNS zone table shipped with NetTwin (`PrivateEndpointDNSZones.json`, transcribed from
/// private-endpoint-dns.md for the Azure public, US Government and China clouds; the file names its source and date).
public enum PrivateLinkZoneCatalogLoader {
    static let catalogs: [PrivateLinkZoneCatalog.Cloud: PrivateLinkZoneCatalog] = {
        guard let url = Bundle.module.url(forResource: "PrivateEndpointDNSZones", withExtension: "json"),
              let bytes = FileManager.default.contents(atPath: url.path), let root = try? JSONParser.parse([UInt8](bytes)).root
        else { return [:] }
        return PrivateLinkZoneCatalog.parse(root)
    }()

    /// The table of a cloud; the built-in commercial subset when the file cannot be read.
    public static func bundled(_ cloud: PrivateLinkZoneCatalog.Cloud = .azureCloud) -> PrivateLinkZoneCatalog {
        catalogs[cloud] ?? .commercial
    }
}
