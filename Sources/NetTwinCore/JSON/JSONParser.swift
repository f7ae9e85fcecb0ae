import Foundation

/// A fast, position-keeping JSON reader (RFC 8259, optionally with JSONC comments and
/// trailing commas).
///
/// Choices:
/// - A UTF-8 byte order mark at the start is skipped (offsets still count it).
/// - Strings must be valid UTF-8; an unpaired UTF-16 surrogate escape (`\uD800` alone) is an
///   error, not replaced by U+FFFD.
/// - Numbers without fraction/exponent that fit `Int64` are `.integer`, others `.double`
///   (correctly rounded; out-of-range magnitudes become ±infinity or ±0 as `Double` parsing does).
/// - The parser is iterative (explicit stack): deep input can never overflow the call stack.
/// - Performance: bytes are scanned through an `UnsafeBufferPointer`, strings 8 bytes at a time;
///   strings without escapes are created straight from the buffer; in inputs of 16 KiB or more,
///   repeated ASCII strings of 16–128 bytes (types, states, ids...) share one String instance.
public enum JSONParser {
    public static func parse(_ bytes: [UInt8], options: JSONParseOptions = .init()) throws(JSONParseError) -> JSONDocument {
        let result: Result<(JSONNode, [Int], Bool), JSONParseError> = bytes.withUnsafeBufferPointer { buf in
            var parser = _JSONByteParser(buf, options: options)
            // A large array at the root (or under "value"): its second half is parsed by a helper thread from a likely
            // element boundary; the main parse uses that work only if it reaches the boundary at the array's own level
            // and the helper read exactly a list of values up to the array's end. Otherwise it parses on alone.
            let helper = buf.count >= options.parallelThreshold ? _SecondHalf.start(buf, options: options) : nil
            parser.splice = helper
            defer { helper?.wait() }
            return Result { () throws(JSONParseError) -> (JSONNode, [Int], Bool) in
                let root = try parser.parseDocument()
                return (root, parser.lineStarts, parser.spliced)
            }
        }
        switch result {
        case .success(let (root, lineStarts, spliced)):
            var document = JSONDocument(root: root, source: bytes, lineStarts: lineStarts)
            document.parsedOnTwoThreads = spliced
            return document
        case .failure(let error):
            throw error
        }
    }

    /// Convenience for text already in memory.
    public static func parse(_ text: String, options: JSONParseOptions = .init()) throws(JSONParseError) -> JSONDocument {
        try parse(Array(text.utf8), options: options)
    }
}

// MARK: - Implementation

/// The second half of a large root array, parsed on a helper thread (see `JSONParser.parse`). The helper first finds
/// the element boundary nearest the middle by a structural scan (strings, escapes, comments and nesting followed
/// exactly, which is much faster than parsing), publishes it, then parses the values from there to the array's end.
final class _SecondHalf: @unchecked Sendable {
    /// The array's closing bracket, and the frame depth of the array (1 at the root, 2 under "value").
    let close: Int
    let depth: Int
    /// Where the helper starts looking: its boundary is the array's first comma at or after this offset.
    let from: Int
    private var knownSplit: Int?
    private let found = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var result: ([JSONNode], [Int])?

    private init(close: Int, depth: Int, from: Int) {
        self.close = close
        self.depth = depth
        self.from = from
    }

    /// The comma that starts the helper's part (nil when it found none), waiting for the helper's scan. The main parse
    /// asks at its own first comma at the array's level past `from`, which is that comma when the input is well formed.
    func split() -> Int? {
        found.wait()
        found.signal()
        return knownSplit
    }

