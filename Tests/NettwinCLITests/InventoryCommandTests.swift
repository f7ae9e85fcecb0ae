import Foundation
import NetTwinCore
import Testing

/// Runs the built `nettwin` binary and captures what it prints and its exit status.
struct CommandResult {
    var stdout: String
    var stderr: String
    var status: Int32
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func nettwinBinary() throws -> URL {
    // The test bundle sits in the build products folder next to the executable.
    var candidates: [URL] = []
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("nettwin"))
    }
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("nettwin"))
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("nettwin"))
    candidates.append(packageRoot.appendingPathComponent(".build/debug/nettwin"))
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CancellationError()
    }
    return found
}

func run(_ arguments: [String]) throws -> CommandResult {
    let process = Process()
    process.executableURL = try nettwinBinary()
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self), status: process.terminationStatus)
}

@Suite struct InventoryCommandTests {
    @Test func textInventoryOfTheExample() throws {
        let result = try run(["inventory", "Examples/secure-sqlmi"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Microsoft.Sql/managedInstances"))
        #expect(result.stdout.contains("Diagnostics: 0 errors, 0 warnings"))
    }

    @Test func jsonInventoryParsesAndCounts() throws {
        let result = try run(["inventory", "--format", "json", "Examples/secure-sqlmi"])
        #expect(result.status == 0)
        let document = try JSONParser.parse(Array(result.stdout.utf8))
        let resources = try #require(document.root["resources"]?.arrayValue)
        let managedInstances = resources.filter { $0["type"]?.stringValue == "Microsoft.Sql/managedInstances" }
        // One instance in westeurope, one in northeurope.
        #expect(managedInstances.compactMap { $0["location"]?.stringValue }.sorted() == ["northeurope", "westeurope"])
        #expect(document.root["summary"]?["errors"]?.intValue == 0)
    }

    @Test func missingFileExitsWithTwo() throws {
        let result = try run(["inventory", "no/such/file.json"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("no such file or folder 'no/such/file.json'"))
    }

    @Test func truncatedFileExitsWithTwoAndSaysWhere() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-cut-\(UUID().uuidString).json")
        try "[{\"id\": ".write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try run(["inventory", path.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("\(path.path):1:"))
        #expect(result.stdout.contains("input.json.syntax"))
    }

    @Test func invalidConfigurationExitsWithOne() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-bad-\(UUID().uuidString).json")
        let vnet = """
            [{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v", "type": "Microsoft.Network/virtualNetworks",
              "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": [{"name": "x", "properties": {"addressPrefix": "10.5.0.0/24"}}]}}]
            """
        try vnet.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try run(["inventory", path.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("NetcfgSubnetRangeOutsideVnet"))
    }

    @Test func badFlagExitsWithUsageError() throws {
        let result = try run(["inventory", "--format", "yaml", "Examples/secure-sqlmi"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("yaml"))
    }
}
