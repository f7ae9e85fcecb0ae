import Foundation
import NetTwinCore
import Testing

/// Secrets are never printed (issue 15 A). A value is secret when it comes from a `securestring` or
/// `secureObject` parameter; anything computed from a secret is secret. Azure's own rule is narrower (it only
/// keeps secure parameters and outputs out of the deployment history: "template-parameters.md", section "Secure
/// parameters"); the stricter rule is ours, because NetTwin prints expanded documents, which Azure does not.
///
/// Property: for random secret values, given on the command line or in a parameters file, fed through every
/// template function family (and a nested deployment, outputs, objects), the bytes of the secret and of its
/// obvious transformations never appear in any output: `expand` text, JSON and `--output`, `inventory`,
/// `check` text, JSON and SARIF, and every diagnostic on standard error.
@Suite struct SecretPropertyTests {
    /// Every function family, each expression computing something from the secure string `s` or the secure object `o`.
    static let derivations: [String] = [
        // String functions (template-functions-string.md)
        "[base64(parameters('s'))]", "[base64ToString(base64(parameters('s')))]", "[base64ToJson(base64(string(parameters('o'))))]",
        "[dataUri(parameters('s'))]", "[dataUriToString(dataUri(parameters('s')))]", "[endsWith(parameters('s'), 'x')]",
        "[startsWith(parameters('s'), 'x')]", "[format('{0}-{1}', parameters('s'), 'x')]", "[guid(parameters('s'))]",
        "[uniqueString(parameters('s'))]", "[join(createArray(parameters('s'), 'b'), ',')]", "[padLeft(parameters('s'), 40, '0')]",
        "[replace(parameters('s'), 'a', 'b')]", "[split(parameters('s'), 'q')]", "[string(parameters('o'))]",
        "[substring(parameters('s'), 1, 10)]", "[toLower(parameters('s'))]", "[toUpper(parameters('s'))]",
        "[trim(concat(' ', parameters('s'), ' '))]", "[uri('https://example.com/', parameters('s'))]",
        "[uriComponent(parameters('s'))]", "[uriComponentToString(uriComponent(parameters('s')))]",
        // Functions on any type (template-functions-array.md, -string.md, -object.md)
        "[concat('x', parameters('s'))]", "[contains(parameters('s'), 'a')]", "[empty(parameters('s'))]",
        "[first(parameters('s'))]", "[last(parameters('s'))]", "[length(parameters('s'))]", "[indexOf(parameters('s'), 'a')]",
        "[lastIndexOf(parameters('s'), 'a')]", "[skip(parameters('s'), 2)]", "[take(parameters('s'), 12)]",
        "[intersection(parameters('o'), parameters('o'))]", "[union(parameters('o'), createObject('k2', 'v'))]",
        // Array functions
        "[array(parameters('s'))]", "[createArray(parameters('s'))]", "[flatten(createArray(createArray(parameters('s'))))]",
        "[range(0, length(parameters('s')))]", "[indexFromEnd(createArray(parameters('s')), 1)]",
        "[tryIndexFromEnd(createArray(parameters('s')), 1)]",
        // CIDR functions
        "[parseCidr(concat('10.0.0.0/', string(length(parameters('s')))))]", "[cidrSubnet('10.0.0.0/16', 24, length(parameters('s')))]",
        "[cidrHost('10.0.0.0/24', length(parameters('s')))]",
        // Comparison functions
        "[coalesce(null(), parameters('s'))]", "[equals(parameters('s'), 'a')]", "[greater(parameters('s'), 'a')]",
        "[greaterOrEquals(parameters('s'), 'a')]", "[less(parameters('s'), 'a')]", "[lessOrEquals(parameters('s'), 'a')]",
        // Date functions
        "[dateTimeAdd('2020-01-01T00:00:00Z', concat('PT', string(length(parameters('s'))), 'H'))]",
        "[dateTimeFromEpoch(length(parameters('s')))]", "[dateTimeToEpoch(dateTimeFromEpoch(length(parameters('s'))))]",
        // Deployment functions
        "[parameters('s')]", "[variables('derived')]",
        // Lambda functions
        "[filter(createArray(parameters('s'), 'a'), lambda('x', not(equals(lambdaVariables('x'), 'a'))))]",
        "[map(createArray(parameters('s')), lambda('x', toUpper(lambdaVariables('x'))))]",
        "[reduce(createArray(parameters('s'), 'z'), '', lambda('c', 'n', concat(lambdaVariables('c'), lambdaVariables('n'))))]",
        "[sort(createArray(parameters('s'), 'a'), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]",
        "[groupBy(createArray(parameters('s')), lambda('x', lambdaVariables('x')))]",
        "[mapValues(parameters('o'), lambda('v', lambdaVariables('v')))]",
        "[toObject(createArray(parameters('s')), lambda('x', lambdaVariables('x')))]",
        // Logical functions
        "[and(empty(parameters('s')), true())]", "[or(empty(parameters('s')), false())]", "[not(empty(parameters('s')))]",
        "[bool(length(parameters('s')))]", "[if(empty(parameters('s')), 'a', parameters('s'))]",
        "[if(empty(parameters('s')), 'a', 'b')]",
        // Numeric functions
        "[add(length(parameters('s')), 1)]", "[sub(length(parameters('s')), 1)]", "[mul(length(parameters('s')), 2)]",
        "[div(length(parameters('s')), 2)]", "[mod(length(parameters('s')), 2)]", "[int(string(length(parameters('s'))))]",
        "[float(length(parameters('s')))]", "[max(length(parameters('s')), 1)]", "[min(length(parameters('s')), 1)]",
        // Object functions
        "[createObject('k', parameters('s'))]", "[json(string(parameters('o')))]", "[objectKeys(parameters('o'))]",
        "[items(parameters('o'))]", "[shallowMerge(createArray(parameters('o')))]", "[tryGet(parameters('o'), 'inner')]",
        "[parameters('o').inner]", "[parameters('o')['inner']]",
        // Resource functions
        "[resourceId('Microsoft.Network/networkSecurityGroups', parameters('s'))]",
        "[subscriptionResourceId('Microsoft.Resources/resourceGroups', parameters('s'))]",
        "[tenantResourceId('Microsoft.Management/managementGroups', parameters('s'))]",
        "[extensionResourceId('/subscriptions/x', 'Microsoft.Authorization/locks', parameters('s'))]",
        "[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', parameters('s'))]",
        "[reference(parameters('s')).anything]", "[listKeys(parameters('s'), '2023-01-01').keys[0].value]",
    ]

