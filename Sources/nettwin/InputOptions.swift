import ArgumentParser
import NetTwinARM
import NetTwinCore

/// The inputs of a question: files or folders, and the service tag data.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or folders of resource JSON (anything 'nettwin inventory' accepts).")
    var paths: [String]

    @OptionGroup(title: "Templates") var templates: TemplateFlags

    @Option(name: .long, help: "A newer ServiceTags_Public.json download to use instead of the bundled copy (change number 375).")
    var serviceTags: String?

    @Option(help: ArgumentHelp("The Azure cloud of the configuration, for the private endpoint DNS zones and service host names: AzureCloud, AzureUSGovernment or AzureChinaCloud.", valueName: "name"))
    var cloud: PrivateLinkZoneCatalog.Cloud = .azureCloud

    @Option(name: .customLong("mi-service-aided"), help: ArgumentHelp("The SQL managed instance service-aided rules and routes Azure adds to an instance subnet that has none (a template's): a version of the articles (\(ServiceAidedLoader.versionNames.joined(separator: ", "))), current (the default), or none.", valueName: "version"))
    var serviceAided = "current"

    @OptionGroup(title: "What-if") var whatIf: WhatIfOptions

    /// Loads and builds the model, with the what-if scenario applied; stops with exit status 2 when an input cannot be
    /// read or a what-if names nothing in it.
    func load(applyingWhatIf: Bool = true) throws -> (Topology, ServiceTagTable) {
        let (_, topology) = try Self.loadModel(paths: paths, templates: try templates.options(), cloud: cloud, serviceAided: serviceAided)
        return (applyingWhatIf ? try whatIf.apply(to: topology) : topology, try Self.loadServiceTags(serviceTags))
    }

    /// Reads the inputs (templates expanded) and builds the model; exit status 2 when an input cannot be read.
    /// `side` names the configuration in messages when two are loaded (`diff`).
    static func loadModel(paths: [String], templates: TemplateOptions, side: String? = nil, cloud: PrivateLinkZoneCatalog.Cloud = .azureCloud,
                          serviceAided: String = "current") throws -> (LoadedInputs, Topology) {
        // The rule sets are read only when a managed instance needs them (most inputs have none).
        let wanted = serviceAided.lowercased()
        guard ["none", "current"].contains(wanted) || ServiceAidedLoader.versionNames.contains(where: { $0.lowercased() == wanted }) else {
            throw ValidationError("--mi-service-aided '\(serviceAided)' is not a version (\(ServiceAidedLoader.versionNames.joined(separator: ", ")), current or none)")
        }
        func aided() -> ServiceAidedConfiguration? {
            switch wanted {
            case "none": nil
            case "current": ServiceAidedLoader.current
            default: ServiceAidedLoader.versions.first { $0.version.lowercased() == wanted }
            }
        }
        var loaded = InputLoader().load(paths: paths)
        loaded.expandTemplates(templates)
        var topology = TopologyBuilder().build(loaded.documents)
        // The geographic hierarchy and region latencies serve Geographic and Performance routing only.
        if topology.trafficManagerProfiles.values.contains(where: { ["geographic", "performance"].contains($0.trafficRoutingMethod?.lowercased() ?? "") }) {
            topology.trafficManagerData = TrafficManagerDataLoader.bundled()
        }
        // The zone table (112 KB of JSON) serves private endpoints, private DNS zones and the data services' names: an
        // input with none of them answers the same with the built-in default, and starts 2 ms sooner.
        let namesServices = !(topology.privateEndpoints.isEmpty && topology.privateDnsZones.isEmpty && topology.privateEndpointConnections.isEmpty
            && topology.sqlServers.isEmpty && topology.sqlManagedInstances.isEmpty && topology.keyVaults.isEmpty && topology.storageAccounts.isEmpty
            && topology.webSites.isEmpty && topology.flexibleServers.isEmpty && topology.trafficManagerProfiles.isEmpty)
        if namesServices || cloud != .azureCloud { topology.privateLinkZones = PrivateLinkZoneCatalogLoader.bundled(cloud) }
        if !topology.sqlManagedInstances.isEmpty, let aided = aided() {
            for note in topology.applyServiceAided(aided) { topology.diagnostics.append(Diagnostic(.note, id: DiagnosticID.serviceAided, note)) }
        }
        let problems = (loaded.diagnostics + topology.diagnostics).filter { $0.severity != .note }
        if loaded.hasUnreadableInput {
            for diagnostic in loaded.diagnostics where diagnostic.severity != .note { printError(diagnostic.description) }
            if loaded.files.isEmpty { printError("error: \(side.map { "\($0): " } ?? "")no input was read from \(paths.joined(separator: ", "))") }
            throw ExitStatus.badInput
        }
        if !problems.isEmpty {
            let errors = problems.count { $0.severity == .error }
            printError("note: \(side.map { "the \($0) inputs" } ?? "the inputs") have \(errors) error(s) and \(problems.count - errors) warning(s); 'nettwin inventory' lists them")
        }
        return (loaded, topology)
    }

    static func loadServiceTags(_ path: String?) throws -> ServiceTagTable {
        do {
            guard let path else { return try ServiceTagLoader.bundled() }
            let (table, problems) = try ServiceTagLoader.loadReportingProblems(path: path)
            // A newer download with entries NetTwin cannot read: said, not silently dropped.
            for problem in problems.prefix(10) { printError("warning: \(path): \(problem); the entry is not used") }
            if problems.count > 10 { printError("warning: \(path): \(problems.count - 10) more problems") }
            return table
        } catch {
            printError("error: \(error)")
            throw ExitStatus.badInput
        }
    }
}

extension PrivateLinkZoneCatalog.Cloud: ExpressibleByArgument {
    public init?(argument: String) {
        guard let cloud = Self.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else { return nil }
        self = cloud
    }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// Runs a lookup, turning a failure into a message and exit status 2.
func lookup<T>(_ body: () throws(LookupError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError("error: \(error)")
        throw ExitStatus.badInput
    }
}

func parseAddress(_ text: String, option: String) throws -> IPAddress {
    guard let address = IPAddress(text) else {
        throw ValidationError("\(option): '\(text)' is not an IP address")
    }
    return address
}
