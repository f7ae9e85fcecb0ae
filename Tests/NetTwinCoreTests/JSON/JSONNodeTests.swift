import Testing
import NetTwinCore

@Suite struct JSONNodeTests {
    static let doc = try! JSONParser.parse(#"""
        {
          "name": "vnet1",
          "Properties": {
            "subnets": [ {"name": "a"}, {"name": "b", "a/b": 1, "m~n": 2} ],
            "enabled": true,
            "count": 3,
            "ratio": 0.5,
            "whole": 4.0,
            "nothing": null
          }
        }
        """#)

    @Test func accessors() throws {
        let root = Self.doc.root
        #expect(root["name"]?.stringValue == "vnet1")
        #expect(root["properties"] == nil)
        let props = try #require(root.member(caseInsensitive: "properties"))
        #expect(props["enabled"]?.boolValue == true)
        #expect(props["count"]?.intValue == 3)
        #expect(props["count"]?.doubleValue == 3)
        #expect(props["ratio"]?.doubleValue == 0.5)
        #expect(props["ratio"]?.intValue == nil)
        #expect(props["whole"]?.intValue == 4)
        #expect(props["nothing"]?.isNull == true)
        #expect(props["subnets"]?[1]?["name"]?.stringValue == "b")
        #expect(props["subnets"]?[2] == nil)
        #expect(props["subnets"]?[-1] == nil)
        #expect(props["count"]?.stringValue == nil)
        #expect(root.member(caseInsensitive: "NAME")?.stringValue == "vnet1")
        #expect(root.member(caseInsensitive: "nam") == nil)
    }

    @Test(arguments: [
        (JSONValue.null, "null"), (.bool(true), "boolean"), (.integer(1), "number"), (.double(1), "number"),
        (.string(""), "string"), (.array([]), "array"), (.object([]), "object"),
    ])
    func typeNames(value: JSONValue, name: String) {
        #expect(JSONNode(value).typeName == name)
    }

    @Test func pointers() throws {
        let root = Self.doc.root
        #expect(root.node(at: JSONPointer()) == root)
        #expect(root.node(at: JSONPointer(parsing: "/Properties/subnets/0/name")!)?.stringValue == "a")
        #expect(root.node(at: JSONPointer(parsing: "/Properties/subnets/1/a~1b")!)?.intValue == 1)
        #expect(root.node(at: JSONPointer(parsing: "/Properties/subnets/1/m~0n")!)?.intValue == 2)
        #expect(root.node(at: JSONPointer(parsing: "/Properties/subnets/01")!) == nil)
        #expect(root.node(at: JSONPointer(parsing: "/Properties/subnets/-")!) == nil)
        #expect(root.node(at: JSONPointer(parsing: "/name/x")!) == nil)
        let node = try #require(root.node(at: JSONPointer(tokens: ["Properties", "count"])))
        #expect(Self.doc.lineColumn(ofOffset: node.offset) == (6, 14))  // `    "count": 3,` → '3' at column 14
        #expect(Self.doc.lineColumn(at: JSONPointer(parsing: "/Properties/subnets/1/name")!).map { [$0.line, $0.column] } == [4, 42])
        // Line 4: 4 spaces, `"subnets"` 5-13, ':' 14, ' ' 15, '[' 16, ' ' 17, `{"name": "a"}` 18-30, ',' 31, ' ' 32,
        // '{' 33, `"name"` 34-39, ':' 40, ' ' 41 → the value "b" starts at column 42.
        #expect(Self.doc.lineColumn(at: JSONPointer(parsing: "/nope")!) == nil)
    }

    @Test func caseInsensitivePrefersExactMatch() throws {
        let doc = try JSONParser.parse(#"{"Type": 1, "type": 2, "ÉTAT": 3}"#)
        #expect(doc.root.member(caseInsensitive: "type")?.intValue == 2)
        #expect(doc.root.member(caseInsensitive: "TYPE")?.intValue == 1)
        #expect(doc.root.member(caseInsensitive: "état")?.intValue == 3)
    }

    @Test func equivalenceIgnoresOffsets() throws {
        let parsed = try JSONParser.parse(#"  {"a": [1, {"b": null}], "c": 2.5}"#).root.value
        let built: JSONValue = ["a": [1, ["b": nil]], "c": 2.5]
        #expect(parsed != built)
        #expect(parsed.isEquivalent(to: built))
        #expect(!parsed.isEquivalent(to: ["a": [1, ["b": nil]], "c": 2]))
        #expect(!parsed.isEquivalent(to: ["c": 2.5, "a": [1, ["b": nil]]]))
    }

    @Test func literals() {
        let value: JSONValue = ["name": "x", "n": 1, "f": 1.5, "ok": true, "list": [1, "two"], "none": nil]
        #expect(value.description == #"{"name":"x","n":1,"f":1.5,"ok":true,"list":[1,"two"],"none":null}"#)
        let node: JSONNode = ["a": 1]
        #expect(node["a"]?.intValue == 1)
        #expect(node.offset == -1)
        #expect(JSONValue.object(pairs: [("z", 1), ("a", 2)]).description == #"{"z":1,"a":2}"#)
        #expect(JSONValue.array(values: ["a", nil]).description == #"["a",null]"#)
    }
}
