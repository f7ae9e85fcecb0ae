import Testing
@testable import NetTwinCore

private func parse(_ text: String, _ options: JSONParseOptions = .init()) throws(JSONParseError) -> JSONDocument {
    try JSONParser.parse(Array(text.utf8), options: options)
}

private func parseError(_ text: String, _ options: JSONParseOptions = .init()) -> JSONParseError? {
    do {
        _ = try parse(text, options)
        return nil
    } catch {
        return error
    }
}

@Suite struct JSONParserTests {
    // RFC 8259 §13, first example.
    static let rfcExample1 = """
        {
          "Image": {
              "Width":  800,
              "Height": 600,
              "Title":  "View from 15th Floor",
              "Thumbnail": {
                  "Url":    "http://www.example.com/image/481989943",
                  "Height": 125,
                  "Width":  100
              },
              "Animated" : false,
              "IDs": [116, 943, 234, 38793]
            }
        }
        """

    // RFC 8259 §13, second example.
    static let rfcExample2 = """
        [
          {
             "precision": "zip",
             "Latitude":  37.7668,
             "Longitude": -122.3959,
             "Address":   "",
             "City":      "SAN FRANCISCO",
             "State":     "CA",
             "Zip":       "94107",
             "Country":   "US"
          },
          {
             "precision": "zip",
             "Latitude":  37.371991,
             "Longitude": -122.026020,
             "Address":   "",
             "City":      "SUNNYVALE",
             "State":     "CA",
             "Zip":       "94085",
             "Country":   "US"
          }
        ]
        """

    @Test func rfcExample1Parses() throws {
        let doc = try parse(Self.rfcExample1, .strict)
        let image = try #require(doc.root["Image"])
        #expect(image["Width"]?.intValue == 800)
        #expect(image["Title"]?.stringValue == "View from 15th Floor")
        #expect(image["Thumbnail"]?["Url"]?.stringValue == "http://www.example.com/image/481989943")
        #expect(image["Animated"]?.boolValue == false)
        #expect(image["IDs"]?.arrayValue?.compactMap(\.intValue) == [116, 943, 234, 38793])
        // "IDs" value "[" is on line 12; the line is 6 spaces + `"IDs": [` → '[' at column 14.
        let ids = try #require(image["IDs"])
        #expect(doc.lineColumn(ofOffset: ids.offset) == (12, 14))
        #expect(doc.lineCount == 14)
    }

    @Test func rfcExample2Parses() throws {
        let doc = try parse(Self.rfcExample2, .strict)
        let items = try #require(doc.root.arrayValue)
        #expect(items.count == 2)
        #expect(items[0]["Latitude"]?.doubleValue == 37.7668)
        #expect(items[1]["Longitude"]?.doubleValue == -122.026020)
        #expect(items[1]["City"]?.stringValue == "SUNNYVALE")
        #expect(items[0]["Address"]?.stringValue == "")
        // Second object's '{' is line 12, column 3.
        #expect(doc.lineColumn(ofOffset: items[1].offset) == (12, 3))
    }

    @Test(arguments: [
        ("\"Hello world!\"", JSONValue.string("Hello world!")),
        ("42", .integer(42)),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("null", .null),
        (" [ ] ", .array([])),
        ("{}", .object([])),
    ])
    func rfcScalarTexts(text: String, expected: JSONValue) throws {
        #expect(try parse(text, .strict).root.value == stripOffsets(expected))
    }

    @Test(arguments: [
        ("0", JSONValue.integer(0)),
        ("-0", .integer(0)),
        ("7", .integer(7)),
        ("-12", .integer(-12)),
        ("9223372036854775807", .integer(Int64.max)),
        ("-9223372036854775808", .integer(Int64.min)),
        ("9223372036854775808", .double(9223372036854775808.0)),
        ("-9223372036854775809", .double(-9223372036854775809.0)),
        ("123456789012345678901234567890", .double(123456789012345678901234567890.0)),
        ("1.5", .double(1.5)),
        ("0.1", .double(0.1)),
        ("-1.25e-3", .double(-0.00125)),
        ("1e2", .double(100)),
        ("1E+2", .double(100)),
        ("2.5E-1", .double(0.25)),
        ("0.30000000000000004", .double(0.30000000000000004)),
        ("1.7976931348623157e308", .double(1.7976931348623157e308)),
        ("5e-324", .double(.leastNonzeroMagnitude)),
        ("2.2250738585072014e-308", .double(2.2250738585072014e-308)),
        ("37.371991", .double(37.371991)),
        ("1e400", .double(.infinity)),
        ("1.00000000000000000000000000001", .double(1.0)),
    ])
    func numbers(text: String, expected: JSONValue) throws {
        #expect(try parse(text).root.value == expected)
    }

