/// What differs between two configurations, resource by resource: added, removed, or changed with the properties
/// that changed, each with where it is in the input (file, line, JSON pointer). Resources nested in another's
/// document (subnets, peerings, security rules with their own `id`) are resources of their own.
public struct ResourceChange: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case added = "Added", removed = "Removed", changed = "Changed" }

    public struct Property: Hashable, Sendable {
        /// `properties.securityRules[name=allow_tds_inbound].properties.sourceAddressPrefix`.
        public var path: String
        /// Compact JSON of the value before and after (nil: absent).
        public var before: String?
        public var after: String?
        /// Where the value is (after the change; before it for a removed value).
        public var location: SourceLocation?
    }

    public var id: ResourceID
    public var type: String
    public var kind: Kind
    public var properties: [Property]
    /// Where the resource is (after the change; before it for a removed resource).
    public var location: SourceLocation?
}

/// The resources of a set of documents by ID, nested ones included.
public struct ResourceDocumentIndex: Sendable {
    public struct Entry: Sendable {
        public var node: JSONNode
        public var file: SourceFile
        public var pointer: JSONPointer
        public var type: String
    }

    public private(set) var entries: [ResourceID: Entry] = [:]

    public init(_ documents: [ResourceDocument]) {
        for document in documents {
            guard let text = (document.node.member(caseInsensitive: "id") ?? document.node.member(caseInsensitive: "ResourceId"))?.stringValue else { continue }
            let id = ResourceID(text)
            add(id, node: document.node, file: document.file, pointer: document.pointer)
        }
    }

    mutating func add(_ id: ResourceID, node: JSONNode, file: SourceFile, pointer: JSONPointer) {
        let type = (node.member(caseInsensitive: "type") ?? node.member(caseInsensitive: "ResourceType"))?.stringValue ?? id.resourceType ?? ""
        if entries[id] == nil { entries[id] = Entry(node: node, file: file, pointer: pointer, type: type) }
        collectChildren(of: id, node: node, file: file, pointer: pointer)
    }

    /// Objects below a resource that carry an ID under it are resources of their own.
    mutating func collectChildren(of parent: ResourceID, node: JSONNode, file: SourceFile, pointer: JSONPointer) {
        switch node.value {
        case .object(let members):
            for member in members {
                let childPointer = pointer.appending(member.key)
                if case .object = member.value.value, let text = member.value["id"]?.stringValue {
                    let id = ResourceID(text)
                    if id.normalized.hasPrefix(parent.normalized + "/") {
                        add(id, node: member.value, file: file, pointer: childPointer)
                        continue
                    }
                }
                collectChildren(of: parent, node: member.value, file: file, pointer: childPointer)
            }
        case .array(let items):
            for (i, item) in items.enumerated() {
                let childPointer = pointer.appending(i)
                if case .object = item.value, let text = item["id"]?.stringValue {
                    let id = ResourceID(text)
                    if id.normalized.hasPrefix(parent.normalized + "/") {
                        add(id, node: item, file: file, pointer: childPointer)
                        continue
                    }
                }
                collectChildren(of: parent, node: item, file: file, pointer: childPointer)
            }
        default:
            break
        }
    }

    /// Keys whose values Azure changes on its own and that no decision depends on.
    static let volatile: Set<String> = ["etag", "provisioningstate", "resourceguid", "changedtime", "createdtime", "lastmodified", "systemdata"]