    /// Finds the array (the root, or the root object's "value" when its last member) and starts the helper; nil when
    /// the input has another shape.
    static func start(_ buf: UnsafeBufferPointer<UInt8>, options: JSONParseOptions) -> _SecondHalf? {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        var i = buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF ? 3 : 0
        func skip() { while i < buf.count && isSpace(buf[i]) { i += 1 } }
        skip()
        guard i < buf.count else { return nil }
        var depth = 1
        if buf[i] == cLBrace {
            i += 1
            skip()
            let key = Array("\"value\"".utf8)
            guard i + key.count <= buf.count, Array(buf[i..<(i + key.count)]) == key else { return nil }
            i += key.count
            skip()
            guard i < buf.count, buf[i] == cColon else { return nil }
            i += 1
            skip()
            depth = 2
        }
        guard i < buf.count, buf[i] == cLBracket else { return nil }
        let open = i
        var j = buf.count - 1
        while j > open && isSpace(buf[j]) { j -= 1 }
        if depth == 2 {
            guard buf[j] == cRBrace else { return nil }
            j -= 1
            while j > open && isSpace(buf[j]) { j -= 1 }
        }
        guard j > open, buf[j] == cRBracket else { return nil }
        let close = j
        let helper = _SecondHalf(close: close, depth: depth, from: open + (close - open) / 2)
        var helperOptions = options
        helperOptions.maxDepth = max(1, options.maxDepth - depth)
        let box = _BufferBox(buf)
        let helperSettings = helperOptions
        Thread {
            defer { helper.done.signal() }
            let split = scanForBoundary(box.buf, open: open, close: close, from: helper.from, comments: helperSettings.allowComments)
            helper.knownSplit = split
            helper.found.signal()
            guard let split else { return }
            var parser = _JSONByteParser(box.buf, options: helperSettings, start: split + 1, end: close)
            if let values = try? parser.parseValueList() { helper.result = (values, parser.lineStarts) }
        }.start()
        return helper
    }

    /// The first comma at the array's own level at or after `from`: a scan that follows strings (with escapes),
    /// comments and nesting. Nil when there is none, or the bytes are not balanced the way a parse would need.
    static func scanForBoundary(_ buf: UnsafeBufferPointer<UInt8>, open: Int, close: Int, from: Int, comments: Bool) -> Int? {
        var level = 0
        var k = open + 1
        while k < close {
            let b = buf[k]
            switch b {
            case cQuote:
                k += 1
                while k < close {
                    let c = buf[k]
                    if c == cBackslash { k += 2; continue }
                    if c == cQuote { break }
                    k += 1
                }
            case cLBrace, cLBracket: level += 1
            case cRBrace, cRBracket:
                level -= 1
                if level < 0 { return nil }
            case cComma where level == 0 && k >= from: return k
            case cSlash where comments && k + 1 < close:
                if buf[k + 1] == cSlash {
                    while k < close && buf[k] != 0x0A && buf[k] != 0x0D { k += 1 }
                    continue
                } else if buf[k + 1] == cStar {
                    k += 2
                    while k + 1 < close && !(buf[k] == cStar && buf[k + 1] == cSlash) { k += 1 }
                    k += 1
                }
            default: break
            }
            k += 1
        }
        return nil
    }

    /// The helper's values and line starts, once it has finished; nil when it could not read its part as a list of
    /// values (the caller then parses that part itself).
    func take() -> ([JSONNode], [Int])? {
        wait()
        defer { result = nil }
        return result
    }

    /// Waits for the helper (the buffer it reads must outlive it).
    func wait() {
        found.wait()
        found.signal()
        done.wait()
        done.signal()
    }
}

final class _BufferBox: @unchecked Sendable {
    let buf: UnsafeBufferPointer<UInt8>
    init(_ buf: UnsafeBufferPointer<UInt8>) { self.buf = buf }
}

private let cQuote: UInt8 = 0x22      // "
private let cBackslash: UInt8 = 0x5C  // \
private let cSlash: UInt8 = 0x2F      // /
private let cStar: UInt8 = 0x2A       // *
private let cComma: UInt8 = 0x2C      // ,
private let cColon: UInt8 = 0x3A      // :
private let cLBrace: UInt8 = 0x7B     // {
private let cRBrace: UInt8 = 0x7D     // }
private let cLBracket: UInt8 = 0x5B   // [
private let cRBracket: UInt8 = 0x5D   // ]
private let cMinus: UInt8 = 0x2D
private let cPlus: UInt8 = 0x2B
private let cDot: UInt8 = 0x2E
private let c0: UInt8 = 0x30
private let c9: UInt8 = 0x39

private let swarOnes: UInt64 = 0x0101_0101_0101_0101
private let swarHigh: UInt64 = 0x8080_8080_8080_8080

