import NetTwinCore
import Testing
@testable import NetTwinARM

/// The expression language (template-expressions.md): `[...]`, `[[` escape, `''` in literals,
/// nesting, member access and indexing, errors with positions.
struct ExpressionParserTests {
    @Test(arguments: [
        ("plain", ExpressionParser.StringKind.literal("plain")),
        ("[[not an expression]", .literal("[not an expression]")),
        ("[concat('a')] tail", .literal("[concat('a')] tail")),
        ("[concat('a')]", .expression("concat('a')", offset: 1)),
        ("[]", .expression("", offset: 1)),
    ])
    func classify(_ text: String, _ kind: ExpressionParser.StringKind) {
        #expect(ExpressionParser.classify(text) == kind)
    }

    @Test(arguments: [
        ("['it''s']", JSONValue.string("it's")),
        ("[concat('a', 'b', 'c')]", .string("abc")),
        ("[toUpper(concat('a', toLower('B')))]", .string("AB")),
        ("[createObject('a', createArray(1, 2, 3)).a[1]]", .integer(2)),
        ("[createObject('k', 'v')['k']]", .string("v")),
        ("[json('{\"x\": {\"y\": true}}').x.y]", .bool(true)),
        ("[add(-1, 3)]", .integer(2)),
        ("[CONCAT('a', 'b')]", .string("ab")),
        ("[ concat( 'a' , 'b' ) ]", .string("ab")),
        ("[true]", .bool(true)),
        ("[null]", .null),
        ("[[x]", .string("[x]")),
        ("[createObject('Name', 'v').name]", .string("v")),
    ])
    func evaluates(_ expression: String, _ expected: JSONValue) {
        let (value, diagnostics) = ARMSupport.evaluate(expression)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(value?.isEquivalent(to: expected) == true, "\(String(describing: value))")
    }

    @Test(arguments: [
        ("concat('a'", 10, "expected ',' or ')'"),
        ("concat('a)", 7, "unterminated string literal"),
        ("concat('a') extra", 12, "after the end of the expression"),
        ("foo", 3, "expected '(' after function name 'foo'"),
        ("concat('a',)", 11, "expected a function call or a literal"),
        ("a.b(", 4, "expected a function call or a literal"),
        ("", 0, "the expression is empty"),
        ("concat(#)", 7, "unexpected character '#'"),
    ])
    func syntaxErrors(_ text: String, _ position: Int, _ message: String) {
        do {
            _ = try ExpressionParser.parse(text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.id == ARMDiagnosticID.expressionSyntax)
            #expect(error.position == position, "\(error)")
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func errorDiagnosticPointsIntoTheString() {
        let t = """
        {
          "resources": [],
          "outputs": { "o": { "type": "string", "value": "[concat('a', nope())]" } }
        }
        """
        let r = ARMSupport.expand(t)
        let d = ARMSupport.errors(r)
        #expect(d.count == 1)
        #expect(d.first?.id == ARMDiagnosticID.functionUnknown)
        #expect(d.first?.message == "the template function 'nope' is not valid")
        #expect(d.first?.location?.line == 3)
        // The string's quote is at column 50; 'nope' is the 14th character of the string value (offset 13),
        // so it is at column 64 of the line.
        #expect(d.first?.location?.column == 64)
        #expect(d.first?.location?.pointer.description == "/outputs/o/value")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "concat(", count: 300) + "'a'" + String(repeating: ")", count: 300)
        let (_, diagnostics) = ARMSupport.evaluate("[\(deep)]")
        #expect(diagnostics.contains { $0.severity == .error })
    }

    @Test(arguments: ["[", "[concat(]", "['unterminated]", "[)]", "[a.b.c]"])
    func malformedNeverCrashes(_ text: String) {
        let (_, diagnostics) = ARMSupport.evaluate(text)
        // "[" alone is a literal string (no closing bracket); the others are errors.
        if text == "[" { #expect(diagnostics.isEmpty) } else { #expect(diagnostics.contains { $0.severity == .error }) }
    }
}
