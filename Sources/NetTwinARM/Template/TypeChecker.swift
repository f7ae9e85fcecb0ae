import NetTwinCore

/// Checks a value against a languageVersion 2.0 type (the `definitions` section and the type members of a parameter):
/// `type`, `$ref` to `#/definitions/NAME`, `nullable`, `allowedValues`, `minValue`/`maxValue`, `minLength`/`maxLength`,
/// `properties` (each required unless its type is `nullable`), `additionalProperties` (false, or a type every other
/// property must have), `sealed`, `items` (a type, or false), `prefixItems` (tuples) and `discriminator`
/// (`propertyName` and a `mapping` from its value to a type). Sources: definitions.md, data-types.md, parameters.md.
///
/// Errors name the parameter and the path inside the value (`subnets[1].addressPrefix`).
struct TypeChecker {
    let parameter: String
    /// The template's root object, where `$ref` pointers (`#/definitions/subnet`, `#/definitions/pair/prefixItems/1`) lead.
    let template: JSONNode
    /// The value is secret: messages describe it without quoting it.
    let secret: Bool

    /// How many `$ref` hops a value can take without descending (a cycle of references that never reaches a type).
    static let maxReferenceHops = 32
    /// How deep the checker descends into a value.
    static let maxDepth = 128

    func check(_ value: ARMValue, against schema: JSONNode, path: String = "") throws(ARMError) {
        try check(value, schema, path: path, depth: 0, hops: 0)
    }

    func where_(_ path: String) -> String { path.isEmpty ? "" : " at '\(path)'" }

    func fail(_ id: String, _ path: String, _ message: String) -> ARMError {
        ARMError(id, "the provided value for the template parameter '\(parameter)' is not valid\(where_(path)): \(message)")
    }

    func display(_ value: ARMValue) -> String { secret ? ARMValue.secureText : ParameterResolver.display(value) }

    func resolveReference(_ schema: JSONNode, path: String) throws(ARMError) -> JSONNode? {
        guard let ref = schema.member(caseInsensitive: "$ref")?.stringValue else { return nil }
        guard ref.hasPrefix("#/"), let pointer = JSONPointer(parsing: String(ref.dropFirst())), let target = template.node(at: pointer) else {
            throw ARMError(ARMDiagnosticID.parameterType,
                "the type of the template parameter '\(parameter)'\(where_(path)) refers to '\(ref)', which is not in the template")
        }
        return target
    }

    func check(_ value: ARMValue, _ schema: JSONNode, path: String, depth: Int, hops: Int) throws(ARMError) {
        guard depth <= Self.maxDepth else {
            throw fail(ARMDiagnosticID.parameterType, path, "the value is nested more than \(Self.maxDepth) levels deep")
        }
        let value = value.deepRevealed
        if case .unknown = value { return }
        if case .null = value {
            // `nullable` beside a `$ref` overrides the referenced type's (Bicep emits `{"$ref": …, "nullable": false}` for `T!`).
            if try isNullable(schema) { return }
            if schema.member(caseInsensitive: "nullable")?.boolValue == false {
                throw fail(ARMDiagnosticID.parameterType, path, "the value must not be null")
            }
        }
        if let target = try resolveReference(schema, path: path) {
            guard hops < Self.maxReferenceHops else {
                throw ARMError(ARMDiagnosticID.parameterType, "the type of the template parameter '\(parameter)' refers to itself without end")
            }
            // Constraints beside the reference (a nullable reference, a description) apply with the referenced type.
            try checkConstraints(value, schema, path: path)
            try check(value, target, path: path, depth: depth, hops: hops + 1)
            return
        }
        if let type = schema.member(caseInsensitive: "type")?.stringValue?.lowercased() {
            let ok: Bool
            switch (type, value) {
            case ("string", .string), ("securestring", .string), ("int", .int), ("bool", .bool),
                 ("object", .object), ("secureobject", .object), ("array", .array): ok = true
            case ("any", _): ok = true
            case ("string", _), ("securestring", _), ("int", _), ("bool", _), ("object", _), ("secureobject", _), ("array", _): ok = false
            default:
                throw ARMError(ARMDiagnosticID.parameterType, "the template parameter '\(parameter)' has an unknown type '\(type)'\(where_(path))")
            }
            guard ok else {
                throw fail(ARMDiagnosticID.parameterType, path, "expected a value of type '\(type)', found '\(value.typeName)'")
            }
        }
        try checkConstraints(value, schema, path: path)
        if case .object(let object) = value { try checkObject(object, schema, path: path, depth: depth) }
        if case .array(let items) = value { try checkArray(items, schema, path: path, depth: depth) }
    }