/// Exact powers of ten representable in a Double (10^0 ... 10^22).
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

struct _JSONByteParser {
    private struct Frame {
        var isObject: Bool
        var offset: Int
        var base: Int
        var key: String
        var keyOffset: Int
    }

    private let buf: UnsafeBufferPointer<UInt8>
    private let end: Int
    private let options: JSONParseOptions
    private var pos = 0
    private(set) var lineStarts: [Int] = [0]
    private var scratch: [UInt8] = []
    /// Recently seen medium-length ASCII strings (Azure exports repeat types, states, ids...):
    /// reusing them saves an allocation per repeat. Direct-mapped, verified byte for byte.
    /// Only used for inputs of 16 KiB or more (empty otherwise).
    private var internTable: [String]
    /// The helper's second half of the root array, spliced in when this parser reaches its start (see `parse`).
    var splice: _SecondHalf?
    private(set) var spliced = false

    init(_ buf: UnsafeBufferPointer<UInt8>, options: JSONParseOptions) {
        self.buf = buf
        self.end = buf.count
        self.options = options
        self.internTable = buf.count >= 16_384 ? [String](repeating: "", count: 4096) : []
    }

    /// A parser of the values between `start` and `end` (the helper's part of an array), recording line starts there.
    init(_ buf: UnsafeBufferPointer<UInt8>, options: JSONParseOptions, start: Int, end: Int) {
        self.buf = buf
        self.end = end
        self.options = options
        self.pos = start
        self.lineStarts = []
        self.internTable = [String](repeating: "", count: 4096)
    }

    /// The comma-separated values up to `end` (an optional trailing comma where allowed).
    mutating func parseValueList() throws(JSONParseError) -> [JSONNode] {
        var values: [JSONNode] = []
        while true {
            values.append(try parseValueTree())
            try skipWhitespace()
            if pos >= end { return values }
            guard buf[pos] == cComma else { throw error("expected ',' or ']' after array element, found \(describe(pos))", at: pos) }
            pos += 1
            try skipWhitespace()
            if pos >= end {
                guard options.allowTrailingCommas else { throw error("trailing comma before ']' is not allowed", at: pos) }
                return values
            }
        }
    }

    // MARK: Errors

    private func error(_ message: String, at offset: Int) -> JSONParseError {
        let (line, column) = JSONDocument.scanLineColumn(buf, offset: offset)
        return JSONParseError(message: message, offset: offset, line: line, column: column)
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
    }

    /// Human description of what is at `i`: "end of input", "'x'", "'NaN'", "U+0001", "byte 0xFF".
    private func describe(_ i: Int) -> String {
        guard i < end else { return "end of input" }
        let b = buf[i]
        if b == 0x27 { return "\"'\"" }
        if Self.isLetter(b) {
            var j = i
            while j < end, j - i < 24, Self.isLetter(buf[j]) || (buf[j] >= c0 && buf[j] <= c9) || buf[j] == 0x5F { j += 1 }
            return "'" + String(decoding: UnsafeBufferPointer(rebasing: buf[i..<j]), as: UTF8.self) + "'"
        }
        if b >= 0x21 && b < 0x7F { return "'" + String(UnicodeScalar(b)) + "'" }
        if b < 0x80 { return "U+" + Self.hex(UInt32(b), width: 4) }
        if let (scalar, _) = decodeScalar(at: i) {
            return "'" + String(Character(scalar)) + "' (U+" + Self.hex(scalar.value, width: 4) + ")"
        }
        return "byte 0x" + Self.hex(UInt32(b), width: 2)
    }

