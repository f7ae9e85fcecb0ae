import NetTwinCore
import Testing

/// The two-thread parse of a large root array (issue 13, load) gives exactly the document of the one-thread parse:
/// the same values, offsets and line starts, and the same error at the same place; shapes it cannot split, boundaries
/// that are not boundaries (inside a string, deeper in an element) and helper failures fall back to one thread.
@Suite struct JSONParallelParseTests {
    static func parse(_ text: String, parallel: Bool, options base: JSONParseOptions = .init()) -> Result<JSONDocument, JSONParseError> {
        var options = base
        options.parallelThreshold = parallel ? 0 : .max
        return Result { () throws(JSONParseError) -> JSONDocument in try JSONParser.parse(Array(text.utf8), options: options) }
    }

    /// Both parses agree; `split` says whether the two-thread parse must have used the helper's half.
    static func same(_ text: String, options: JSONParseOptions = .init(), split: Bool? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        switch (parse(text, parallel: false, options: options), parse(text, parallel: true, options: options)) {
        case (.success(let a), .success(let b)):
            #expect(a.root == b.root, sourceLocation: sourceLocation)
            #expect(a.lineStarts == b.lineStarts, sourceLocation: sourceLocation)
            #expect(!a.parsedOnTwoThreads, sourceLocation: sourceLocation)
            if let split { #expect(b.parsedOnTwoThreads == split, sourceLocation: sourceLocation) }
        case (.failure(let a), .failure(let b)):
            #expect(a.message == b.message && a.offset == b.offset && a.line == b.line && a.column == b.column, sourceLocation: sourceLocation)
        case (let a, let b):
            Issue.record("one thread gave \(a), two threads gave \(b)", sourceLocation: sourceLocation)
        }
    }

    static func elements(_ count: Int, _ make: (Int) -> String) -> String { (0..<count).map(make).joined(separator: ",\n  ") }

    @Test func armListAndRootArray() {
        let items = Self.elements(200) { "{\"id\": \"/subscriptions/s/x/\($0)\", \"properties\": {\"n\": \($0), \"list\": [1, 2, {\"a\": \"b\"}]}}" }
        Self.same("{\"value\": [\n  \(items)\n]}\n", split: true)
        Self.same("\u{FEFF}[\n  \(items)\n]", split: true)
        Self.same("  {  \"value\" :\r\n[\(items)]  }  ", split: true)
    }

    @Test func splitPointsThatAreNotBoundaries() {
        // The `}, {` pattern inside a string in the middle, and nested arrays of objects around it.
        let items = Self.elements(100) { i in
            i == 50 ? "{\"s\": \"}, {\\\"a\\\": 1}, {\", \"deep\": [{\"x\": 1}, {\"y\": 2}]}" : "{\"deep\": [{\"x\": \(i)}, {\"y\": \(i)}], \"t\": \"}, {\"}"
        }
        Self.same("{\"value\": [\(items)]}")
        // Another member after "value": the last `]` is not the end of "value".
        Self.same("{\"value\": [\(Self.elements(60) { "{\"n\": \($0)}" })], \"other\": [\(Self.elements(60) { "{\"m\": \($0)}" })]}")
    }

    @Test func errorsAndOptionsInTheSecondHalf() {
        let good = Self.elements(100) { "{\"n\": \($0)}" }
        let broken = Self.elements(100) { $0 == 80 ? "{\"n\": tru}" : "{\"n\": \($0)}" }
        Self.same("{\"value\": [\(broken)]}")
        Self.same("[\(good),]")                      // trailing comma: an error by default
        var lenient = JSONParseOptions()
        lenient.allowTrailingCommas = true
        Self.same("[\(good),]", options: lenient)
        Self.same("[\(Self.elements(100) { "{\"n\": \($0)} /* c\n */" })]")
        // Depth limits count from the root in both halves.
        var shallow = JSONParseOptions()
        shallow.maxDepth = 4
        Self.same("{\"value\": [\(Self.elements(100) { $0 == 70 ? "{\"a\": [[1]]}" : "{\"n\": \($0)}" })]}", options: shallow)
    }

    /// Not arrays at the root: one thread, same answer.
    @Test func otherShapes() {
        Self.same("{\"data\": [\(Self.elements(100) { "{\"n\": \($0)}" })]}", split: false)
        Self.same("\"just a string\"")
        Self.same("[]")
        Self.same("{\"value\": []}")
    }
}
