import Foundation
import NetTwinCore

/// String functions (template-functions-string.md). `contains`, `empty`, `first`, `last`,
/// `length`, `indexOf`, `lastIndexOf`, `skip`, `take`, `concat` also take arrays: see `AnyFunctions`.
enum StringFunctions {
    static let all: [String: FunctionDef] = [
        "base64": .eager(1, 1) { a, s throws(ARMError) in .string(Data(try s.string(a, 0).utf8).base64EncodedString()) },
        "base64ToString": .eager(1, 1) { a, s throws(ARMError) in .string(try decodeBase64(try s.string(a, 0), s)) },
        "base64ToJson": .eager(1, 1) { a, s throws(ARMError) in try parseJSON(try decodeBase64(try s.string(a, 0), s), s) },
        "dataUri": .eager(1, 1) { a, s throws(ARMError) in
            .string("data:text/plain;charset=utf8;base64," + Data(stringify(a[0]).utf8).base64EncodedString())
        },
        "dataUriToString": .eager(1, 1) { a, s throws(ARMError) in
            let uri = try s.string(a, 0)
            guard uri.hasPrefix("data:"), let comma = uri.firstIndex(of: ",") else { throw s.fail("'\(uri)' is not a data URI") }
            let header = uri[..<comma], payload = String(uri[uri.index(after: comma)...])
            if header.hasSuffix(";base64") { return .string(try decodeBase64(payload, s)) }
            return .string(payload.removingPercentEncoding ?? payload)
        },
        "endsWith": .eager(2, 2) { a, s throws(ARMError) in .bool(try s.string(a, 0).lowercased().hasSuffix(try s.string(a, 1).lowercased())) },
        "startsWith": .eager(2, 2) { a, s throws(ARMError) in .bool(try s.string(a, 0).lowercased().hasPrefix(try s.string(a, 1).lowercased())) },
        // like(string, pattern): the whole string matches the pattern, where `*` stands for any run of characters
        // (none included); case-insensitive; every other character, `?` too, stands for itself (Bicep PR #18990).
        "like": .eager(2, 2) { a, s throws(ARMError) in .bool(wildcardMatch(try s.string(a, 0), try s.string(a, 1))) },
        "format": .eager(1, nil) { a, s throws(ARMError) in .string(try format(try s.string(a, 0), Array(a.dropFirst()), s)) },
        "guid": .eager(1, nil) { a, s throws(ARMError) in
            var parts: [String] = []
            for i in a.indices { parts.append(try s.string(a, i)) }
            return .string(Hashing.guid(parts))
        },
        "uniqueString": .eager(1, nil) { a, s throws(ARMError) in
            var parts: [String] = []
            for i in a.indices { parts.append(try s.string(a, i)) }
            return .string(Hashing.uniqueString(parts))
        },
        "newGuid": .eager(0, 0) { _, s throws(ARMError) in
            try DateFunctions.requireParameterDefault(s)
            return .unknown("newGuid() gives a new GUID at each deployment")
        },
        "join": .eager(2, 2) { a, s throws(ARMError) in
            let items = try s.array(a, 0)
            let sep = try s.string(a, 1)
            var parts: [String] = []
            for v in items {
                switch v {
                case .string, .int, .bool, .double: parts.append(stringify(v))
                case .unknown: return v
                default: throw s.fail("the array must hold strings, found '\(v.typeName)'")
                }
            }
            return .string(parts.joined(separator: sep))
        },
        "padLeft": .eager(2, 3) { a, s throws(ARMError) in
            let value: String
            switch a[0] {
            case .string(let v): value = v
            case .int(let i): value = String(i)
            default: throw s.typeError(0, "a string or an integer", a[0])
            }
            let width = Int(try s.int(a, 1))
            var pad: Character = " "
            if a.count > 2 {
                let p = try s.string(a, 2)
                guard p.count == 1, let c = p.first else { throw s.fail("the padding must be a single character, found '\(p)'") }
                pad = c
            }
            guard width <= 16000 else { throw s.fail("the total length \(width) is more than 16000") }
            return .string(value.leftPadded(width, with: pad))
        },
        "replace": .eager(3, 3) { a, s throws(ARMError) in
            let old = try s.string(a, 1)
            guard !old.isEmpty else { throw s.fail("the string to replace is empty") }
            return .string(try s.string(a, 0).replacingOccurrences(of: old, with: try s.string(a, 2)))
        },
        "split": .eager(2, 2) { a, s throws(ARMError) in
            let text = try s.string(a, 0)
            var delimiters: [String] = []
            switch a[1] {
            case .string(let d): delimiters = [d]
            case .array(let ds):
                for d in ds { guard case .string(let x) = d else { throw s.typeError(1, "a string or an array of strings", a[1]) }; delimiters.append(x) }
            default: throw s.typeError(1, "a string or an array of strings", a[1])
            }
            return .array(split(text, delimiters).map { .string($0) })
        },
        "string": .eager(1, 1) { a, _ throws(ARMError) in .string(stringify(a[0])) },
        "substring": .eager(1, 3) { a, s throws(ARMError) in
            let text = Array(try s.string(a, 0).utf16)
            let start = a.count > 1 ? Int(try s.int(a, 1)) : 0
            let length = a.count > 2 ? Int(try s.int(a, 2)) : text.count - start
            guard start >= 0, length >= 0, start <= text.count, length <= text.count - start else {
                throw s.fail("the index and length parameters must refer to a location within the string: the index is '\(start)', the length '\(length)' and the string has \(text.count) characters")
            }
            return .string(String(decoding: text[start..<(start + length)], as: UTF16.self))
        },
        "toLower": .eager(1, 1) { a, s throws(ARMError) in .string(try s.string(a, 0).lowercased()) },
        "toUpper": .eager(1, 1) { a, s throws(ARMError) in .string(try s.string(a, 0).uppercased()) },
        "trim": .eager(1, 1) { a, s throws(ARMError) in .string(try s.string(a, 0).trimmingCharacters(in: .whitespacesAndNewlines)) },
        "uri": .eager(2, 2) { a, s throws(ARMError) in
            let base = try s.string(a, 0), rel = try s.string(a, 1)
            guard let baseURL = URL(string: base), baseURL.scheme != nil else { throw s.fail("'\(base)' is not an absolute URI") }
            guard let url = URL(string: rel, relativeTo: baseURL) else { throw s.fail("'\(rel)' is not a relative URI") }
            return .string(url.absoluteString)
        },
        "uriComponent": .eager(1, 1) { a, s throws(ARMError) in
            var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
            allowed.remove(charactersIn: "")
            return .string(try s.string(a, 0).addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        },
        "uriComponentToString": .eager(1, 1) { a, s throws(ARMError) in
            let t = try s.string(a, 0)
            return .string(t.removingPercentEncoding ?? t)
        },
    ]

    static func decodeBase64(_ text: String, _ s: CallSite) throws(ARMError) -> String {
        guard let data = Data(base64Encoded: text), let out = String(data: data, encoding: .utf8) else {
            throw s.fail("'\(text)' is not valid base64")
        }
        return out
    }

    static func parseJSON(_ text: String, _ s: CallSite) throws(ARMError) -> ARMValue {
        var options = JSONParseOptions()
        options.allowComments = true
        do {
            return ARMValue(json: try JSONParser.parse(doubleQuoted(text), options: options).root.value)
        } catch {
            throw s.fail("the value '\(text.prefix(80))' is not valid JSON: \(error.message)")
        }
    }

    /// Azure reads JSON with Newtonsoft, which accepts single-quoted strings: rewrite them as
    /// double-quoted strings before parsing.
    static func doubleQuoted(_ text: String) -> String {
        guard text.contains("'") else { return text }
        var out = ""
        var quote: Character?
        var escaped = false
        for ch in text {
            if let q = quote {
                if escaped {
                    escaped = false
                    if q == "'" && ch == "'" { out.append("'"); continue }
                    out.append("\\"); out.append(ch); continue
                }
                if ch == "\\" { escaped = true; continue }
                if ch == q { quote = nil; out.append("\""); continue }
                if q == "'" && ch == "\"" { out.append("\\\""); continue }
                out.append(ch)
            } else if ch == "'" || ch == "\"" {
                quote = ch; out.append("\"")
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// Splits on any of the delimiters (like .NET `String.Split(string[], None)`).
    static func split(_ text: String, _ delimiters: [String]) -> [String] {
        let ds = delimiters.filter { !$0.isEmpty }
        guard !ds.isEmpty else { return [text] }
        var parts: [String] = []
        var current = ""
        var rest = Substring(text)
        outer: while !rest.isEmpty {
            for d in ds where rest.hasPrefix(d) {
                parts.append(current); current = ""
                rest = rest.dropFirst(d.count)
                continue outer
            }
            current.append(rest.removeFirst())
        }
        parts.append(current)
        return parts
    }

    /// The text of a value as `string()`, `concat()` and `format()` give it (.NET `ToString`:
    /// `True`/`False` for booleans, compact JSON for arrays and objects).
    static func stringify(_ v: ARMValue) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "True" : "False"
        case .double(let d): return formatDouble(d)
        case .null: return ""
        case .unknown(let r): return "<unknown: \(r)>"
        case .lambda: return "<lambda>"
        case .secret: return ARMValue.secureText
        case .array, .object: return jsonText(v)
        }
    }

    static func formatDouble(_ d: Double) -> String {
        if d.rounded() == d && abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    /// Compact JSON (Newtonsoft `Formatting.None`).
    static func jsonText(_ v: ARMValue) -> String {
        var options = JSONWriter.Options()
        options.pretty = false
        return JSONWriter.string(v.json, options: options)
    }

    /// `*`-only wildcard match over the whole text, case-insensitive, in linear space (the classic greedy walk that
    /// backtracks to the last `*`).
    static func wildcardMatch(_ text: String, _ pattern: String) -> Bool {
        let t = Array(text.lowercased().unicodeScalars), p = Array(pattern.lowercased().unicodeScalars)
        var i = 0, j = 0
        var star = -1, resume = 0
        while i < t.count {
            if j < p.count, p[j] != "*", p[j] == t[i] {
                i += 1; j += 1
            } else if j < p.count, p[j] == "*" {
                star = j; resume = i; j += 1
            } else if star >= 0 {
                j = star + 1; resume += 1; i = resume
            } else {
                return false
            }
        }
        while j < p.count, p[j] == "*" { j += 1 }
        return j == p.count
    }
}
