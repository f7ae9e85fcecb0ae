/// Reads typed values out of a resource's JSON, reporting every value of the wrong type with its
/// file, line, column and JSON pointer instead of dropping it silently.
///
/// ARM property names are case-insensitive, so keys are matched case-insensitively.
struct PropertyReader {
    /// What every reader of one resource shares (a reference, so that readers stay cheap to copy).
    final class Context {
        let file: SourceFile
        let sink: DiagnosticSink
        /// The resource being read, for the diagnostics.
        let resource: ResourceID?
        /// The resource document and its pointer: a node's own pointer is worked out from them only
        /// when a diagnostic or a location needs it (reading stays allocation-light).
        let anchor: JSONNode
        let anchorPointer: JSONPointer

        init(file: SourceFile, sink: DiagnosticSink, resource: ResourceID?, anchor: JSONNode, anchorPointer: JSONPointer) {
            self.file = file
            self.sink = sink
            self.resource = resource
            self.anchor = anchor
            self.anchorPointer = anchorPointer
        }
    }

    let node: JSONNode
    let context: Context
    /// A pointer given explicitly, for nodes outside the anchor's tree.
    let explicitPointer: JSONPointer?

    var file: SourceFile { context.file }
    var sink: DiagnosticSink { context.sink }
    var resource: ResourceID? { context.resource }

    init(node: JSONNode, pointer: JSONPointer, file: SourceFile, sink: DiagnosticSink, resource: ResourceID?) {
        self.node = node
        self.context = Context(file: file, sink: sink, resource: resource, anchor: node, anchorPointer: pointer)
        self.explicitPointer = pointer
    }

    init(node: JSONNode, anchor: JSONNode, anchorPointer: JSONPointer, file: SourceFile, sink: DiagnosticSink, resource: ResourceID?) {
        self.node = node
        self.context = Context(file: file, sink: sink, resource: resource, anchor: anchor, anchorPointer: anchorPointer)
        self.explicitPointer = nil
    }

    private init(node: JSONNode, context: Context, explicitPointer: JSONPointer?) {
        self.node = node
        self.context = context
        self.explicitPointer = explicitPointer
    }

    var pointer: JSONPointer {
        if let explicitPointer { return explicitPointer }
        guard let tokens = context.anchor.relativePointer(toOffset: node.offset) else { return context.anchorPointer }
        return JSONPointer(tokens: context.anchorPointer.tokens + tokens)
    }

    var location: SourceLocation { file.location(of: node, pointer: pointer) }

    func derived(_ value: JSONNode) -> PropertyReader {
        if value.offset >= 0 && context.anchor.offset >= 0 && explicitPointer == nil {
            return PropertyReader(node: value, context: context, explicitPointer: nil)
        }
        return PropertyReader(node: value, pointer: pointer, file: file, sink: sink, resource: resource)
    }

    /// The member `key`, or nil when absent or null.
    func child(_ key: String) -> PropertyReader? {
        guard let value = node.member(caseInsensitive: key), !value.isNull else { return nil }
        if value.offset >= 0 && context.anchor.offset >= 0 && explicitPointer == nil { return derived(value) }
        return PropertyReader(node: value, pointer: pointer.appending(key), file: file, sink: sink, resource: resource)
    }

    /// The member `key` already found in this object (by a one-pass reader), as `child(key)` would return it.
    func child(_ key: String, found value: JSONNode) -> PropertyReader? {
        guard !value.isNull else { return nil }
        if value.offset >= 0 && context.anchor.offset >= 0 && explicitPointer == nil { return derived(value) }
        return PropertyReader(node: value, pointer: pointer.appending(key), file: file, sink: sink, resource: resource)
    }

    /// An array of `{"id": …}` references (this value).
    var referenceList: [ResourceID] {
        (array ?? []).compactMap { item in
            if item.node.stringValue != nil { return item.resourceID }
            return item.child("id")?.resourceID
        }
    }

    /// This value as a documented enumeration; an unknown value is reported with the accepted ones.
    func enumerationValue<E: AzureEnum>(as type: E.Type) -> E? {
        guard let text = string else { return nil }
        if let value = E(azure: text) { return value }
        sink.report(Diagnostic(
            .warning, id: DiagnosticID.enumValueUnknown,
            "unknown value '\(text)' for '\(pointer)'; expected one of \(E.acceptedValues)",
            at: location, resource: resource))
        return nil
    }

    /// Follows a dotted path of members (`properties.addressSpace`).
    func path(_ keys: String...) -> PropertyReader? {
        var current: PropertyReader? = self
        for key in keys { current = current?.child(key) }
        return current
    }

