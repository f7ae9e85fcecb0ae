import Foundation

/// One service tag (service-tags-overview.md): its name, region and address prefixes.
public struct ServiceTag: Sendable, Hashable {
    /// As published (`Storage.WestEurope`).
    public var name: String
    /// Normalized region (`westeurope`), nil for global tags.
    public var region: String?
    public var systemService: String?
    public var prefixes: [IPPrefix]
    public var addresses: IPAddressSet

    public init(name: String, region: String?, systemService: String?, prefixes: [IPPrefix]) {
        self.name = name
        self.region = region.flatMap { $0.isEmpty ? nil : Region.normalize($0) }
        self.systemService = systemService.flatMap { $0.isEmpty ? nil : $0 }
        self.prefixes = prefixes
        self.addresses = IPAddressSet(prefixes: prefixes)
    }
}

/// The service tag data Azure publishes weekly ("Azure IP Ranges and Service Tags – Public Cloud",
/// the same shape as the Service Tag Discovery API). `Internet`, `VirtualNetwork` and
/// `AzureLoadBalancer` are not in the file: they are computed (see `SecurityEngine`).
public struct ServiceTagTable: Sendable {
    /// The data, behind a reference so that a table can be built on first use: the bundled file is 4 MB of JSON, and most
    /// runs on small inputs never look a tag up (issue 13: start-up time). The bundled table is read from its compact
    /// form (`CompactServiceTags`), whose tags are decoded one by one as they are looked up.
    final class Storage: @unchecked Sendable {
        struct Data {
            var changeNumber: Int?
            var cloud: String?
            var tags: [String: ServiceTag] = [:]
            /// `base|region` → regional tag name, e.g. `storage|westeurope` → `storage.westeurope`.
            var regional: [String: String] = [:]
        }
        enum Backing {
            case data(Data)
            case compact(CompactServiceTags)
        }
        private let lock = NSLock()
        private var backing: Backing?
        private var loader: (@Sendable () -> Backing)?

        init(_ backing: Backing) { self.backing = backing }
        init(loader: @escaping @Sendable () -> Backing) { self.loader = loader }

        /// Runs `body` on the backing (loaded on first use), under the lock: compact tables decode and cache tags.
        func with<T>(_ body: (Backing) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            if backing == nil {
                backing = loader?() ?? .data(Data())
                loader = nil
            }
            return body(backing!)
        }

        /// Whether the data has been read (for tests and measurements).
        var isLoaded: Bool {
            lock.lock()
            defer { lock.unlock() }
            return backing != nil
        }
    }

    private let storage: Storage

    public var changeNumber: Int? {
        storage.with { backing in
            switch backing {
            case .data(let data): data.changeNumber
            case .compact(let compact): compact.changeNumber
            }
        }
    }
    public var cloud: String? {
        storage.with { backing in
            switch backing {
            case .data(let data): data.cloud
            case .compact(let compact): compact.cloud
            }
        }
    }
    /// Whether the tags have been read yet (a lazily loaded table reads them on the first lookup).
    public var isLoaded: Bool { storage.isLoaded }

    public init(changeNumber: Int? = nil, cloud: String? = nil, tags: [ServiceTag] = []) {
        storage = Storage(.data(Self.data(changeNumber: changeNumber, cloud: cloud, tags: tags)))
    }

    /// A table over the compact form (`CompactServiceTags`), whose bytes are read by `bytes` on the first lookup; nil
    /// from `bytes`, or bytes that are not the compact form, give an empty table.
    public init(lazyCompact bytes: @escaping @Sendable () -> [UInt8]?) {
        storage = Storage(loader: {
            guard let bytes = bytes(), let compact = try? CompactServiceTags(bytes: bytes) else { return .data(Storage.Data()) }
            return .compact(compact)
        })
    }

    /// Every tag, decoded (for comparisons and listings; a compact table decodes all of them).
    public var allTags: [ServiceTag] {
        storage.with { backing in
            switch backing {
            case .data(let data): Array(data.tags.values)
            case .compact(let compact): compact.names.compactMap { compact.tag($0) }
            }
        }
    }

