// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "NetTwin",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "NetTwinCore", targets: ["NetTwinCore"]),
        .library(name: "NetTwinARM", targets: ["NetTwinARM"]),
        .library(name: "NetTwinRender", targets: ["NetTwinRender"]),
        .library(name: "NetTwinChecks", targets: ["NetTwinChecks"]),
        .executable(name: "nettwin", targets: ["nettwin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // YAML for `nettwin check --config` (the issue asks for a YAML configuration file).
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
    ],
    targets: [
        // Pure model and algorithms: addressing, JSON with positions, the Azure resource model. No I/O.
        .target(name: "NetTwinCore"),
        // Reading inputs from disk: format detection, files and folders (template expansion comes later).
        // Ships Azure's service tag file (ServiceTags_Public.json, changeNumber 375) as a resource.
        .target(name: "NetTwinARM", dependencies: ["NetTwinCore"], resources: [
            .copy("Resources/ServiceTags_Public.json"),
            // The same data in a compact binary form (Scripts/compact-service-tags.py), what start-up reads.
            .copy("Resources/ServiceTags_Public.ntst"),
            // Traffic Manager: the geographic hierarchy and the Azure region latencies (sources inside the files).
            .copy("Resources/TrafficManagerGeographicHierarchy.json"), .copy("Resources/AzureRegionLatency.json"),
            // private-endpoint-dns.md's zone table for the three clouds (Docs/research/private-endpoint-dns-zones.md).
            .copy("Resources/PrivateEndpointDNSZones.json"),
            // SQL MI service-aided NSG rules and routes, by article version (Docs/research/service-side.md).
            .copy("Resources/ManagedInstanceServiceAided.json"),
        ]),
        // Posture rules computed on the effective model (`nettwin check`); Docs/CHECKS.md lists them.
        .target(name: "NetTwinChecks", dependencies: ["NetTwinCore"]),
        // Formatting of results: text tables, JSON (Network Watcher shapes), SARIF 2.1.0, later diagrams.
        .target(name: "NetTwinRender", dependencies: ["NetTwinCore", "NetTwinChecks"]),
        .executableTarget(
            name: "nettwin",
            dependencies: [
                "NetTwinCore", "NetTwinARM", "NetTwinRender", "NetTwinChecks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Benchmarks (not tests): `swift run -c release nettwin-bench <name>`.
        .executableTarget(name: "nettwin-bench", dependencies: ["NetTwinCore", "NetTwinARM"]),
        // Times the expansion of the whole template corpus: `swift run -c release arm-bench [corpus] [rounds]`.
        .executableTarget(name: "arm-bench", dependencies: ["NetTwinCore", "NetTwinARM"]),
        .testTarget(
            name: "NetTwinCoreTests",
            dependencies: ["NetTwinCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "NetTwinARMTests", dependencies: ["NetTwinCore", "NetTwinARM"]),
        // Routing, security and the other questions, on fixtures transcribed from Azure's articles.
        .testTarget(name: "NetTwinQueryTests", dependencies: ["NetTwinCore", "NetTwinARM", "NetTwinRender", .product(name: "PropertyBased", package: "swift-property-based")], exclude: ["Fixtures"]),
        // Posture rules: a passing and a failing fixture per rule, the example clean, SARIF schema validation.
        .testTarget(name: "NetTwinChecksTests", dependencies: ["NetTwinChecks", "NetTwinCore", "NetTwinARM", "NetTwinRender"]),
        .testTarget(name: "NettwinCLITests", dependencies: ["nettwin"]),
    ],
    swiftLanguageModes: [.v6]
)