    @Test(arguments: [
        ("01", "number '01' has a leading zero", 0),
        ("-01", "number '-01' has a leading zero", 0),
        ("[00]", "number '00' has a leading zero", 1),
        ("-", "invalid number '-': expected a digit after '-'", 0),
        ("-x", "invalid number '-': expected a digit after '-'", 0),
        ("+1", "expected a value, found '+'", 0),
        ("1.", "invalid number '1.': expected a digit after '.'", 0),
        (".5", "expected a value, found '.'", 0),
        ("1e", "invalid number '1e': expected a digit in the exponent", 0),
        ("1e+", "invalid number '1e+': expected a digit in the exponent", 0),
        ("NaN", "expected a value, found 'NaN'", 0),
        ("Infinity", "expected a value, found 'Infinity'", 0),
        ("-Infinity", "invalid number '-': expected a digit after '-'", 0),
        ("tru", "expected a value, found 'tru'", 0),
        ("nul", "expected a value, found 'nul'", 0),
        ("[fals]", "expected a value, found 'fals'", 1),
        ("", "expected a value, found end of input", 0),
        ("   ", "expected a value, found end of input", 3),
        ("{} x", "expected end of input after the root value, found 'x'", 3),
        ("1 2", "expected end of input after the root value, found '2'", 2),
        ("[1 2]", "expected ',' or ']' after array element, found '2'", 3),
        ("{\"a\":1 x}", "expected ',' or '}' after object member, found 'x'", 7),
        ("{\"a\" 1}", "expected ':' after object key, found '1'", 5),
        ("{1:2}", "expected a string key, found '1'", 1),
        ("{'a':1}", "expected a string key, found \"'\" (strings must use double quotes)", 1),
        ("['a']", "expected a value, found \"'\" (strings must use double quotes)", 1),
        ("[1,]", "trailing comma before ']' is not allowed", 3),
        ("{\"a\":1,}", "trailing comma before '}' is not allowed", 7),
        ("[1", "expected ',' or ']' after array element, found end of input", 2),
        ("{\"a\":", "expected a value, found end of input", 5),
        ("\"abc", "unexpected end of input inside string", 4),
        ("\"ab\\", "unexpected end of input inside string", 4),
        ("\"a\\qb\"", "invalid escape '\\q'", 2),
        ("\"\\u12G4\"", "invalid unicode escape '\\u12G4': expected 4 hex digits", 1),
        ("\"\\uD83D\"", "unpaired high surrogate '\\uD83D' in string", 1),
        ("\"\\uD83Dx\"", "unpaired high surrogate '\\uD83D' in string", 1),
        ("\"\\uD83D\\u0041\"", "unpaired high surrogate '\\uD83D' in string", 1),
        ("\"\\uDE00\"", "unpaired low surrogate '\\uDE00' in string", 1),
        ("\"a\nb\"", "control character U+000A must be escaped in string", 2),
        ("\"tab\there\"", "control character U+0009 must be escaped in string", 4),
        ("[1] /* open", "unterminated comment", 4),
        ("[1 /", "expected ',' or ']' after array element, found '/'", 3),
    ])
    func errors(text: String, message: String, offset: Int) {
        let error = parseError(text)
        #expect(error?.message == message)
        #expect(error?.offset == offset)
    }

    @Test func commentsRejectedWhenStrict() {
        #expect(parseError("// c\n1", .strict)?.message == "expected a value, found '/'")
    }

