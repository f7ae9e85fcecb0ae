import NetTwinCore

extension TemplateScope {
    /// Evaluates the `outputs` section: `{name: {type, value | copy, condition}}`.
    func evaluateOutputs() -> ARMValue {
        var result = ARMObject()
        guard let outputs = root.member(caseInsensitive: "outputs")?.objectValue else { return .object(result) }
        let base = Evaluator(scope: self)
        for m in outputs {
            let ptr = pointer.appending("outputs").appending(m.key)
            do throws(ARMError) {
                if let cond = m.value.member(caseInsensitive: "condition") {
                    let c = try base.evaluateJSON(cond, pointer: ptr.appending("condition"))
                    if c.deepRevealed == .bool(false) { continue }
                }
                let type = m.value.member(caseInsensitive: "type")?.stringValue ?? ""
                var value: ARMValue
                if let copy = m.value.member(caseInsensitive: "copy") {
                    var loop = copy
                    if loop.member(caseInsensitive: "name") == nil, case .object(var members) = loop.value {
                        members.append(JSONMember("name", .string("")))
                        loop = JSONNode(.object(members), offset: copy.offset)
                    }
                    value = try base.evaluateCopyArray(loop, pointer: ptr.appending("copy"), what: "output")
                } else if let v = m.value.member(caseInsensitive: "value") {
                    value = try base.evaluateJSON(v, pointer: ptr.appending("value"))
                } else {
                    throw ARMError(ARMDiagnosticID.outputInvalid, "the output '\(m.key)' has neither 'value' nor 'copy'").located(location(m.value, ptr))
                }
                try Self.checkOutputType(value.deepRevealed, type: type, name: m.key, location: location(m.value, ptr))
                // A secure output is secret to whoever reads it (a parent's reference(...).outputs).
                if ["securestring", "secureobject"].contains(type.lowercased()) {
                    value = value.markedSecret
                    session.noteSecret()
                }
                var entry = ARMObject()
                entry["type"] = .string(type)
                entry["value"] = value
                result[m.key] = .object(entry)
                if ["securestring", "secureobject"].contains(type.lowercased()) { secureOutputNames.insert(m.key) }
            } catch {
                session.report(error, fallback: location(m.value, ptr))
            }
        }
        return .object(result)
    }

    static func checkOutputType(_ value: ARMValue, type: String, name: String, location: SourceLocation) throws(ARMError) {
        if case .unknown = value { return }
        let ok: Bool
        switch (type.lowercased(), value) {
        case ("string", .string), ("securestring", .string), ("int", .int), ("bool", .bool), ("array", .array),
            ("object", .object), ("secureobject", .object):
            ok = true
        case ("", _): ok = true
        case (_, .null): ok = true
        case ("string", _), ("securestring", _), ("int", _), ("bool", _), ("array", _), ("object", _), ("secureobject", _):
            ok = false
        default:
            ok = true
        }
        guard ok else {
            throw ARMError(ARMDiagnosticID.outputType, "the template output '\(name)' is not valid: expected a value of type '\(type)', found '\(value.typeName)'").located(location)
        }
    }
}
