/// A parsed JSON document: the root node plus what is needed to turn byte offsets into
/// line/column positions for diagnostics.
public struct JSONDocument: Sendable {
    public let root: JSONNode
    /// The bytes that were parsed (shared with the caller's array, not copied). Empty when every byte
    /// is ASCII: columns are then byte distances, and a large export's bytes need not stay in memory.
    public let source: [UInt8]
    /// The number of bytes parsed.
    public let byteCount: Int
    /// Byte offsets at which each line starts (line 1 starts at 0). A line ends after "\n",
    /// after "\r\n", or after a lone "\r".
    public let lineStarts: [Int]
    /// True when every byte is ASCII: columns are then plain byte distances (no scan of the line,
    /// which matters for minified exports whose lines are megabytes long).
    public let isASCII: Bool
    /// Whether the second half of the root array was parsed by a helper thread and spliced in (for tests and benchmarks).
    public internal(set) var parsedOnTwoThreads = false

    init(root: JSONNode, source: [UInt8], lineStarts: [Int]) {
        self.root = root
        self.lineStarts = lineStarts
        self.byteCount = source.count
        let isASCII = source.withUnsafeBufferPointer { buf in
            var i = 0
            var acc: UInt64 = 0
            if let base = buf.baseAddress {
                while i + 8 <= buf.count {
                    acc |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    i += 8
                }
            }
            while i < buf.count {
                acc |= UInt64(buf[i])
                i += 1
            }
            return acc & 0x8080_8080_8080_8080 == 0
        }
        self.isASCII = isASCII
        self.source = isASCII ? [] : source
    }

    public var lineCount: Int { lineStarts.count }

    /// 1-based line and column of a byte offset; the column counts Unicode scalars from the
    /// start of the line (a leading UTF-8 BOM is not counted). Offsets past the end are clamped
    /// to the end; negative offsets (synthesized nodes) give (0, 0). O(log lines + line length).
    public func lineColumn(ofOffset offset: Int) -> (line: Int, column: Int) {
        if offset < 0 { return (0, 0) }
        let off = min(offset, byteCount)
        // Largest index with lineStarts[index] <= off.
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if lineStarts[mid] <= off { lo = mid } else { hi = mid - 1 }
        }
        let column = isASCII ? off - lineStarts[lo] + 1 : JSONDocument.column(in: source, lineStart: lineStarts[lo], offset: off)
        return (lo + 1, column)
    }

    /// Line/column of a node's first byte, nil for synthesized nodes.
    public func lineColumn(of node: JSONNode) -> (line: Int, column: Int)? {
        node.offset < 0 ? nil : lineColumn(ofOffset: node.offset)
    }

    /// Line/column of the node a pointer designates, nil if it does not resolve or is synthesized.
    public func lineColumn(at pointer: JSONPointer) -> (line: Int, column: Int)? {
        root.node(at: pointer).flatMap { lineColumn(of: $0) }
    }

    static func column(in source: [UInt8], lineStart: Int, offset: Int) -> Int {
        source.withUnsafeBufferPointer { buf in
            var start = lineStart
            if start == 0 && buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF && offset >= 3 {
                start = 3
            }
            var scalars = 0
            var i = start
            while i < offset {
                if buf[i] & 0xC0 != 0x80 { scalars += 1 }
                i += 1
            }
            return scalars + 1
        }
    }

    /// Line/column computed by scanning (used for errors, where no line table exists yet).
    static func scanLineColumn(_ buf: UnsafeBufferPointer<UInt8>, offset: Int) -> (line: Int, column: Int) {
        let off = min(max(offset, 0), buf.count)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < off {
            let b = buf[i]
            if b == 0x0A {
                line += 1; lineStart = i + 1
            } else if b == 0x0D {
                if i + 1 < buf.count && buf[i + 1] == 0x0A {
                    if i + 1 < off { i += 1 } else { break }   // offset points at the "\n" of "\r\n"
                }
                line += 1; lineStart = i + 1
            }
            i += 1
        }
        var start = lineStart
        if start == 0 && buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF && off >= 3 {
            start = 3
        }
        var scalars = 0
        var j = start
        while j < off {
            if buf[j] & 0xC0 != 0x80 { scalars += 1 }
            j += 1
        }
        return (line, scalars + 1)
    }
}