    func mismatch(_ expected: String) {
        sink.report(Diagnostic(
            .error, id: DiagnosticID.typeMismatch, "expected \(expected) at '\(pointer)', found \(node.typeName); the value is ignored",
            at: location, resource: resource))
    }

    var string: String? {
        if let value = node.stringValue { return value }
        mismatch("a string")
        return nil
    }

    var bool: Bool? {
        if let value = node.boolValue { return value }
        // Some exports carry booleans as strings.
        if let text = node.stringValue, ["true", "false"].contains(text.lowercased()) { return text.lowercased() == "true" }
        mismatch("a boolean")
        return nil
    }

    var int: Int64? {
        if let value = node.intValue { return value }
        if let value = node.doubleValue, value.rounded() == value, abs(value) < 9e15 { return Int64(value) }
        if let text = node.stringValue, let value = Int64(text) { return value }
        mismatch("an integer")
        return nil
    }

    var array: [PropertyReader]? {
        guard let items = node.arrayValue else {
            mismatch("an array")
            return nil
        }
        if context.anchor.offset >= 0 && explicitPointer == nil && items.allSatisfy({ $0.offset >= 0 }) { return items.map(derived) }
        let base = pointer
        return items.enumerated().map { index, item in
            PropertyReader(node: item, pointer: base.appending(index), file: file, sink: sink, resource: resource)
        }
    }

    var isObject: Bool { node.objectValue != nil }

    func string(_ key: String) -> String? { child(key)?.string }
    func bool(_ key: String) -> Bool? { child(key)?.bool }
    func int(_ key: String) -> Int64? { child(key)?.int }
    func array(_ key: String) -> [PropertyReader] { child(key)?.array ?? [] }
    func strings(_ key: String) -> [String] { array(key).compactMap(\.string) }

    /// A `{"id": "…"}` reference.
    func reference(_ key: String) -> ResourceID? {
        guard let object = child(key) else { return nil }
        if object.node.stringValue != nil { return object.resourceID }
        guard object.isObject else {
            object.mismatch("an object with an 'id'")
            return nil
        }
        return object.child("id")?.resourceID
    }

    /// The value as a resource ID string.
    var resourceID: ResourceID? {
        guard let text = string else { return nil }
        let id = ResourceID(text)
        if !id.isWellFormed {
            sink.report(Diagnostic(
                .warning, id: DiagnosticID.resourceIDMalformed,
                "'\(text)' at '\(pointer)' is not a well-formed resource ID (expected '/subscriptions/{id}/resourceGroups/{name}/providers/{namespace}/{type}/{name}')",
                at: location, resource: resource))
        }
        return id
    }

    /// An array of `{"id": …}` references.
    func references(_ key: String) -> [ResourceID] {
        array(key).compactMap { item in
            if item.node.stringValue != nil { return item.resourceID }
            return item.child("id")?.resourceID
        }
    }

    /// A documented enumeration; an unknown value is reported with the accepted ones.
    func enumeration<E: AzureEnum>(_ key: String, as type: E.Type) -> E? {
        child(key)?.enumerationValue(as: type)
    }

    /// An IP prefix (a bare address means /32 or /128), reported when invalid.
    var prefix: IPPrefix? {
        guard let text = string else { return nil }
        do {
            return try IPPrefix(parsing: text)
        } catch {
            if case .hostBitsSet(let canonical) = error.kind {
                // Azure rejects the prefix (InvalidCIDRNotation); analysis goes on with the network it names.
                sink.report(Diagnostic(
                    .error, id: DiagnosticID.prefixHostBits, "\(error) (at '\(pointer)')", at: location,
                    resource: resource, azureErrorCode: "InvalidCIDRNotation",
                    notes: ["analysis continues with '\(canonical)'"]))
                return try? IPPrefix(parsing: canonical)
            } else {
                sink.report(Diagnostic(
                    .error, id: DiagnosticID.invalidPrefix, "\(error) (at '\(pointer)')", at: location,
                    resource: resource, azureErrorCode: "InvalidCIDRNotation"))
            }
            return nil
        }
    }

    func prefixes(_ key: String) -> [IPPrefix] { array(key).compactMap(\.prefix) }

    var address: IPAddress? {
        guard let text = string else { return nil }
        if let address = IPAddress(text) { return address }
        sink.report(Diagnostic(
            .error, id: DiagnosticID.invalidAddress, "'\(text)' at '\(pointer)' is not a valid IP address",
            at: location, resource: resource))
        return nil
    }

    func address(_ key: String) -> IPAddress? { child(key)?.address }
}

/// Where readers report. A reference type so that readers stay small values; used by one builder
/// on one thread.
final class DiagnosticSink {
    var items: [Diagnostic] = []
    func report(_ diagnostic: Diagnostic) { items.append(diagnostic) }
}
