import NetTwinCore

/// A value of the ARM template language while a template is evaluated.
///
/// `unknown` stands for a value Azure knows only during or after the deployment (a property
/// returned by the resource provider, `utcNow()`, `newGuid()`, a parameter without a value…).
/// It flows through expressions: most functions given an unknown argument return an unknown.
public indirect enum ARMValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([ARMValue])
    case object(ARMObject)
    case unknown(String)
    case lambda(ARMLambda)
    /// A value computed from a secret: a `securestring`/`secureObject` parameter, a parameters-file Key Vault
    /// reference or a `list*()` result. Evaluation sees through it (functions get the plain value and their
    /// result is secret in turn); nothing ever prints it (`json` and `ValueRenderer` give `"<secure>"`).
    case secret(ARMValue)

    /// The ARM type name used in messages (`String`, `Int`, `Bool`, `Array`, `Object`, `Null`).
    public var typeName: String {
        switch self {
        case .null: "Null"
        case .bool: "Bool"
        case .int: "Integer"
        case .double: "Float"
        case .string: "String"
        case .array: "Array"
        case .object: "Object"
        case .unknown: "Unknown"
        case .lambda: "Lambda"
        case .secret(let v): v.typeName
        }
    }

    /// What is printed in place of a secret.
    public static let secureText = "<secure>"

    public var isUnknown: Bool { if case .unknown = revealed { return true }; return false }
    /// Why the value is unknown. The reason of a secret unknown is not given: it may quote the secret
    /// (`reference(parameters('secret'))` names the resource).
    public var unknownReason: String? {
        switch self {
        case .unknown(let r): return r
        case .secret(.unknown): return Self.secretUnknownReason
        default: return nil
        }
    }
    static let secretUnknownReason = "a value computed from a secure value, known only at deployment"

    public var stringValue: String? { if case .string(let s) = revealed { return s }; return nil }
    public var intValue: Int64? { if case .int(let i) = revealed { return i }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = revealed { return b }; return nil }
    public var arrayValue: [ARMValue]? { if case .array(let a) = revealed { return a }; return nil }
    public var objectValue: ARMObject? { if case .object(let o) = revealed { return o }; return nil }
    public var isNull: Bool { if case .null = revealed { return true }; return false }

    // MARK: Secrets

    /// True for a secret value itself (not for a container that holds one).
    public var isSecret: Bool { if case .secret = self { return true }; return false }

    /// The value without its outer secret mark (members of containers keep theirs).
    public var revealed: ARMValue { if case .secret(let v) = self { return v }; return self }

    /// True when this value, or anything inside it, is secret.
    public var containsSecret: Bool {
        switch self {
        case .secret: return true
        case .array(let a): return a.contains { $0.containsSecret }
        case .object(let o): return o.values.contains { $0.containsSecret }
        default: return false
        }
    }

    /// The value with every secret mark inside it removed (what a function computes on). An unknown inside a
    /// secret loses its reason, which may quote the secret.
    public var deepRevealed: ARMValue {
        switch self {
        case .secret(.unknown): return .unknown(Self.secretUnknownReason)
        case .secret(let v): return v.deepRevealed
        case .array(let a): return a.contains { $0.containsSecret } ? .array(a.map(\.deepRevealed)) : self
        case .object(var o):
            guard o.values.contains(where: { $0.containsSecret }) else { return self }
            o.values = o.values.map(\.deepRevealed)
            return .object(o)
        default: return self
        }
    }

    /// This value marked secret (once: a secret is not wrapped again; marks inside are folded into it).
    public var markedSecret: ARMValue {
        switch self {
        case .secret, .lambda: return self
        default: return .secret(deepRevealed)
        }
    }

    /// Every string value inside a value (not object keys, which name what the values are).
    public func forEachValueString(_ body: (String) -> Void) {
        switch self {
        case .string(let s): body(s)
        case .secret(let v): v.forEachValueString(body)
        case .array(let a): a.forEach { $0.forEachValueString(body) }
        case .object(let o): o.values.forEach { $0.forEachValueString(body) }
        default: break
        }
    }

    /// The first unknown found anywhere inside this value (depth first), if any.
    public var firstUnknownDeep: String? {
        switch self {
        case .unknown(let r): return r
        case .secret(let v): return v.firstUnknownDeep == nil ? nil : Self.secretUnknownReason
        case .array(let a):
            for v in a { if let r = v.firstUnknownDeep { return r } }
            return nil
        case .object(let o):
            for v in o.values { if let r = v.firstUnknownDeep { return r } }
            return nil
        default: return nil
        }
    }

    /// Converts a parsed JSON value (template literal, parameter value).
    public init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .integer(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map { ARMValue(json: $0.value) })
        case .object(let members):
            var o = ARMObject()
            for m in members { o[m.key] = ARMValue(json: m.value.value) }
            self = .object(o)
        }
    }

    /// Converts to JSON; unknowns become null (use `ValueRenderer` to record where they are); a secret
    /// becomes `"<secure>"` (null when its value is unknown or null: there is nothing to hide).
    public var json: JSONValue {
        switch self {
        case .null, .unknown, .lambda: return .null
        case .secret(let v): return v.isUnknown || v.isNull ? .null : .string(ARMValue.secureText)
        case .bool(let b): return .bool(b)
        case .int(let i): return .integer(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let a): return .array(a.map { JSONNode($0.json) })
        case .object(let o): return .object(zip(o.keys, o.values).map { JSONMember($0, $1.json) })
        }
    }

    /// Marks every object inside as open (a runtime object: missing members are unknown).
    public func opened(reason: String) -> ARMValue {
        switch self {
        case .object(var o):
            o.openReason = reason
            // A property declared null is filled by the resource provider at deployment.
            o.values = o.values.map { $0.isNull ? .unknown(reason) : $0.opened(reason: reason) }
            return .object(o)
        case .array(let a): return .array(a.map { $0.opened(reason: reason) })
        case .secret(let v): return .secret(v.opened(reason: reason))
        default: return self
        }
    }
}