    /// Decodes one well-formed UTF-8 scalar at `i`; nil if the bytes are not valid UTF-8.
    private func decodeScalar(at i: Int) -> (Unicode.Scalar, Int)? {
        let b0 = buf[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let len: Int
        var v: UInt32
        var lowerBound: UInt32
        switch b0 {
        case 0xC2...0xDF: len = 2; v = UInt32(b0 & 0x1F); lowerBound = 0x80
        case 0xE0...0xEF: len = 3; v = UInt32(b0 & 0x0F); lowerBound = 0x800
        case 0xF0...0xF4: len = 4; v = UInt32(b0 & 0x07); lowerBound = 0x10000
        default: return nil
        }
        guard i + len <= end else { return nil }
        for k in 1..<len {
            let c = buf[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            v = (v << 6) | UInt32(c & 0x3F)
        }
        guard v >= lowerBound, v <= 0x10FFFF, !(0xD800...0xDFFF).contains(v), let s = Unicode.Scalar(v) else { return nil }
        return (s, len)
    }

    // MARK: Whitespace and comments

    @inline(__always)
    private mutating func skipWhitespace() throws(JSONParseError) {
        while pos < end {
            let b = buf[pos]
            if b > 0x20 {
                if b == cSlash && options.allowComments {
                    if try skipComment() { continue }
                }
                return
            }
            if b == 0x20 {
                pos += 1
                // Indentation runs: 8 spaces at a time.
                while pos + 8 <= end,
                      UnsafeRawPointer(buf.baseAddress! + pos).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 {
                    pos += 8
                }
            } else if b == 0x0A {
                pos += 1
                lineStarts.append(pos)
            } else if b == 0x09 {
                pos += 1
            } else if b == 0x0D {
                pos += 1
                if pos < end && buf[pos] == 0x0A { pos += 1 }
                lineStarts.append(pos)
            } else {
                return
            }
        }
    }

    /// At a "/": skips a comment and returns true, or returns false if it is not one.
    private mutating func skipComment() throws(JSONParseError) -> Bool {
        let start = pos
        guard pos + 1 < end else { return false }
        let next = buf[pos + 1]
        if next == cSlash {
            pos += 2
            while pos < end && buf[pos] != 0x0A && buf[pos] != 0x0D { pos += 1 }
            return true
        }
        if next == cStar {
            pos += 2
            while pos < end {
                let b = buf[pos]
                if b == cStar && pos + 1 < end && buf[pos + 1] == cSlash {
                    pos += 2
                    return true
                }
                pos += 1
                if b == 0x0A {
                    lineStarts.append(pos)
                } else if b == 0x0D {
                    if pos < end && buf[pos] == 0x0A { pos += 1 }
                    lineStarts.append(pos)
                }
            }
            throw error("unterminated comment", at: start)
        }
        return false
    }

    // MARK: Document

    mutating func parseDocument() throws(JSONParseError) -> JSONNode {
        if end >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { pos = 3 }
        let root = try parseValueTree()
        try skipWhitespace()
        if pos < end {
            throw error("expected end of input after the root value, found \(describe(pos))", at: pos)
        }
        return root
    }

    private mutating func parseValueTree() throws(JSONParseError) -> JSONNode {
        var frames: [Frame] = []
        var elements = _MoveStack<JSONNode>(capacity: 256)
        var members = _MoveStack<JSONMember>(capacity: 256)
        defer {
            elements.destroy()
            members.destroy()
        }
        let maxDepth = options.maxDepth

        valueLoop: while true {
            try skipWhitespace()
            guard pos < end else { throw error("expected a value, found end of input", at: pos) }
            let start = pos
            var node: JSONNode
            let b = buf[pos]
            switch b {
            case cQuote:
                node = JSONNode(.string(try parseString()), offset: start)
            case cLBrace:
                if frames.count >= maxDepth { throw error("maximum nesting depth of \(maxDepth) exceeded", at: start) }
                pos += 1
                try skipWhitespace()
                if pos < end && buf[pos] == cRBrace {
                    pos += 1
                    node = JSONNode(.object([]), offset: start)
                } else {
                    let (key, keyOffset) = try parseKey()
                    frames.append(Frame(isObject: true, offset: start, base: members.count, key: key, keyOffset: keyOffset))
                    continue valueLoop
                }
            case cLBracket:
                if frames.count >= maxDepth { throw error("maximum nesting depth of \(maxDepth) exceeded", at: start) }
                pos += 1
                try skipWhitespace()
                if pos < end && buf[pos] == cRBracket {
                    pos += 1
                    node = JSONNode(.array([]), offset: start)
                } else {
                    frames.append(Frame(isObject: false, offset: start, base: elements.count, key: "", keyOffset: -1))
                    continue valueLoop
                }
            case cMinus, c0...c9:
                node = JSONNode(try parseNumber(), offset: start)
            case 0x74: // t
                try expectLiteral(0x74, 0x72, 0x75, 0x65)
                node = JSONNode(.bool(true), offset: start)
            case 0x66: // f
                guard pos + 5 <= end, buf[pos + 1] == 0x61, buf[pos + 2] == 0x6C, buf[pos + 3] == 0x73, buf[pos + 4] == 0x65 else {
                    throw error("expected a value, found \(describe(pos))", at: pos)
                }
                pos += 5
                node = JSONNode(.bool(false), offset: start)
            case 0x6E: // n
                try expectLiteral(0x6E, 0x75, 0x6C, 0x6C)
                node = JSONNode(.null, offset: start)
            case 0x27:
                throw error("expected a value, found \(describe(pos)) (strings must use double quotes)", at: pos)
            default:
                throw error("expected a value, found \(describe(pos))", at: pos)
            }

            // Deliver `node` to the enclosing container(s).
            while true {
                let top = frames.count - 1
                if top < 0 { return node }
                if frames[top].isObject {
                    members.append(JSONMember(key: frames[top].key, keyOffset: frames[top].keyOffset, value: node))
                    try skipWhitespace()
                    if pos < end {
                        let c = buf[pos]
                        if c == cComma {
                            pos += 1
                            try skipWhitespace()
                            if pos < end && buf[pos] == cRBrace {
                                guard options.allowTrailingCommas else {
                                    throw error("trailing comma before '}' is not allowed", at: pos)
                                }
                                pos += 1
                                node = closeObject(&frames, &members)
                                continue
                            }
                            let (key, keyOffset) = try parseKey()
                            frames[top].key = key
                            frames[top].keyOffset = keyOffset
                            continue valueLoop
                        }
                        if c == cRBrace {
                            pos += 1
                            node = closeObject(&frames, &members)
                            continue
                        }
                    }
                    throw error("expected ',' or '}' after object member, found \(describe(pos))", at: pos)
                } else {
                    elements.append(node)
                    try skipWhitespace()
                    if pos < end {
                        let c = buf[pos]
                        if c == cComma {
                            if let splice, frames.count == splice.depth, pos >= splice.from {
                                self.splice = nil
                                if splice.split() == pos, let (values, lines) = splice.take() {
                                    for value in values { elements.append(value) }
                                    spliced = true
                                    lineStarts.append(contentsOf: lines)
                                    pos = splice.close + 1
                                    node = closeArray(&frames, &elements)
                                    continue
                                }
                            }
                            pos += 1
                            try skipWhitespace()
                            if pos < end && buf[pos] == cRBracket {
                                guard options.allowTrailingCommas else {
                                    throw error("trailing comma before ']' is not allowed", at: pos)
                                }
                                pos += 1
                                node = closeArray(&frames, &elements)
                                continue
                            }
                            continue valueLoop
                        }
                        if c == cRBracket {
                            pos += 1
                            node = closeArray(&frames, &elements)
                            continue
                        }
                    }
                    throw error("expected ',' or ']' after array element, found \(describe(pos))", at: pos)
                }
            }
        }
    }

    @inline(__always)
    private func closeObject(_ frames: inout [Frame], _ members: inout _MoveStack<JSONMember>) -> JSONNode {
        let frame = frames.removeLast()
        return JSONNode(.object(members.moveOut(from: frame.base)), offset: frame.offset)
    }

    @inline(__always)
    private func closeArray(_ frames: inout [Frame], _ elements: inout _MoveStack<JSONNode>) -> JSONNode {
        let frame = frames.removeLast()
        return JSONNode(.array(elements.moveOut(from: frame.base)), offset: frame.offset)
    }

    @inline(__always)
    private mutating func expectLiteral(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) throws(JSONParseError) {
        guard pos + 4 <= end, buf[pos] == a, buf[pos + 1] == b, buf[pos + 2] == c, buf[pos + 3] == d else {
            throw error("expected a value, found \(describe(pos))", at: pos)
        }
        pos += 4
    }

    /// At the expected start of a key: parses `"key"` and the following `:`.
    private mutating func parseKey() throws(JSONParseError) -> (String, Int) {
        guard pos < end, buf[pos] == cQuote else {
            if pos < end && buf[pos] == 0x27 {
                throw error("expected a string key, found \(describe(pos)) (strings must use double quotes)", at: pos)
            }
            throw error("expected a string key, found \(describe(pos))", at: pos)
        }
        let keyOffset = pos
        let key = try parseString()
        try skipWhitespace()
        guard pos < end, buf[pos] == cColon else {
            throw error("expected ':' after object key, found \(describe(pos))", at: pos)
        }
        pos += 1
        return (key, keyOffset)
    }

    // MARK: Strings

    /// At the opening quote. Fast path: no escapes, ASCII checked 8 bytes at a time.
    private mutating func parseString() throws(JSONParseError) -> String {
        pos += 1
        let start = pos
        var nonASCII = false
        let base = buf.baseAddress
        while true {
            // 8 bytes at a time while none is '"', '\\', a control character or non-ASCII.
            while pos + 8 <= end {
                let x = UnsafeRawPointer(base! + pos).loadUnaligned(as: UInt64.self)
                let q = x ^ (swarOnes &* 0x22)
                let s = x ^ (swarOnes &* 0x5C)
                let special = ((q &- swarOnes) & ~q) | ((s &- swarOnes) & ~s) | (x &- swarOnes &* 0x20) | x
                if special & swarHigh != 0 { break }
                pos += 8
            }
            guard pos < end else { break }
            let b = buf[pos]
            if b == cQuote {
                let bytes = UnsafeBufferPointer(rebasing: buf[start..<pos])
                pos += 1
                if nonASCII {
                    guard let s = String(validating: bytes, as: UTF8.self) else {
                        throw invalidUTF8Error(from: start, to: pos - 1)
                    }
                    return s
                }
                let n = bytes.count
                if n >= 16 && n <= 128 && !internTable.isEmpty { return internedASCII(bytes) }
                return String(decoding: bytes, as: UTF8.self)
            }
            if b == cBackslash {
                return try parseStringWithEscapes(start: start, nonASCII: nonASCII)
            }
            if b < 0x20 {
                guard options.allowMultilineStrings, b == 0x0A || b == 0x0D || b == 0x09 else {
                    throw error("control character \(describe(pos)) must be escaped in string", at: pos)
                }
            }
            if b >= 0x80 { nonASCII = true }
            pos += 1
        }
        throw error("unexpected end of input inside string", at: end)
    }

    @inline(__always)
    private mutating func internedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = bytes.count
        let p = UnsafeRawPointer(bytes.baseAddress!)
        let first = p.loadUnaligned(as: UInt64.self)
        let last = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        let mixed = (first ^ ((last << 23) | (last >> 41)) ^ UInt64(truncatingIfNeeded: n)) &* 0x9E37_79B9_7F4A_7C15
        let slot = Int(truncatingIfNeeded: mixed >> 52)
        let candidate = internTable[slot]
        let same = candidate.utf8.withContiguousStorageIfAvailable { c -> Bool in
            guard c.count == n else { return false }
            let q = UnsafeRawPointer(c.baseAddress!)
            var i = 0
            while i + 8 <= n {
                if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) != q.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            return p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == q.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } ?? false
        if same { return candidate }
        let s = String(decoding: bytes, as: UTF8.self)
        internTable[slot] = s
        return s
    }

    private func invalidUTF8Error(from: Int, to: Int) -> JSONParseError {
        var i = from
        while i < to {
            if buf[i] < 0x80 { i += 1; continue }
            if let (_, len) = decodeScalar(at: i), i + len <= to { i += len; continue }
            return error("invalid UTF-8 byte 0x\(Self.hex(UInt32(buf[i]), width: 2)) in string", at: i)
        }
        return error("invalid UTF-8 in string", at: from)
    }

    /// Slow path once a backslash is seen at `pos`: decodes into `scratch`.
    private mutating func parseStringWithEscapes(start: Int, nonASCII initialNonASCII: Bool) throws(JSONParseError) -> String {
        var nonASCII = initialNonASCII
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<pos]))
        while pos < end {
            // Copy a run of plain bytes.
            let runStart = pos
            while pos < end {
                let b = buf[pos]
                if b == cQuote || b == cBackslash || b < 0x20 { break }
                if b >= 0x80 { nonASCII = true }
                pos += 1
            }
            if pos > runStart { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<pos])) }
            guard pos < end else { break }
            let b = buf[pos]
            if b == cQuote {
                pos += 1
                if nonASCII {
                    guard let s = String(validating: scratch, as: UTF8.self) else {
                        throw invalidUTF8Error(from: start, to: pos - 1)
                    }
                    return s
                }
                return String(decoding: scratch, as: UTF8.self)
            }
            if b < 0x20 {
                guard options.allowMultilineStrings, b == 0x0A || b == 0x0D || b == 0x09 else {
                    throw error("control character \(describe(pos)) must be escaped in string", at: pos)
                }
                scratch.append(b)
                pos += 1
                continue
            }
            // Backslash.
            let escapeStart = pos
            guard pos + 1 < end else { break }
            let e = buf[pos + 1]
            pos += 2
            switch e {
            case cQuote: scratch.append(cQuote)
            case cBackslash: scratch.append(cBackslash)
            case cSlash: scratch.append(cSlash)
            case 0x62: scratch.append(0x08) // b
            case 0x66: scratch.append(0x0C) // f
            case 0x6E: scratch.append(0x0A) // n
            case 0x72: scratch.append(0x0D) // r
            case 0x74: scratch.append(0x09) // t
            case 0x75: // u
                let unit = try readHex4(escapeStart: escapeStart)
                var scalarValue = UInt32(unit)
                if unit >= 0xD800 && unit <= 0xDBFF {
                    guard pos + 1 < end, buf[pos] == cBackslash, buf[pos + 1] == 0x75 else {
                        if pos >= end { break }
                        throw error("unpaired high surrogate '\\u\(Self.hex(UInt32(unit), width: 4))' in string", at: escapeStart)
                    }
                    let lowStart = pos
                    pos += 2
                    let low = try readHex4(escapeStart: lowStart)
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw error("unpaired high surrogate '\\u\(Self.hex(UInt32(unit), width: 4))' in string", at: escapeStart)
                    }
                    scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if unit >= 0xDC00 && unit <= 0xDFFF {
                    throw error("unpaired low surrogate '\\u\(Self.hex(UInt32(unit), width: 4))' in string", at: escapeStart)
                }
                appendUTF8(scalarValue)
            default:
                if e >= 0x21 && e < 0x7F {
                    throw error("invalid escape '\\\(String(UnicodeScalar(e)))'", at: escapeStart)
                }
                throw error("invalid escape: '\\' followed by \(describe(escapeStart + 1))", at: escapeStart)
            }
        }
        throw error("unexpected end of input inside string", at: end)
    }

    private mutating func readHex4(escapeStart: Int) throws(JSONParseError) -> UInt16 {
        var v: UInt16 = 0
        for k in 0..<4 {
            guard pos + k < end else {
                throw error("unexpected end of input inside string", at: end)
            }
            let c = buf[pos + k]
            let d: UInt8
            switch c {
            case c0...c9: d = c - c0
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default:
                var j = pos
                while j < end, j < pos + 4, buf[j] >= 0x21, buf[j] < 0x7F, buf[j] != cQuote { j += 1 }
                let shown = String(decoding: UnsafeBufferPointer(rebasing: buf[pos..<j]), as: UTF8.self)
                throw error("invalid unicode escape '\\u\(shown)': expected 4 hex digits", at: escapeStart)
            }
            v = v << 4 | UInt16(d)
        }
        pos += 4
        return v
    }

    @inline(__always)
    private mutating func appendUTF8(_ v: UInt32) {
        if v < 0x80 {
            scratch.append(UInt8(v))
        } else if v < 0x800 {
            scratch.append(UInt8(0xC0 | (v >> 6)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            scratch.append(UInt8(0xE0 | (v >> 12)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            scratch.append(UInt8(0xF0 | (v >> 18)))
            scratch.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    // MARK: Numbers

    private func numberText(from start: Int) -> String {
        var j = start
        while j < end {
            let c = buf[j]
            guard (c >= c0 && c <= c9) || c == cMinus || c == cPlus || c == cDot || c == 0x65 || c == 0x45 else { break }
            j += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: buf[start..<max(j, start + 1)]), as: UTF8.self)
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = pos
        var negative = false
        if buf[pos] == cMinus {
            negative = true
            pos += 1
        }
        guard pos < end, buf[pos] >= c0, buf[pos] <= c9 else {
            throw error("invalid number '\(numberText(from: start))': expected a digit after '-'", at: start)
        }
        var mantissa: UInt64 = 0
        var overflow = false
        if buf[pos] == c0 {
            pos += 1
            if pos < end && buf[pos] >= c0 && buf[pos] <= c9 {
                throw error("number '\(numberText(from: start))' has a leading zero", at: start)
            }
        } else {
            while pos < end {
                let c = buf[pos]
                guard c >= c0 && c <= c9 else { break }
                if mantissa <= 1_844_674_407_370_955_160 {  // (UInt64.max - 9) / 10 rounded down: safe to *10 + 9
                    mantissa = mantissa &* 10 &+ UInt64(c &- c0)
                } else {
                    overflow = true
                }
                pos += 1
            }
        }
        var isInteger = true
        var fractionDigits = 0
        if pos < end && buf[pos] == cDot {
            isInteger = false
            pos += 1
            guard pos < end, buf[pos] >= c0, buf[pos] <= c9 else {
                throw error("invalid number '\(numberText(from: start))': expected a digit after '.'", at: start)
            }
            while pos < end {
                let c = buf[pos]
                guard c >= c0 && c <= c9 else { break }
                if mantissa <= 1_844_674_407_370_955_160 {
                    mantissa = mantissa &* 10 &+ UInt64(c &- c0)
                    fractionDigits += 1
                } else {
                    overflow = true
                }
                pos += 1
            }
        }
        var exponent = 0
        if pos < end && (buf[pos] == 0x65 || buf[pos] == 0x45) {
            isInteger = false
            pos += 1
            var expNegative = false
            if pos < end && (buf[pos] == cPlus || buf[pos] == cMinus) {
                expNegative = buf[pos] == cMinus
                pos += 1
            }
            guard pos < end, buf[pos] >= c0, buf[pos] <= c9 else {
                throw error("invalid number '\(numberText(from: start))': expected a digit in the exponent", at: start)
            }
            while pos < end {
                let c = buf[pos]
                guard c >= c0 && c <= c9 else { break }
                if exponent < 100_000 { exponent = exponent * 10 + Int(c - c0) }
                pos += 1
            }
            if expNegative { exponent = -exponent }
        }
        if isInteger && !overflow {
            if negative {
                if mantissa <= UInt64(Int64.max) + 1 { return .integer(Int64(bitPattern: 0 &- mantissa)) }
            } else if mantissa <= UInt64(Int64.max) {
                return .integer(Int64(mantissa))
            }
        }
        // Clinger's fast path: exact mantissa and exact power of ten → one correctly rounded operation.
        if !overflow && mantissa <= (1 << 53) {
            let e10 = exponent - fractionDigits
            if e10 >= -22 && e10 <= 22 {
                var d = Double(mantissa)
                if e10 >= 0 { d *= exactPowersOfTen[e10] } else { d /= exactPowersOfTen[-e10] }
                return .double(negative ? -d : d)
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
        return .double(Double(text) ?? (negative ? -Double.infinity : Double.infinity))
    }
}

/// A growable stack whose top elements can be moved (not copied) into a new Array, so closing
/// a container costs one exact-size allocation and no retain/release per element.
/// Owned by one function, which must call `destroy()` exactly once.
struct _MoveStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Moves elements `start..<count` into a new array and pops them.
    mutating func moveOut(from start: Int) -> [Element] {
        let n = count - start
        guard n > 0 else { return [] }
        let source = base + start
        let result = [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: n)
            initialized = n
        }
        count = start
        return result
    }

    func destroy() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