    /// allowedValues, minValue/maxValue, minLength/maxLength.
    func checkConstraints(_ value: ARMValue, _ schema: JSONNode, path: String) throws(ARMError) {
        if let allowed = schema.member(caseInsensitive: "allowedValues")?.arrayValue {
            let options = allowed.map { ARMValue(json: $0.value) }
            let valid: Bool
            if case .array(let items) = value, schema.member(caseInsensitive: "type")?.stringValue?.lowercased() == "array" {
                // On an array type the allowed values are the allowed elements ("any subset", parameters.md); a union of
                // tuples lists whole arrays, so a value equal to one entry is valid too.
                valid = items.allSatisfy { item in options.contains { ParameterResolver.allowedEqual($0, item) } }
                    || options.contains { ParameterResolver.allowedEqual($0, value) }
            } else {
                valid = options.contains { ParameterResolver.allowedEqual($0, value) }
            }
            if !valid {
                let list = options.map { ParameterResolver.display($0) }.joined(separator: ", ")
                throw fail(ARMDiagnosticID.parameterNotAllowed, path, "the value '\(display(value))' must be one of '\(list)'")
            }
        }
        if case .int(let i) = value {
            if let min = schema.member(caseInsensitive: "minValue")?.intValue, i < min {
                throw fail(ARMDiagnosticID.parameterRange, path, "the value '\(display(value))' is less than the minimum value \(min)")
            }
            if let max = schema.member(caseInsensitive: "maxValue")?.intValue, i > max {
                throw fail(ARMDiagnosticID.parameterRange, path, "the value '\(display(value))' is greater than the maximum value \(max)")
            }
        }
        let length: Int?
        switch value {
        case .string(let s): length = s.utf16.count
        case .array(let a): length = a.count
        default: length = nil
        }
        if let length {
            if let min = schema.member(caseInsensitive: "minLength")?.intValue, length < min {
                throw fail(ARMDiagnosticID.parameterLength, path, "the length \(length) is less than the minimum length \(min)")
            }
            if let max = schema.member(caseInsensitive: "maxLength")?.intValue, length > max {
                throw fail(ARMDiagnosticID.parameterLength, path, "the length \(length) is greater than the maximum length \(max)")
            }
        }
    }

    func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func checkObject(_ object: ARMObject, _ schema: JSONNode, path: String, depth: Int) throws(ARMError) {
        if let discriminator = schema.member(caseInsensitive: "discriminator") {
            let property = discriminator.member(caseInsensitive: "propertyName")?.stringValue ?? ""
            let mapping = discriminator.member(caseInsensitive: "mapping")
            let tag = object.pairs.first { $0.0.lowercased() == property.lowercased() }?.1.deepRevealed
            if case .unknown? = tag { return }
            guard case .string(let name)? = tag else {
                throw fail(ARMDiagnosticID.parameterType, path, "the discriminator property '\(property)' is missing or not a string")
            }
            guard let variant = mapping?.member(caseInsensitive: name) else {
                let names = mapping?.objectValue?.map(\.key).joined(separator: ", ") ?? ""
                throw fail(ARMDiagnosticID.parameterNotAllowed, path, "the discriminator '\(property)' is '\(name)'; expected one of '\(names)'")
            }
            // The discriminator property selects the type; it is not checked against the type's other rules unless the
            // type declares it (definitions.md's example accepts {"type": "ints", "foo": 1} with additionalProperties int).
            var rest = object
            let resolved = (try resolveReference(variant, path: path)) ?? variant
            if resolved.member(caseInsensitive: "properties")?.member(caseInsensitive: property) == nil {
                rest = ARMObject(object.pairs.filter { $0.0.lowercased() != property.lowercased() })
            }
            try check(.object(rest), variant, path: path, depth: depth + 1, hops: 0)
            return
        }
        let declared = schema.member(caseInsensitive: "properties")?.objectValue ?? []
        var seen = Set<String>()
        for member in declared {
            let key = member.key.lowercased()
            seen.insert(key)
            let present = object.pairs.first { $0.0.lowercased() == key }
            if let present, !present.1.isNull {
                try check(present.1, member.value, path: child(path, member.key), depth: depth + 1, hops: 0)
            } else if !(try isNullable(member.value)) {
                throw fail(ARMDiagnosticID.parameterType, path, "the required property '\(member.key)' is missing")
            }
        }
        let sealed = schema.member(caseInsensitive: "sealed")?.boolValue == true
        let additional = schema.member(caseInsensitive: "additionalProperties")
        for (key, item) in object.pairs where !seen.contains(key.lowercased()) {
            if sealed || additional?.boolValue == false {
                throw fail(ARMDiagnosticID.parameterType, path, "the property '\(key)' is not allowed (the type declares \(declared.isEmpty ? "no properties" : "only " + declared.map { "'\($0.key)'" }.joined(separator: ", ")))")
            }
            if let additional, additional.objectValue != nil {
                try check(item, additional, path: child(path, key), depth: depth + 1, hops: 0)
            }
        }
    }

    func checkArray(_ items: [ARMValue], _ schema: JSONNode, path: String, depth: Int) throws(ARMError) {
        let prefix = schema.member(caseInsensitive: "prefixItems")?.arrayValue ?? []
        for (index, itemSchema) in prefix.enumerated() {
            guard index < items.count else {
                throw fail(ARMDiagnosticID.parameterLength, path, "the tuple needs \(prefix.count) items, found \(items.count)")
            }
            try check(items[index], itemSchema, path: "\(path)[\(index)]", depth: depth + 1, hops: 0)
        }
        let rest = items.dropFirst(prefix.count)
        guard let itemSchema = schema.member(caseInsensitive: "items") else { return }
        if itemSchema.boolValue == false {
            if !rest.isEmpty {
                throw fail(ARMDiagnosticID.parameterLength, path, "expected \(prefix.count) item\(prefix.count == 1 ? "" : "s"), found \(items.count)")
            }
            return
        }
        guard itemSchema.objectValue != nil else { return }
        for (offset, item) in rest.enumerated() {
            try check(item, itemSchema, path: "\(path)[\(prefix.count + offset)]", depth: depth + 1, hops: 0)
        }
    }

    /// A property may be absent when its type (or the type it refers to) is nullable.
    func isNullable(_ schema: JSONNode, hops: Int = 0) throws(ARMError) -> Bool {
        if let explicit = schema.member(caseInsensitive: "nullable")?.boolValue { return explicit }
        guard hops < Self.maxReferenceHops, let target = try resolveReference(schema, path: "") else { return false }
        return try isNullable(target, hops: hops + 1)
    }
}
