import Foundation

extension StringFunctions {
    /// .NET composite formatting as `format()` uses it: `{index[,alignment][:format]}`, with `{{`
    /// and `}}` for braces. Numeric formats N/n, D/d, X/x, F/f, P/p and G/g are supported.
    static func format(_ pattern: String, _ args: [ARMValue], _ s: CallSite) throws(ARMError) -> String {
        var out = ""
        let chars = Array(pattern)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                if i + 1 < chars.count && chars[i + 1] == "{" { out.append("{"); i += 2; continue }
                guard let close = chars[i...].firstIndex(of: "}") else { throw s.fail("the format string '\(pattern)' has an unclosed '{'") }
                let spec = String(chars[(i + 1)..<close])
                var indexPart = spec, formatPart: String?, alignment = 0
                if let colon = spec.firstIndex(of: ":") {
                    indexPart = String(spec[..<colon]); formatPart = String(spec[spec.index(after: colon)...])
                }
                if let comma = indexPart.firstIndex(of: ",") {
                    alignment = Int(indexPart[indexPart.index(after: comma)...].trimmingCharacters(in: .whitespaces)) ?? 0
                    indexPart = String(indexPart[..<comma])
                }
                guard let index = Int(indexPart.trimmingCharacters(in: .whitespaces)), index >= 0, index < args.count else {
                    throw s.fail("the format item '{\(spec)}' refers to an argument that is not given (\(args.count) given)")
                }
                // format() is .NET composite formatting, whose StringBuilder.AppendFormat refuses a width of 1,000,000 or
                // more (its WidthLimit) with a FormatException; the same limit here keeps the result bounded.
                guard abs(alignment) < 1_000_000 else {
                    throw s.fail("the format item '{\(spec)}' asks for an alignment of \(alignment) characters; composite formatting allows less than 1,000,000")
                }
                var text = formatValue(args[index], formatPart)
                if alignment > 0 { text = text.leftPadded(alignment, with: " ") }
                if alignment < 0 && text.count < -alignment { text += String(repeating: " ", count: -alignment - text.count) }
                out += text
                i = close + 1
            } else if c == "}" {
                if i + 1 < chars.count && chars[i + 1] == "}" { out.append("}"); i += 2; continue }
                throw s.fail("the format string '\(pattern)' has an unmatched '}'")
            } else {
                out.append(c); i += 1
            }
        }
        return out
    }

    static func formatValue(_ v: ARMValue, _ format: String?) -> String {
        // Arrays and objects are written as compact JSON with single quotes (Azure's TransformJTokenForOutput).
        if case .array = v { return jsonText(v).replacingOccurrences(of: "\"", with: "'") }
        if case .object = v { return jsonText(v).replacingOccurrences(of: "\"", with: "'") }
        guard let format, let kind = format.first else { return stringify(v) }
        let precision = Int(format.dropFirst()).map { min(max($0, 0), 99) }
        let number: Double
        switch v {
        case .int(let i): number = Double(i)
        case .double(let d): number = d
        default: return stringify(v)
        }
        switch kind {
        case "N", "n": return grouped(number, decimals: precision ?? 2)
        case "F", "f": return String(format: "%.\(precision ?? 2)f", number)
        case "D", "d":
            guard case .int(let i) = v else { return stringify(v) }
            let digits = String(abs(i)).leftPadded(precision ?? 0)
            return i < 0 ? "-" + digits : digits
        case "X", "x":
            guard case .int(let i) = v else { return stringify(v) }
            let hex = String(UInt64(bitPattern: i), radix: 16, uppercase: kind == "X")
            return hex.leftPadded(precision ?? 0)
        case "P", "p": return grouped(number * 100, decimals: precision ?? 2) + " %"
        case "G", "g": return stringify(v)
        default: return stringify(v)
        }
    }

    /// Invariant-culture number with thousands separators.
    static func grouped(_ number: Double, decimals: Int) -> String {
        let fixed = String(format: "%.\(decimals)f", abs(number))
        let parts = fixed.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        var result = groups.joined(separator: ",")
        if parts.count > 1 { result += "." + parts[1] }
        return (number < 0 ? "-" : "") + result
    }
}