    /// Expressions that fail on the secret: their messages must describe it without quoting it.
    static let failures: [String] = [
        "[json(parameters('s'))]", "[int(parameters('s'))]", "[cidrHost(parameters('s'), 1)]", "[parameters('o').nope]",
        "[fail(parameters('s'))]", "[base64ToString(parameters('s'))]", "[dateTimeAdd(parameters('s'), 'PT1H')]",
        "[dataUriToString(parameters('s'))]", "[parseCidr(parameters('s'))]", "[add(parameters('s'), 1)]",
    ]

    static func template(_ expressions: [String]) -> String {
        let properties = expressions.enumerated().map { i, e in "\"p\(i)\": \"\(e)\"" }.joined(separator: ",\n")
        // One output holding every expression (a template has at most 64 outputs).
        let outputs = "\"all\": {\"type\": \"object\", \"value\": {" + expressions.enumerated().map { i, e in "\"o\(i)\": \"\(e)\"" }.joined(separator: ",\n") + "}}"

        return """
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "s": {"type": "securestring"},
            "o": {"type": "secureObject"},
            "pick": {"type": "securestring", "allowedValues": ["one", "two"], "defaultValue": "one"}
          },
          "variables": {"derived": "[concat(toUpper(parameters('s')), '-x')]"},
          "resources": [
            {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01",
             "name": "[concat('nsg-', toLower(parameters('s')))]", "location": "westeurope",
             "properties": {"securityRules": [{"name": "ssh", "properties": {"priority": 100, "direction": "Inbound", "access": "Allow",
                "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*",
                "destinationPortRange": "22", "description": "[parameters('s')]"}}],
                \(properties)}},
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "nested",
             "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
               "parameters": {"p": {"value": "[toUpper(parameters('s'))]"}, "q": {"value": "[parameters('o')]"}},
               "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0", "parameters": {"p": {"type": "string"}, "q": {"type": "object"}},
                  "resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt", "location": "westeurope",
                     "properties": {"routes": [], "x": "[parameters('p')]", "y": "[parameters('q').inner]", "z": "[string(parameters('q'))]"}}],
                  "outputs": {"echo": {"type": "string", "value": "[concat('z', parameters('p'))]"}}}}},
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "linked",
             "properties": {"mode": "Incremental", "templateLink": {"uri": "[concat('https://example.com/nested/x.json?', parameters('s'))]"}}},
            {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt-outer", "location": "westeurope",
             "properties": {"routes": [], "fromNested": "[reference('nested').outputs.echo.value]"}}
          ],
          "outputs": {
            \(outputs),
            "nestedEcho": {"type": "string", "value": "[reference('nested').outputs.echo.value]"}
          }
        }
        """
    }

    typealias SplitMix = SplitMix64