    @Test func commentsAndTrailingCommas() throws {
        let text = """
            // leading comment
            {
              /* block
                 comment */ "a": [1, 2,], // trailing
              "b": {"c": true,},
            }
            """
        var options = JSONParseOptions()
        options.allowTrailingCommas = true
        let doc = try parse(text, options)
        #expect(doc.root["a"]?.arrayValue?.count == 2)
        #expect(doc.root["b"]?["c"]?.boolValue == true)
        // "a" key: line 4 is `     comment */ "a": [1, 2,], // trailing`: 5 spaces + "comment */ " (11 chars)
        // → the key's '"' is at column 17.
        let a = try #require(doc.root.objectValue?.first)
        #expect(doc.lineColumn(ofOffset: a.keyOffset) == (4, 17))
        // Without the option the first trailing comma is an error, reported at the ']' that follows it:
        // '"'17 'a'18 '"'19 ':'20 ' '21 '['22 '1'23 ','24 ' '25 '2'26 ','27 ']'28 → line 4, column 28.
        let error = parseError(text)
        #expect(error?.message == "trailing comma before ']' is not allowed")
        #expect(error.map { [$0.line, $0.column] } == [4, 28])
    }

    @Test func errorLineAndColumnInMultiLineDocument() {
        // Line 3 is `  "b": [true, x]`: 2 spaces, `"b"` (3-5), ':' (6), ' ' (7), '[' (8),
        // "true" (9-12), ',' (13), ' ' (14), 'x' at column 15.
        let text = "{\n  \"a\": 1,\n  \"b\": [true, x]\n}"
        let error = parseError(text)
        #expect(error?.message == "expected a value, found 'x'")
        #expect(error?.line == 3)
        #expect(error?.column == 15)
        #expect(error?.offset == 26)  // 2 ("{\n") + 10 ("  \"a\": 1,\n") + 14
        #expect(error?.description == "3:15: expected a value, found 'x'")
    }

    @Test func missingCommaPointsAtNextKey() {
        // The fourth line `  "properties": {}` starts with 2 spaces, so the '"' is at column 3.
        let text = """
            {
              "name": "vnet",
              "location": "westeurope"
              "properties": {}
            }
            """
        let error = parseError(text)
        #expect(error?.message == "expected ',' or '}' after object member, found '\"'")
        #expect(error.map { [$0.line, $0.column] } == [4, 3])
    }

    @Test func columnsCountUnicodeScalars() {
        // `{"é": 1, "ü": x}`: é and ü are two bytes each. Scalars: '{'1 '"'2 'é'3 '"'4 ':'5 ' '6 '1'7
        // ','8 ' '9 '"'10 'ü'11 '"'12 ':'13 ' '14 'x'15 → column 15, byte offset 16.
        let error = parseError("{\"é\": 1, \"ü\": x}")
        #expect(error?.column == 15)
        #expect(error?.offset == 16)
        #expect(error?.line == 1)
    }

    @Test func crlfAndLoneCRLineBreaks() throws {
        // Line 1 "[1,", line 2 " 2,", line 3 " x]" (CR LF then a lone CR); 'x' is line 3 column 2.
        let error = parseError("[1,\r\n 2,\r x]")
        #expect(error.map { [$0.line, $0.column] } == [3, 2])
        let doc = try parse("[1,\r\n 2,\r 3]")
        #expect(doc.lineCount == 3)
        let three = try #require(doc.root[2])
        #expect(doc.lineColumn(ofOffset: three.offset) == (3, 2))
    }

    @Test func unterminatedCommentPosition() {
        // The comment opens on line 2 after one space: column 2, byte offset 6.
        let error = parseError("[1,\r\n /* abc\r\n")
        #expect(error?.message == "unterminated comment")
        #expect(error.map { [$0.offset, $0.line, $0.column] } == [6, 2, 2])
    }

    @Test func unexpectedEndPositionIsEndOfInput() {
        let error = parseError("{\n  \"a\": \"abc")
        #expect(error?.message == "unexpected end of input inside string")
        // "{\n" is 2 bytes, line 2 `  "a": "abc` is 11 bytes/scalars: end of input is byte 13, column 12.
        #expect(error.map { [$0.offset, $0.line, $0.column] } == [13, 2, 12])
    }