/// A lambda value (`lambda('x', …)`): parameter names and the body, with the lambda variables
/// of enclosing lambdas it captured.
public struct ARMLambda: Sendable, Equatable {
    public var parameters: [String]
    public var body: ExpressionNode
    public var captured: [String: ARMValue]
}

/// An ARM object: ordered members, looked up case-insensitively as Azure does.
public struct ARMObject: Sendable, Equatable {
    public var keys: [String] = []
    public var values: [ARMValue] = []
    /// Set on objects returned by `reference()` and the like: a member not declared in the
    /// template is known only after the deployment, so reading it gives an unknown, not an error.
    public var openReason: String?

    public init() {}
    public init(_ pairs: [(String, ARMValue)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public func index(of key: String) -> Int? {
        if let i = keys.firstIndex(of: key) { return i }
        let lower = key.lowercased()
        return keys.firstIndex { $0.lowercased() == lower }
    }

    public subscript(key: String) -> ARMValue? {
        get { index(of: key).map { values[$0] } }
        set {
            if let i = index(of: key) {
                if let newValue { values[i] = newValue } else { keys.remove(at: i); values.remove(at: i) }
            } else if let newValue {
                keys.append(key); values.append(newValue)
            }
        }
    }

    public var pairs: [(String, ARMValue)] { Array(zip(keys, values)) }

    public static func == (a: ARMObject, b: ARMObject) -> Bool {
        guard a.count == b.count else { return false }
        for (k, v) in zip(a.keys, a.values) {
            guard let w = b[k], w == v else { return false }
        }
        return true
    }
}

extension ARMValue {
    /// The size of the value in cells: a string counts its UTF-8 bytes, a scalar 1, an array or object 1 plus its
    /// elements (and member names). Counting stops once it passes `cap`, so a check costs at most `cap` steps.
    func weight(cap: Int) -> Int {
        var total = 0
        func visit(_ value: ARMValue) {
            guard total <= cap else { return }
            switch value {
            case .string(let s): total += s.utf8.count
            case .array(let items):
                total += 1
                for item in items where total <= cap { visit(item) }
            case .object(let object):
                total += 1
                for (key, item) in object.pairs where total <= cap { total += key.utf8.count; visit(item) }
            case .secret(let inner): visit(inner)
            default: total += 1
            }
        }
        visit(self)
        return total
    }
}
