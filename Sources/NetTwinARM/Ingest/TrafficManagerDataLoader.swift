import Foundation
import NetTwinCore

/// Loads the data Traffic Manager's location-aware methods use, shipped with NetTwin:
/// `TrafficManagerGeographicHierarchy.json` (traffic-manager-geographic-regions.md, every code with its parent) and
/// `AzureRegionLatency.json` (networking/azure-network-latency.md, median round-trip times between Azure regions).
/// Each file names its source and date.
public enum TrafficManagerDataLoader {
    public static func bundled() -> TrafficManagerData {
        var data = TrafficManagerData()
        if let url = Bundle.module.url(forResource: "TrafficManagerGeographicHierarchy", withExtension: "json"),
            let bytes = FileManager.default.contents(atPath: url.path), let root = try? JSONParser.parse([UInt8](bytes)).root
        {
            for member in root["parents"]?.objectValue ?? [] {
                if let parent = member.value.stringValue { data.parents[member.key.uppercased()] = parent.uppercased() }
            }
        }
        if let url = Bundle.module.url(forResource: "AzureRegionLatency", withExtension: "json"),
            let bytes = FileManager.default.contents(atPath: url.path), let root = try? JSONParser.parse([UInt8](bytes)).root
        {
            for from in root["latency"]?.objectValue ?? [] {
                var row: [String: Int] = [:]
                for to in from.value.objectValue ?? [] {
                    if let value = to.value.intValue { row[Region.normalize(to.key)] = Int(value) }
                }
                data.latency[Region.normalize(from.key)] = row
            }
        }
        return data
    }
}