    @Test func stringEscapes() throws {
        let doc = try parse(#"["\"\\\/\b\f\n\r\t", "caf\u00e9", "\ud83d\ude00!", "\u0000", "plain text longer than eight", "日本語 ok", "x\u0041yyyyyyyyyyyyyyyyyyy\n"]"#)
        let items = try #require(doc.root.arrayValue).map(\.stringValue)
        #expect(items == ["\"\\/\u{8}\u{C}\n\r\t", "café", "😀!", "\u{0}", "plain text longer than eight", "日本語 ok", "xAyyyyyyyyyyyyyyyyyyy\n"])
    }

    @Test(arguments: [
        ([0x22, 0xC3, 0x28, 0x22], 1, "invalid UTF-8 byte 0xC3 in string"),
        ([0x22, 0x61, 0xC0, 0x80, 0x22], 2, "invalid UTF-8 byte 0xC0 in string"),
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 1, "invalid UTF-8 byte 0xED in string"),
        ([0x22, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0xFF, 0x22], 10, "invalid UTF-8 byte 0xFF in string"),
        ([0x22, 0x5C, 0x6E, 0xF0, 0x9F, 0x98, 0x22], 3, "invalid UTF-8 byte 0xF0 in string"),
    ] as [([UInt8], Int, String)])
    func invalidUTF8(bytes: [UInt8], offset: Int, message: String) {
        do {
            _ = try JSONParser.parse(bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == message)
            #expect(error.offset == offset)
        }
    }

    @Test func byteOrderMark() throws {
        let doc = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8))
        #expect(doc.root.offset == 3)
        #expect(doc.lineColumn(ofOffset: 3) == (1, 1))
        #expect(doc.root["a"]?.intValue == 1)
        do {
            _ = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{x".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.column == 2)
        }
    }

    @Test func depthLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(parseError(ok) == nil)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(parseError(tooDeep)?.message == "maximum nesting depth of 512 exceeded")
        #expect(parseError(tooDeep)?.offset == 512)
        let objects = String(repeating: "{\"a\":", count: 100_000)
        #expect(parseError(objects)?.message == "maximum nesting depth of 512 exceeded")
        var small = JSONParseOptions()
        small.maxDepth = 2
        #expect(parseError("[[{}]]", small)?.message == "maximum nesting depth of 2 exceeded")
        #expect(parseError("[[1]]", small) == nil)
    }

    @Test func duplicateKeysKeptInOrder() throws {
        let doc = try parse(#"{"b": 1, "a": 2, "b": 3}"#)
        #expect(doc.root.objectValue?.map(\.key) == ["b", "a", "b"])
        #expect(doc.root["b"]?.intValue == 1)
    }

    @Test func offsetsOfNodesAndKeys() throws {
        let text = #"{"id": "x", "list": [10, {"k": null}]}"#
        let doc = try parse(text)
        let bytes = Array(text.utf8)
        let members = try #require(doc.root.objectValue)
        #expect(members[0].keyOffset == 1)
        #expect(members[0].value.offset == 7)
        #expect(members[1].keyOffset == 12)
        let list = members[1].value
        #expect(bytes[list.offset] == UInt8(ascii: "["))
        #expect(list[0]?.offset == 21)
        let inner = try #require(list[1])
        #expect(bytes[inner.offset] == UInt8(ascii: "{"))
        #expect(inner["k"].map { bytes[$0.offset] } == UInt8(ascii: "n"))
        #expect(doc.lineColumn(ofOffset: -1) == (0, 0))
        #expect(doc.lineColumn(ofOffset: 10_000) == (1, bytes.count + 1))
    }

    @Test func parseStringConvenience() throws {
        #expect(try JSONParser.parse("[1]").root[0]?.intValue == 1)
    }
}

/// Literal-built values already use offset -1; this is the identity but documents intent.
private func stripOffsets(_ v: JSONValue) -> JSONValue { v }

/// ARM templates accept raw line breaks inside strings (template-syntax.md, "Multi-line strings");
/// strict JSON does not.
@Suite struct JSONMultilineStringTests {
    @Test func rawLineBreaksNeedTheOption() throws {
        let text = "{\"script\": \"line one\n\tline two\r\nthree\"}"
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        var options = JSONParseOptions()
        options.allowMultilineStrings = true
        let document = try JSONParser.parse(text, options: options)
        #expect(document.root["script"]?.stringValue == "line one\n\tline two\r\nthree")
        // The same with an escape in the string (the slow path).
        let escaped = try JSONParser.parse("[\"a\\\"b\nc\"]", options: options)
        #expect(escaped.root[0]?.stringValue == "a\"b\nc")
        // Other control characters stay errors.
        #expect(throws: JSONParseError.self) { try JSONParser.parse("[\"a\u{01}b\"]", options: options) }
    }
}
