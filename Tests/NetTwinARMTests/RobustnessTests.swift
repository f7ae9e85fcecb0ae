import NetTwinCore
import Testing
@testable import NetTwinARM

/// Every built-in function called with small arguments of every type, 0 to 3 of them: each call
/// gives a value or an ARMError, never a trap or a hang.
struct RobustnessTests {
    static let samples = ["null()", "0", "-1", "7", "'a'", "''", "'10.0.0.0/24'", "'2020-01-01T00:00:00Z'", "createArray()",
                          "createArray(1, 'b')", "createObject()", "createObject('k', 1)", "true()", "lambda('x', lambdaVariables('x'))"]

    @Test(arguments: FunctionRegistry.names)
    func anyArguments(_ name: String) {
        let session = ExpansionSession(context: DeploymentContext())
        let root = try! JSONParser.parse(#"{"resources": []}"#).root
        let file = SourceFile(path: "t.json", json: try! JSONParser.parse(#"{"resources": []}"#))
        let target = TargetScope(level: .resourceGroup, subscriptionId: .string("s"), resourceGroup: .string("g"), location: .string("l"))
        let scope = TemplateScope(session: session, file: file, root: root, pointer: JSONPointer(), target: target,
            deploymentName: "d", supplied: [:], outer: nil, depth: 0)
        let evaluator = Evaluator(scope: scope).withCopy("loop", 0)
        var calls = 0
        func run(_ args: [String]) {
            calls += 1
            let text = "\(name)(\(args.joined(separator: ", ")))"
            do {
                _ = try evaluator.evaluate(try ExpressionParser.parse(text))
            } catch {
                #expect(!error.message.isEmpty, "\(text)")
            }
        }
        run([])
        for a in Self.samples {
            run([a])
            for b in Self.samples {
                run([a, b])
                for c in Self.samples.prefix(8) { run([a, b, c]) }
            }
        }
        #expect(calls > 1000)
    }
}
