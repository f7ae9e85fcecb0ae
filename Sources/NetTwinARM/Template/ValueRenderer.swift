import NetTwinCore

/// Turns evaluated values into JSON: unknowns become null and are listed with their pointer; secrets
/// become `"<secure>"`, so no document or output holds the bytes of a secret;
/// nodes borrow the offsets of the template nodes they came from, so positions point at the template.
enum ValueRenderer {
    static func render(_ value: ARMValue, source: JSONNode?, pointer: JSONPointer, unknowns: inout [(JSONPointer, String)]) -> JSONNode {
        let offset = source?.offset ?? -1
        switch value {
        case .unknown(let reason):
            unknowns.append((pointer, reason))
            return JSONNode(.null, offset: offset)
        case .secret(let inner):
            // Nothing to hide in an unknown or null; anything else prints as "<secure>".
            if inner.isNull { return JSONNode(.null, offset: offset) }
            if inner.isUnknown {
                unknowns.append((pointer, ARMValue.secretUnknownReason))
                return JSONNode(.null, offset: offset)
            }
            return JSONNode(.string(ARMValue.secureText), offset: offset)
        case .lambda:
            unknowns.append((pointer, "a lambda expression is not a value"))
            return JSONNode(.null, offset: offset)
        case .array(let items):
            let sourceItems = source?.arrayValue
            var out: [JSONNode] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let child = sourceItems.flatMap { i < $0.count ? $0[i] : nil } ?? source.map { JSONNode(.null, offset: $0.offset) }
                out.append(render(item, source: child, pointer: pointer.appending(i), unknowns: &unknowns))
            }
            return JSONNode(.array(out), offset: offset)
        case .object(let o):
            var members: [JSONMember] = []
            members.reserveCapacity(o.count)
            for (k, v) in o.pairs {
                let entry = source?.memberEntry(k)
                let child = entry?.value ?? source.map { JSONNode(.null, offset: $0.offset) }
                members.append(JSONMember(key: k, keyOffset: entry?.keyOffset ?? offset,
                    value: render(v, source: child, pointer: pointer.appending(k), unknowns: &unknowns)))
            }
            return JSONNode(.object(members), offset: offset)
        default:
            return JSONNode(value.json, offset: offset)
        }
    }
}
