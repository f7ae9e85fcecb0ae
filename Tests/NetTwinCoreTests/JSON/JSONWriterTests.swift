import Testing
import NetTwinCore

@Suite struct JSONWriterTests {
    @Test func prettyLayout() {
        let value: JSONValue = ["name": "vnet", "tags": [:], "list": [], "props": ["a": [1, 2], "b": nil]]
        let expected = """
            {
              "name": "vnet",
              "tags": {},
              "list": [],
              "props": {
                "a": [
                  1,
                  2
                ],
                "b": null
              }
            }
            """
        #expect(JSONWriter.string(value) == expected)
        var four = JSONWriter.Options()
        four.indent = 4
        #expect(JSONWriter.string(["a": [true]], options: four) == "{\n    \"a\": [\n        true\n    ]\n}")
    }

    @Test func compactAndSorted() {
        var o = JSONWriter.Options()
        o.pretty = false
        o.sortKeys = true
        let value: JSONValue = ["b": 1, "a": ["d": 1, "c": 2], "B": 0, "b": 2]
        #expect(JSONWriter.string(value, options: o) == #"{"B":0,"a":{"c":2,"d":1},"b":1,"b":2}"#)
    }

    @Test(arguments: [
        (JSONValue.string("quote\" back\\ slash/ nl\n cr\r tab\t bs\u{8} ff\u{C} nul\u{0} us\u{1F} del\u{7F}"),
         #""quote\" back\\ slash/ nl\n cr\r tab\t bs\b ff\f nul\u0000 us\u001f del\#u{7F}""#),
        (.string("café 😀 \u{2028}"), "\"café 😀 \u{2028}\""),
        (.integer(-42), "-42"),
        (.integer(Int64.min), "-9223372036854775808"),
        (.double(1.0), "1.0"),
        (.double(0.1), "0.1"),
        (.double(-0.0), "-0.0"),
        (.double(1e16), "1e+16"),
        (.double(1.5e-7), "1.5e-07"),
        (.double(.nan), "null"),
        (.double(.infinity), "null"),
        (.bool(false), "false"),
        (.null, "null"),
    ])
    func scalars(value: JSONValue, text: String) {
        #expect(JSONWriter.string(value) == text)
    }

    @Test func escapeSlashes() {
        var o = JSONWriter.Options()
        o.escapeSlashes = true
        #expect(JSONWriter.string("a/b", options: o) == #""a\/b""#)
    }

    @Test func roundTripThroughParser() throws {
        let doc = try JSONParser.parse(JSONParserTests.rfcExample1 + "")
        for pretty in [true, false] {
            var o = JSONWriter.Options()
            o.pretty = pretty
            let text = JSONWriter.string(doc.root.value, options: o)
            let again = try JSONParser.parse(text)
            #expect(JSONWriter.string(again.root.value, options: o) == text)
        }
        for d in [0.1, 1.0 / 3.0, 1e300, .leastNonzeroMagnitude, 123456.789, -2.5e-10] {
            let text = JSONWriter.string(.double(d))
            #expect(try JSONParser.parse(text).root.doubleValue == d)
        }
    }
}
