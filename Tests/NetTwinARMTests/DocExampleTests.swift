import NetTwinCore
import Testing
@testable import NetTwinARM

/// Examples from the ARM template function docs (MicrosoftDocs/azure-docs, articles/azure-resource-manager/
/// templates/…) with the outputs the docs state.
struct DocExampleTests {
    static let dogs = """
    [{"name": "Evie", "age": 5, "interests": ["Ball", "Frisbee"]}, {"name": "Casper", "age": 3, "interests": ["Other dogs"]},
     {"name": "Indy", "age": 2, "interests": ["Butter"]}, {"name": "Kira", "age": 8, "interests": ["Rubs"]}]
    """

    struct Case: Sendable, CustomStringConvertible {
        var doc: String, variables: String, expression: String, expected: String
        var description: String { "\(doc): \(expression)" }
    }

    static let cases: [Case] = [
        // template-functions-lambda.md
        Case(doc: "template-functions-lambda.md#filter", variables: "{\"dogs\": \(dogs)}",
             expression: "[filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))]",
             expected: #"[{"name":"Evie","age":5,"interests":["Ball","Frisbee"]},{"name":"Kira","age":8,"interests":["Rubs"]}]"#),
        Case(doc: "template-functions-lambda.md#filter", variables: "{}",
             expression: "[filter(range(0, 10), lambda('i', equals(0, mod(lambdaVariables('i'), 2))))]", expected: "[0, 2, 4, 6, 8]"),
        Case(doc: "template-functions-lambda.md#map", variables: "{\"dogs\": \(dogs)}",
             expression: "[map(variables('dogs'), lambda('dog', format('Hello {0}!', lambdaVariables('dog').name)))]",
             expected: #"["Hello Evie!","Hello Casper!","Hello Indy!","Hello Kira!"]"#),
        Case(doc: "template-functions-lambda.md#map", variables: "{\"dogs\": \(dogs)}",
             expression: "[map(range(0, length(variables('dogs'))), lambda('i', createObject('i', lambdaVariables('i'), 'dog', variables('dogs')[lambdaVariables('i')].name, 'greeting', format('Ahoy, {0}!', variables('dogs')[lambdaVariables('i')].name))))]",
             expected: #"[{"i":0,"dog":"Evie","greeting":"Ahoy, Evie!"},{"i":1,"dog":"Casper","greeting":"Ahoy, Casper!"},{"i":2,"dog":"Indy","greeting":"Ahoy, Indy!"},{"i":3,"dog":"Kira","greeting":"Ahoy, Kira!"}]"#),
        Case(doc: "template-functions-lambda.md#reduce", variables: "{\"dogs\": \(dogs)}",
             expression: "[reduce(map(variables('dogs'), lambda('dog', lambdaVariables('dog').age)), 1, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]",
             expected: "19"),
        Case(doc: "template-functions-lambda.md#reduce", variables: "{}",
             expression: "[reduce(createArray(createObject('foo', 123), createObject('bar', 456), createObject('baz', 789)), createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))]",
             expected: #"{"foo":123,"bar":456,"baz":789}"#),
        Case(doc: "template-functions-lambda.md#sort", variables: "{\"dogs\": \(dogs)}",
             expression: "[sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age)))]",
             expected: #"[{"name":"Indy","age":2,"interests":["Butter"]},{"name":"Casper","age":3,"interests":["Other dogs"]},{"name":"Evie","age":5,"interests":["Ball","Frisbee"]},{"name":"Kira","age":8,"interests":["Rubs"]}]"#),
        Case(doc: "template-functions-lambda.md#toobject", variables: "{\"dogs\": \(dogs)}",
             expression: "[toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name), lambda('entry', lambdaVariables('entry')))]",
             expected: #"{"Evie":{"name":"Evie","age":5,"interests":["Ball","Frisbee"]},"Casper":{"name":"Casper","age":3,"interests":["Other dogs"]},"Indy":{"name":"Indy","age":2,"interests":["Butter"]},"Kira":{"name":"Kira","age":8,"interests":["Rubs"]}}"#),
        // template-functions-cidr.md
        Case(doc: "template-functions-cidr.md#parsecidr", variables: "{}", expression: "[parseCidr('10.144.0.0/20')]",
             expected: #"{"network":"10.144.0.0","netmask":"255.255.240.0","broadcast":"10.144.15.255","firstUsable":"10.144.0.1","lastUsable":"10.144.15.254","cidr":20}"#),
        Case(doc: "template-functions-cidr.md#parsecidr", variables: "{}", expression: "[parseCidr('fdad:3236:5555::/48')]",
             expected: #"{"network":"fdad:3236:5555::","netmask":"ffff:ffff:ffff::","firstUsable":"fdad:3236:5555::","lastUsable":"fdad:3236:5555:ffff:ffff:ffff:ffff:ffff","cidr":48}"#),
        Case(doc: "template-functions-cidr.md#cidrsubnet", variables: "{}",
             expression: "[map(range(0, 5), lambda('i', cidrSubnet('10.144.0.0/20', 24, lambdaVariables('i'))))]",
             expected: #"["10.144.0.0/24","10.144.1.0/24","10.144.2.0/24","10.144.3.0/24","10.144.4.0/24"]"#),
        Case(doc: "template-functions-cidr.md#cidrsubnet", variables: "{}",
             expression: "[map(range(0, 5), lambda('i', cidrSubnet('fdad:3236:5555::/48', 52, lambdaVariables('i'))))]",
             expected: #"["fdad:3236:5555::/52","fdad:3236:5555:1000::/52","fdad:3236:5555:2000::/52","fdad:3236:5555:3000::/52","fdad:3236:5555:4000::/52"]"#),
        Case(doc: "template-functions-cidr.md#cidrhost", variables: "{}",
             expression: "[map(range(0, 5), lambda('i', cidrHost('10.144.3.0/24', lambdaVariables('i'))))]",
             expected: #"["10.144.3.1","10.144.3.2","10.144.3.3","10.144.3.4","10.144.3.5"]"#),
        Case(doc: "template-functions-cidr.md#cidrhost", variables: "{}",
             expression: "[map(range(0, 5), lambda('i', cidrHost('fdad:3236:5555:3000::/52', lambdaVariables('i'))))]",
             expected: #"["fdad:3236:5555:3000::1","fdad:3236:5555:3000::2","fdad:3236:5555:3000::3","fdad:3236:5555:3000::4","fdad:3236:5555:3000::5"]"#),
        // template-functions-object.md
        Case(doc: "template-functions-object.md#items", variables: #"{"entities": {"item002": {"enabled": false, "displayName": "Example item 2", "number": 200}, "item001": {"enabled": true, "displayName": "Example item 1", "number": 300}}}"#,
             expression: "[items(variables('entities'))]",
             expected: #"[{"key":"item001","value":{"displayName":"Example item 1","enabled":true,"number":300}},{"key":"item002","value":{"displayName":"Example item 2","enabled":false,"number":200}}]"#),
        Case(doc: "template-functions-object.md#objectkeys", variables: #"{"obj": {"a": 1, "b": 2}}"#,
             expression: "[objectKeys(variables('obj'))]", expected: #"["a","b"]"#),
        Case(doc: "template-functions-object.md#shallowmerge", variables: #"{"a": [{"one": "a"}, {"two": "b"}, {"two": "c"}]}"#,
             expression: "[shallowMerge(variables('a'))]", expected: #"{"one":"a","two":"c"}"#),
        Case(doc: "template-functions-object.md#shallowmerge", variables: #"{"a": [{"one": "a", "nested": {"a": 1, "nested": {"c": 3}}}, {"two": "b", "nested": {"b": 2}}]}"#,
             expression: "[shallowMerge(variables('a'))]", expected: #"{"one":"a","nested":{"b":2},"two":"b"}"#),
        Case(doc: "template-functions-object.md#tryget", variables: #"{"users": {"name": "John Doe", "age": 30}}"#,
             expression: "[createArray(tryGet(variables('users'), 'region'), tryGet(variables('users'), 'name'))]", expected: #"[null,"John Doe"]"#),
        Case(doc: "template-functions-object.md#union (deep merge)",
             variables: #"{"a": {"property": {"one": "a", "two": "b", "three": "c1"}, "nestedArray": [1, 2]}, "b": {"property": {"three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]}}"#,
             expression: "[union(variables('a'), variables('b'))]",
             expected: #"{"property":{"one":"a","two":"b","three":"c2","four":"d","five":"e"},"nestedArray":[3,4]}"#),
        Case(doc: "template-functions-object.md#union (deep merge)", variables: #"{"a": [["one", "two"], ["three"]], "b": [["three"], ["four", "two"]]}"#,
             expression: "[union(variables('a'), variables('b'))]", expected: #"[["one","two"],["three"],["four","two"]]"#),
        Case(doc: "template-functions-object.md#json", variables: "{}", expression: "[empty(json('null'))]", expected: "true"),
        // template-functions-date.md (remarks: P1Y is 365 days, P1M is 30 days)
        Case(doc: "template-functions-date.md#datetimeadd", variables: "{}", expression: "[dateTimeAdd('2023-01-01 00:00:00Z', 'P1Y')]", expected: #""2024-01-01T00:00:00Z""#),
        Case(doc: "template-functions-date.md#datetimeadd", variables: "{}", expression: "[dateTimeAdd('2024-01-01 00:00:00Z', 'P1Y')]", expected: #""2024-12-31T00:00:00Z""#),
        Case(doc: "template-functions-date.md#datetimeadd", variables: "{}", expression: "[dateTimeAdd('2023-02-01 00:00:00Z', 'P1M')]", expected: #""2023-03-03T00:00:00Z""#),
        Case(doc: "template-functions-date.md#datetimeadd", variables: "{}", expression: "[dateTimeAdd('2024-02-01 00:00:00Z', 'P1M')]", expected: #""2024-03-02T00:00:00Z""#),
    ]

    @Test(arguments: cases)
    func docExample(_ c: Case) {
        let (value, diagnostics) = ARMSupport.evaluate(c.expression, variables: c.variables)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let expected = ARMSupport.json(c.expected)
        #expect(value.map { FunctionSampleTests.same($0, expected) } == true, "\(c): got \(value.map { "\($0)" } ?? "nothing")")
    }
}
