/// Deterministic JSON serialization.
///
/// - Strings: `"` `\` and control characters are escaped (`\b \f \n \r \t`, others as `\u00XX`
///   with lowercase hex); `/` only when `escapeSlashes`; non-ASCII is written as UTF-8.
/// - Integers print in decimal. Doubles print in the shortest form that round-trips
///   (Swift's `description`), and integral doubles KEEP their ".0" (`1.0`, `1e+16`) so that
///   re-parsing yields `.double` again. Non-finite doubles (no JSON form) are written as `null`.
/// - Pretty output: `indent` spaces per level, `"key": value`, one member/element per line,
///   empty containers as `[]` / `{}`, no trailing newline. Compact output has no whitespace.
/// - `sortKeys` orders object members by key in Unicode scalar (= UTF-8 byte) order; the sort
///   is stable, so duplicate keys keep their relative order.
public struct JSONWriter {
    public struct Options: Sendable {
        public var pretty: Bool = true
        public var indent: Int = 2
        public var sortKeys: Bool = false
        public var escapeSlashes = false
        public init() {}
    }

    public static func string(_ value: JSONValue, options: Options = .init()) -> String {
        String(decoding: bytes(value, options: options), as: UTF8.self)
    }

    /// UTF-8 bytes of the serialization.
    public static func bytes(_ value: JSONValue, options: Options = .init()) -> [UInt8] {
        var w = _Writer(options: options)
        w.out.reserveCapacity(256)
        w.write(value, depth: 0)
        return w.out
    }
}

private struct _Writer {
    let options: JSONWriter.Options
    var out: [UInt8] = []

    init(options: JSONWriter.Options) { self.options = options }

    mutating func newline(_ depth: Int) {
        out.append(0x0A)
        let n = depth * max(0, options.indent)
        if n > 0 { out.append(contentsOf: repeatElement(0x20, count: n)) }
    }

    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: appendASCII("null")
        case .bool(let b): appendASCII(b ? "true" : "false")
        case .integer(let i): writeInteger(i)
        case .double(let d):
            if d.isFinite { out.append(contentsOf: d.description.utf8) } else { appendASCII("null") }
        case .string(let s): writeString(s)
        case .array(let elements):
            if elements.isEmpty { out.append(contentsOf: [0x5B, 0x5D]); return }
            out.append(0x5B)
            for (i, e) in elements.enumerated() {
                if i > 0 { out.append(0x2C) }
                if options.pretty { newline(depth + 1) }
                write(e.value, depth: depth + 1)
            }
            if options.pretty { newline(depth) }
            out.append(0x5D)
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: [0x7B, 0x7D]); return }
            let ordered: [JSONMember]
            if options.sortKeys {
                // Stable: sort indices, tie-break on original position.
                ordered = members.enumerated().sorted { a, b in
                    if a.element.key == b.element.key { return a.offset < b.offset }
                    return a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
                }.map(\.element)
            } else {
                ordered = members
            }
            out.append(0x7B)
            for (i, m) in ordered.enumerated() {
                if i > 0 { out.append(0x2C) }
                if options.pretty { newline(depth + 1) }
                writeString(m.key)
                out.append(0x3A)
                if options.pretty { out.append(0x20) }
                write(m.value.value, depth: depth + 1)
            }
            if options.pretty { newline(depth) }
            out.append(0x7D)
        }
    }

    @inline(__always)
    mutating func appendASCII(_ text: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func writeInteger(_ value: Int64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch
        var magnitude = value.magnitude
        withUnsafeMutableBytes(of: &digits) { raw in
            var i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude != 0
            if value < 0 {
                i -= 1
                raw[i] = 0x2D
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }

    mutating func writeString(_ s: String) {
        out.append(0x22)
        var s = s
        let escapeSlashes = options.escapeSlashes
        s.withUTF8 { u in
            var runStart = 0
            var i = 0
            let n = u.count
            while i < n {
                let b = u[i]
                // Fast reject: anything above '\\' or between '0' and '[' needs nothing.
                if b > 0x5C || (b >= 0x30 && b < 0x5C) || (b >= 0x23 && b < 0x2F) || b == 0x20 || b == 0x21 {
                    i += 1
                    continue
                }
                let replacement: UInt8
                switch b {
                case 0x22: replacement = 0x22
                case 0x5C: replacement = 0x5C
                case 0x2F:
                    if !escapeSlashes { i += 1; continue }
                    replacement = 0x2F
                case 0x08: replacement = 0x62
                case 0x0C: replacement = 0x66
                case 0x0A: replacement = 0x6E
                case 0x0D: replacement = 0x72
                case 0x09: replacement = 0x74
                default: replacement = 0  // other control characters → \u00XX
                }
                if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i])) }
                out.append(0x5C)
                if replacement != 0 {
                    out.append(replacement)
                } else {
                    let hex: StaticString = "0123456789abcdef"
                    out.append(0x75); out.append(0x30); out.append(0x30)
                    out.append(hex.utf8Start[Int(b >> 4)])
                    out.append(hex.utf8Start[Int(b & 0xF)])
                }
                i += 1
                runStart = i
            }
            if n > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<n])) }
        }
        out.append(0x22)
    }
}
