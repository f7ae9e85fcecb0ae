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
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
        case .integer(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d):
            if d.isFinite { out.append(contentsOf: d.description.utf8) } else { out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }
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

    mutating func writeString(_ s: String) {
        out.append(0x22)
        let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
        var s = s
        s.withUTF8 { u in
            var runStart = 0
            var i = 0
            while i < u.count {
                let b = u[i]
                let escape: [UInt8]?
                switch b {
                case 0x22: escape = [0x5C, 0x22]
                case 0x5C: escape = [0x5C, 0x5C]
                case 0x2F: escape = options.escapeSlashes ? [0x5C, 0x2F] : nil
                case 0x08: escape = [0x5C, 0x62]
                case 0x0C: escape = [0x5C, 0x66]
                case 0x0A: escape = [0x5C, 0x6E]
                case 0x0D: escape = [0x5C, 0x72]
                case 0x09: escape = [0x5C, 0x74]
                case 0x00..<0x20: escape = [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]]
                default: escape = nil
                }
                if let escape {
                    if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i])) }
                    out.append(contentsOf: escape)
                    runStart = i + 1
                }
                i += 1
            }
            if u.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<u.count])) }
        }
        out.append(0x22)
    }
}
