import NetTwinCore

/// Gives a template parameter its value and checks it against its declaration (type,
/// allowedValues, minValue/maxValue, minLength/maxLength), as Azure does before deploying.
struct ParameterResolver {
    let scope: TemplateScope
    let name: String
    let decl: JSONNode
    let pointer: JSONPointer

    var declaredType: String? { decl.member(caseInsensitive: "type")?.stringValue?.lowercased() }

    var isSecureType: Bool { declaredType == "securestring" || declaredType == "secureobject" }

    /// The parameter's value; the value of a `securestring`/`secureObject` parameter, and any value computed
    /// from a secret by the caller (a nested deployment's parameters), is secret.
    func resolve() throws(ARMError) -> ARMValue {
        let type = declaredType
        if isSecureType { scope.secureParameters.insert(name.lowercased()) }
        var value: ARMValue
        let hasDefault = decl.member(caseInsensitive: "defaultValue") != nil
        if let given = scope.supplied[name.lowercased()], !(given.isNull && hasDefault) {
            value = given
        } else if let def = decl.member(caseInsensitive: "defaultValue") {
            var e = Evaluator(scope: scope)
            e.inParameterDefault = true
            value = try e.evaluateJSON(def, pointer: pointer.appending("defaultValue"), propertyCopy: false)
        } else if decl.member(caseInsensitive: "nullable")?.boolValue == true {
            value = .null
        } else {
            throw ARMError(ARMDiagnosticID.parameterMissing,
                scope.context.strict
                    ? "the value for the template parameter '\(name)' is not provided"
                    : "the value for the template parameter '\(name)' is not provided; it is unknown in the expansion")
        }
        let secret = isSecureType || value.containsSecret
        if secret {
            value = value.markedSecret
            scope.session.rememberSecret(value)
        }
        try check(value.deepRevealed, type: type, secret: secret)
        if Self.hasStructure(decl) {
            try TypeChecker(parameter: name, template: scope.root, secret: secret)
                .check(value, against: decl)
        }
        return value
    }

    /// The members of a user-defined type (languageVersion 2.0 and typed Bicep output) beyond the classic ones.
    static func hasStructure(_ decl: JSONNode) -> Bool {
        ["$ref", "properties", "additionalProperties", "items", "prefixItems", "discriminator", "sealed"].contains {
            decl.member(caseInsensitive: $0) != nil
        }
    }

    /// - Parameter secret: the value is secret, so messages describe it without quoting it.
    func check(_ value: ARMValue, type: String?, secret: Bool = false) throws(ARMError) {
        func display(_ v: ARMValue) -> String { secret ? ARMValue.secureText : Self.display(v) }
        if case .unknown = value { return }
        if case .null = value, decl.member(caseInsensitive: "nullable")?.boolValue == true { return }
        if let type {
            let ok: Bool
            switch (type, value) {
            case ("string", .string), ("securestring", .string): ok = true
            case ("int", .int): ok = true
            case ("bool", .bool): ok = true
            case ("object", .object), ("secureobject", .object): ok = true
            case ("array", .array): ok = true
            case ("string", _), ("securestring", _), ("int", _), ("bool", _), ("object", _), ("secureobject", _), ("array", _):
                ok = false
            default:
                throw ARMError(ARMDiagnosticID.parameterType, "the template parameter '\(name)' has an unknown type '\(type)'")
            }
            guard ok else {
                throw ARMError(ARMDiagnosticID.parameterType,
                    "the provided value for the template parameter '\(name)' is not valid: expected a value of type '\(type)', found '\(value.typeName)'")
            }
        }
        if let allowed = decl.member(caseInsensitive: "allowedValues")?.arrayValue {
            let options = allowed.map { ARMValue(json: $0.value) }
            let valid: Bool
            if case .array(let items) = value, type == "array" {
                valid = items.allSatisfy { item in options.contains { Self.allowedEqual($0, item) } }
                    || options.contains { Self.allowedEqual($0, value) }
            } else {
                valid = options.contains { Self.allowedEqual($0, value) }
            }
            if !valid {
                let list = options.map { Self.display($0) }.joined(separator: ", ")
                throw ARMError(ARMDiagnosticID.parameterNotAllowed,
                    "the provided value '\(display(value))' for the template parameter '\(name)' is not valid; the value must be one of '\(list)'")
            }
        }
        if case .int(let i) = value {
            if let min = decl.member(caseInsensitive: "minValue")?.intValue, i < min {
                throw ARMError(ARMDiagnosticID.parameterRange, "the provided value '\(display(value))' for the template parameter '\(name)' is less than the minimum value \(min)")
            }
            if let max = decl.member(caseInsensitive: "maxValue")?.intValue, i > max {
                throw ARMError(ARMDiagnosticID.parameterRange, "the provided value '\(display(value))' for the template parameter '\(name)' is greater than the maximum value \(max)")
            }
        }
        let length: Int?
        switch value {
        case .string(let s): length = s.utf16.count
        case .array(let a): length = a.count
        default: length = nil
        }
        if let length {
            if let min = decl.member(caseInsensitive: "minLength")?.intValue, length < min {
                throw ARMError(ARMDiagnosticID.parameterLength, "the length \(length) of the value for the template parameter '\(name)' is less than the minimum length \(min)")
            }
            if let max = decl.member(caseInsensitive: "maxLength")?.intValue, length > max {
                throw ARMError(ARMDiagnosticID.parameterLength, "the length \(length) of the value for the template parameter '\(name)' is greater than the maximum length \(max)")
            }
        }
    }

    /// allowedValues compare strings case-insensitively (Azure accepts 'standard_lrs' for 'Standard_LRS').
    static func allowedEqual(_ a: ARMValue, _ b: ARMValue) -> Bool {
        if case .string(let x) = a, case .string(let y) = b { return x.lowercased() == y.lowercased() }
        return a == b
    }

    static func display(_ v: ARMValue) -> String {
        if case .string(let s) = v { return s }
        return StringFunctions.jsonText(v)
    }
}