    /// A random secret of 16 to 24 letters and digits (long enough that no output holds 10 of its characters by chance).
    static func randomSecret(_ rng: inout SplitMix) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let count = Int.random(in: 16...24, using: &rng)
        return String((0..<count).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// The secret and what the functions above derive from it, as bytes that must never be printed.
    static func forbidden(_ secret: String, member: String) -> [String] {
        let base64 = Data(secret.utf8).base64EncodedString().trimmingCharacters(in: CharacterSet(charactersIn: "="))
        return [secret, secret.uppercased(), secret.lowercased(), String(base64.prefix(16)), String(secret.dropFirst(2)),
                String(secret.prefix(12)), String(secret.dropFirst(1).prefix(10)), secret.replacingOccurrences(of: "a", with: "b"), member]
    }

    static func write(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    func assertNothingLeaks(seed: UInt64, expressions: [String], expectErrors: Bool) throws {
        var rng = SplitMix(seed: seed)
        let secret = Self.randomSecret(&rng)
        let member = Self.randomSecret(&rng)
        let viaParametersFile = Bool.random(using: &rng)
        let objectJSON = #"{"inner": "\#(member)", "n": 5}"#
        var files = ["azuredeploy.json": Self.template(expressions)]
        var flags: [String] = []
        if viaParametersFile {
            files["azuredeploy.parameters.json"] = """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0",
             "parameters": {"s": {"value": "\(secret)"}, "o": {"value": \(objectJSON)}}}
            """
        } else {
            flags = ["-p", "s=\(secret)", "-p", "o=\(objectJSON)"]
        }
        let folder = try Self.write(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = folder.appendingPathComponent("azuredeploy.json").path
        let parameters = viaParametersFile ? ["--parameters", folder.appendingPathComponent("azuredeploy.parameters.json").path] : []
        let outputFile = folder.appendingPathComponent("out.json").path
        let runs: [[String]] = [
            ["expand", template] + parameters + flags,
            ["expand", template, "--format", "json"] + parameters + flags,
            ["expand", template, "--format", "json", "--output", outputFile] + parameters + flags,
            ["inventory", template] + parameters + flags,
            ["inventory", template, "--format", "json"] + parameters + flags,
            ["check", template, "--format", "sarif"] + parameters + flags,
            ["check", template, "--format", "json"] + parameters + flags,
            ["check", template] + parameters + flags,
        ]
        let bad = Self.forbidden(secret, member: member)
        for arguments in runs {
            let result = try run(arguments)
            var printed = result.stdout + result.stderr
            if arguments.contains("--output") { printed += (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "" }
            for b in bad {
                #expect(!printed.contains(b), "seed \(seed): '\(b)' (from secret '\(secret)') printed by \(arguments.prefix(4))")
            }
            if arguments.first == "expand", arguments.contains("json"), !expectErrors {
                #expect(printed.contains("<secure>"), "seed \(seed)")
            }
            if expectErrors && arguments.first == "expand" {
                #expect(result.status == 1, "seed \(seed): \(result.stderr)")
            }
        }
    }

    @Test(arguments: [UInt64](1...4))
    func derivedValuesNeverPrint(seed: UInt64) throws {
        try assertNothingLeaks(seed: seed, expressions: Self.derivations, expectErrors: false)
    }

    @Test(arguments: [UInt64](101...103))
    func failuresDescribeWithoutQuoting(seed: UInt64) throws {
        try assertNothingLeaks(seed: seed, expressions: Self.failures, expectErrors: true)
    }

    /// A secure value that breaks a parameter's declared constraints is described, not quoted
    /// (template-parameters.md: allowedValues, minLength; the messages name the parameter).
    @Test func constraintMessagesDoNotQuote() throws {
        let secret = "Constraint5ecretValue"
        let template = """
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
         "parameters": {"a": {"type": "securestring", "allowedValues": ["one", "two"]},
                        "b": {"type": "securestring", "maxLength": 3},
                        "c": {"type": "int"}},
         "resources": [],
         "outputs": {"n": {"type": "int", "value": "[parameters('c')]"}}}
        """
        let folder = try Self.write(["t.json": template])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(["expand", folder.appendingPathComponent("t.json").path, "-p", "a=\(secret)", "-p", "b=\(secret)", "-p", "c=1",
                              "-p", "undeclared=\(secret)", "--strict"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("'a'") && result.stderr.contains("'b'"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains(secret), "\(result.stderr)")
        // -p with no name before '=' is refused without echoing what was typed.
        let typo = try run(["expand", folder.appendingPathComponent("t.json").path, "-p", secret])
        #expect(typo.status == 64 || typo.status == 2)
        #expect(!(typo.stdout + typo.stderr).contains(secret))
    }
}