    /// Every resource added, removed or changed from `before` to `self`, by ID.
    public func changes(since before: ResourceDocumentIndex) -> [ResourceChange] {
        var result: [ResourceChange] = []
        let ids = Set(entries.keys).union(before.entries.keys).sorted()
        for id in ids {
            let old = before.entries[id]
            let new = entries[id]
            switch (old, new) {
            case (nil, let new?):
                result.append(ResourceChange(id: id, type: new.type, kind: .added, properties: [], location: new.file.location(of: new.node, pointer: new.pointer)))
            case (let old?, nil):
                result.append(ResourceChange(id: id, type: old.type, kind: .removed, properties: [], location: old.file.location(of: old.node, pointer: old.pointer)))
            case (let old?, let new?):
                var properties: [ResourceChange.Property] = []
                Self.compare(old.node, old, new.node, new, path: "", pointer: new.pointer, owner: id, into: &properties)
                if !properties.isEmpty {
                    result.append(ResourceChange(id: id, type: new.type, kind: .changed, properties: properties, location: new.file.location(of: new.node, pointer: new.pointer)))
                }
            default:
                break
            }
        }
        return result
    }

    /// A nested object that is a resource of its own (it is compared as one).
    static func isChildResource(_ node: JSONNode, of owner: ResourceID) -> Bool {
        guard case .object = node.value, let text = node["id"]?.stringValue else { return false }
        return ResourceID(text).normalized.hasPrefix(owner.normalized + "/")
    }

    static func compare(_ a: JSONNode?, _ aEntry: Entry, _ b: JSONNode?, _ bEntry: Entry, path: String, pointer: JSONPointer, owner: ResourceID, into result: inout [ResourceChange.Property]) {
        if let a, isChildResource(a, of: owner), b.map({ isChildResource($0, of: owner) }) ?? true { return }
        if let b, isChildResource(b, of: owner), a == nil { return }
        switch (a?.value, b?.value) {
        case (.object(let am)?, .object(let bm)?):
            var keys: [String] = []
            var seen = Set<String>()
            for m in am + bm where seen.insert(m.key.lowercased()).inserted { keys.append(m.key) }
            for key in keys where !volatile.contains(key.lowercased()) {
                let x = a?.member(caseInsensitive: key)
                let y = b?.member(caseInsensitive: key)
                compare(x, aEntry, y, bEntry, path: path.isEmpty ? key : path + "." + key, pointer: pointer.appending(key), owner: owner, into: &result)
            }
        case (.array(let ai)?, .array(let bi)?):
            // Elements with a name are matched by name (rules, routes, links); others by position.
            let named = (ai + bi).allSatisfy { $0["name"]?.stringValue != nil }
            if named {
                var names: [String] = []
                var seen = Set<String>()
                for item in ai + bi { if let n = item["name"]?.stringValue, seen.insert(n.lowercased()).inserted { names.append(n) } }
                for name in names {
                    let x = ai.first { $0["name"]?.stringValue?.lowercased() == name.lowercased() }
                    let yIndex = bi.firstIndex { $0["name"]?.stringValue?.lowercased() == name.lowercased() }
                    let y = yIndex.map { bi[$0] }
                    compare(x, aEntry, y, bEntry, path: path + "[name=\(name)]", pointer: yIndex.map { pointer.appending($0) } ?? pointer, owner: owner, into: &result)
                }
            } else {
                for i in 0..<max(ai.count, bi.count) {
                    compare(i < ai.count ? ai[i] : nil, aEntry, i < bi.count ? bi[i] : nil, bEntry, path: path + "[\(i)]", pointer: pointer.appending(i), owner: owner, into: &result)
                }
            }
        default:
            let x = a.map { Self.text($0.value) }
            let y = b.map { Self.text($0.value) }
            guard x != y else { return }
            // Strings compare case-insensitively where Azure does (IDs, enum values): the same text in another case is no change.
            if let x, let y, x.lowercased() == y.lowercased(), case .string? = a?.value { return }
            let location = b.map { bEntry.file.location(of: $0, pointer: pointer) } ?? a.map { aEntry.file.location(of: $0, pointer: pointer) }
            result.append(ResourceChange.Property(path: path, before: x, after: y, location: location))
        }
    }

    /// Compact JSON, cut at 120 characters.
    static func text(_ value: JSONValue) -> String {
        var options = JSONWriter.Options()
        options.pretty = false
        let full = JSONWriter.string(value, options: options)
        return full.count > 120 ? String(full.prefix(117)) + "..." : full
    }
}