    static func data(changeNumber: Int?, cloud: String?, tags: [ServiceTag]) -> Storage.Data {
        var data = Storage.Data(changeNumber: changeNumber, cloud: cloud)
        data.tags = Dictionary(tags.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        // A regional key (base|region) maps to the tag named exactly base.region when there is one (Sql.EastUS2, not
        // Sql.EastUS2Stage, whose region is the same), else to the first such tag in file order.
        for tag in tags {
            let key = tag.name.lowercased()
            guard let region = tag.region, data.tags[key]?.name == tag.name else { continue }
            let parts = key.split(separator: ".")
            guard parts.count == 2 else { continue }
            let regionalKey = parts[0] + "|" + region
            let exact = parts[0] + "." + region
            if let existing = data.regional[regionalKey], existing == exact || key != exact { continue }
            data.regional[regionalKey] = key
        }
        return data
    }

    public static let empty = ServiceTagTable()

    public var count: Int {
        storage.with { backing in
            switch backing {
            case .data(let data): data.tags.count
            case .compact(let compact): compact.tagCount
            }
        }
    }

    /// A tag by name, case-insensitively (`storage.westeurope`).
    public func tag(named name: String) -> ServiceTag? {
        let key = name.lowercased()
        return storage.with { backing in
            switch backing {
            case .data(let data): data.tags[key]
            case .compact(let compact): compact.tag(key)
            }
        }
    }

    /// The regional tag of a base tag (`Storage` in `westeurope` → `Storage.WestEurope`).
    public func regionalTag(_ base: String, region: String) -> ServiceTag? {
        let key = base.lowercased() + "|" + Region.normalize(region)
        return storage.with { backing in
            switch backing {
            case .data(let data): data.regional[key].flatMap { data.tags[$0] }
            case .compact(let compact): compact.regionalName(key).flatMap { compact.tag($0) }
            }
        }
    }

    /// Parses the published JSON (`{"changeNumber", "cloud", "values": [{"name", "properties": {"region", "systemService", "addressPrefixes"}}]}`).
    /// Invalid prefixes are returned as messages rather than dropped silently.
    public static func parse(_ root: JSONNode) -> (table: ServiceTagTable, problems: [String]) {
        var problems: [String] = []
        var tags: [ServiceTag] = []
        guard let values = root["values"]?.arrayValue else {
            return (ServiceTagTable(), ["expected an object with a 'values' array of service tags, found \(root.typeName)"])
        }
        for (index, value) in values.enumerated() {
            guard let name = value["name"]?.stringValue else {
                problems.append("service tag at /values/\(index) has no 'name'")
                continue
            }
            let properties = value["properties"]
            var prefixes: [IPPrefix] = []
            for item in properties?["addressPrefixes"]?.arrayValue ?? [] {
                guard let text = item.stringValue else { continue }
                do {
                    prefixes.append(try IPPrefix(parsing: text))
                } catch {
                    problems.append("service tag '\(name)': \(error)")
                }
            }
            tags.append(ServiceTag(
                name: name, region: properties?["region"]?.stringValue, systemService: properties?["systemService"]?.stringValue,
                prefixes: prefixes))
        }
        let change = root["changeNumber"]?.intValue.map(Int.init)
        return (ServiceTagTable(changeNumber: change, cloud: root["cloud"]?.stringValue, tags: tags), problems)
    }

    /// The service tag that a subnet service endpoint's routes use
    /// (virtual-network-service-endpoints-overview.md; service-tags-overview.md: "The address prefixes in
    /// the route are the same address prefixes, or CIDR ranges, as those of the corresponding service tag").
    public static func tagName(forServiceEndpoint service: String) -> String? {
        switch service.lowercased() {
        case "microsoft.storage", "microsoft.storage.global": "Storage"
        case "microsoft.sql": "Sql"
        case "microsoft.keyvault": "AzureKeyVault"
        case "microsoft.azurecosmosdb": "AzureCosmosDB"
        case "microsoft.servicebus": "ServiceBus"
        case "microsoft.eventhub": "EventHub"
        case "microsoft.web": "AppService"
        case "microsoft.containerregistry": "AzureContainerRegistry"
        case "microsoft.cognitiveservices": "CognitiveServicesManagement"
        case "microsoft.azureactivedirectory": "AzureActiveDirectory"
        default: nil
        }
    }
}
