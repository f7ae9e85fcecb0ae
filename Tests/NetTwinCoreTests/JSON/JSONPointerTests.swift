import Testing
import NetTwinCore

@Suite struct JSONPointerTests {
    @Test(arguments: [
        ("", [String]()),
        ("/", [""]),
        ("/properties/subnets/0/name", ["properties", "subnets", "0", "name"]),
        ("/a~1b/m~0n", ["a/b", "m~n"]),
        ("/~01", ["~1"]),
        ("//x", ["", "x"]),
        ("/é", ["é"]),
    ])
    func roundTrip(text: String, tokens: [String]) throws {
        let p = try #require(JSONPointer(parsing: text))
        #expect(p.tokens == tokens)
        #expect(p.description == text)
        #expect(JSONPointer(tokens: tokens).description == text)
    }

    @Test(arguments: ["a", "/~", "/~2", "/a~"])
    func invalid(text: String) {
        #expect(JSONPointer(parsing: text) == nil)
    }

    @Test func appending() {
        let p = JSONPointer().appending("properties").appending("subnets").appending(3).appending("a/b")
        #expect(p.description == "/properties/subnets/3/a~1b")
        #expect(p.parent.description == "/properties/subnets/3")
        #expect(JSONPointer().isRoot)
    }

    @Test func ordering() {
        let texts = ["/b", "/a/10", "", "/a/2", "/a", "/a/x", "/a/02"]
        let sorted = texts.map { JSONPointer(parsing: $0)! }.sorted().map(\.description)
        #expect(sorted == ["", "/a", "/a/2", "/a/10", "/a/02", "/a/x", "/b"])
    }
}
