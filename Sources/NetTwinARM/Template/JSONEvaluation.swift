import NetTwinCore

extension Evaluator {
    /// Evaluates a template JSON value: expression strings are evaluated, objects and arrays
    /// recursively. With `propertyCopy`, an object member `copy` holding copy loops
    /// (`[{name, count, input}]`) becomes one array member per loop (property/variable iteration).
    func evaluateJSON(_ node: JSONNode, pointer: JSONPointer = JSONPointer(), propertyCopy: Bool = false) throws(ARMError) -> ARMValue {
        switch node.value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .integer(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s):
            if s.hasPrefix("[") { scope.session.currentLocation = scope.location(node, pointer) }
            do throws(ARMError) {
                return try evaluateString(s)
            } catch {
                var e = error
                if e.location == nil && !e.isReported { e.location = scope.location(node, pointer, position: e.position) }
                throw e
            }
        case .array(let items):
            var out: [ARMValue] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                out.append(try evaluateJSON(item, pointer: pointer.appending(i), propertyCopy: propertyCopy))
            }
            return .array(out)
        case .object(let members):
            var o = ARMObject()
            for m in members {
                let childPointer = pointer.appending(m.key)
                if propertyCopy, m.key.lowercased() == "copy", let loops = m.value.arrayValue, Self.isCopyLoopArray(loops) {
                    for (i, loop) in loops.enumerated() {
                        let name = loop.member(caseInsensitive: "name")?.stringValue ?? ""
                        o[name] = try evaluateCopyArray(loop, pointer: childPointer.appending(i), what: "property", byNameOnly: true)
                    }
                    continue
                }
                o[try evaluateKey(m.key, node: m.value, pointer: childPointer)] = try evaluateJSON(m.value, pointer: childPointer, propertyCopy: propertyCopy)
            }
            return .object(o)
        }
    }

    /// A property name is evaluated as Azure does: `"[resourceId(...)]": {}` (Bicep's `userAssignedIdentities`
    /// pattern) takes the expression's value as the name, `[[` escapes a literal `[`, anything else is kept as written.
    /// A name whose value is known only at deployment keeps the expression text; a secure value is not used as a name.
    func evaluateKey(_ key: String, node: JSONNode, pointer: JSONPointer) throws(ARMError) -> String {
        guard key.hasPrefix("[") else { return key }
        let value: ARMValue
        do throws(ARMError) {
            value = try evaluateString(key)
        } catch {
            throw error.located(scope.location(node, pointer))
        }
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .unknown, .secret: return key
        default:
            throw ARMError(ARMDiagnosticID.functionArgumentType, "the property name '\(key)' evaluates to \(value.typeName); a property name must be a string")
                .located(scope.location(node, pointer))
        }
    }

    static func isCopyLoopArray(_ loops: [JSONNode]) -> Bool {
        !loops.isEmpty && loops.allSatisfy {
            $0.member(caseInsensitive: "name")?.stringValue != nil && $0.member(caseInsensitive: "count") != nil
                && $0.member(caseInsensitive: "input") != nil
        }
    }

    /// The array a copy loop `{name, count, input}` builds.
    func evaluateCopyArray(_ loop: JSONNode, pointer: JSONPointer, what: String, byNameOnly: Bool = false) throws(ARMError) -> ARMValue {
        let name = loop.member(caseInsensitive: "name")?.stringValue ?? ""
        guard let countNode = loop.member(caseInsensitive: "count"), let input = loop.member(caseInsensitive: "input") else {
            throw ARMError(ARMDiagnosticID.copyInvalid, "the \(what) copy loop '\(name)' needs 'count' and 'input'")
                .located(scope.location(loop, pointer))
        }
        let countValue = try evaluateJSON(countNode, pointer: pointer.appending("count"))
        guard let count = try Self.copyCount(countValue, name: name, location: scope.location(countNode, pointer.appending("count"))) else {
            return countValue
        }
        var out: [ARMValue] = []
        out.reserveCapacity(count)
        var cells = 1
        for i in 0..<count {
            let element = try withCopy(name, i, byNameOnly: byNameOnly).evaluateJSON(input, pointer: pointer.appending("input"), propertyCopy: true)
            cells += element.weight(cap: TemplateLimits.valueCells)
            do throws(ARMError) {
                try Evaluator.checkGrowing(cells, what: "\(what) copy loop '\(name)'", at: 0)
                try account(element, function: "copy '\(name)'", at: 0)
            } catch {
                throw error.located(scope.location(loop, pointer))
            }
            out.append(element)
        }
        return .array(out)
    }

    /// Checks a copy count: an integer from 0 to 800 (copy-resources.md "Copy limits").
    /// Returns nil when the count is unknown.
    static func copyCount(_ value: ARMValue, name: String, location: SourceLocation) throws(ARMError) -> Int? {
        let count: Int64
        switch value.deepRevealed {
        case .unknown: return nil
        case .int(let c): count = c
        case .string(let s) where Int64(s) != nil: count = Int64(s)!
        default:
            throw ARMError(ARMDiagnosticID.copyInvalid, "the count of the copy loop '\(name)' must be an integer, found '\(value.typeName)'").located(location)
        }
        guard count >= 0 else {
            throw ARMError(ARMDiagnosticID.copyInvalid, "the count of the copy loop '\(name)' is \(count): the count can't be a negative number").located(location)
        }
        guard count <= 800 else {
            throw ARMError(ARMDiagnosticID.copyCountLimit, "the count of the copy loop '\(name)' is \(count): the count can't exceed 800").located(location)
        }
        return Int(count)
    }
}

extension ARMError {
    func located(_ location: SourceLocation) -> ARMError {
        var e = self
        if e.location == nil { e.location = location }
        return e
    }
}
