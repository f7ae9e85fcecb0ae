import ArgumentParser
import Foundation
import NetTwinARM
import NetTwinChecks
import NetTwinCore
import NetTwinRender

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What a change opens or closes: the reachability matrix of two configurations compared, with causes.",
        discussion: """
            Compare two configurations: nettwin diff --before PATH... --after PATH..., or the working tree against a git \
            revision: nettwin diff --git REV PATH... (the PATHs as they are at REV, read with 'git archive'). This is \
            how a pull-request check runs: nettwin diff --git origin/main --format markdown Examples/secure-sqlmi.

            The answer is behavioural: every (source location, destination, port class) whose verdict or source set \
            changed, the prefixes that gained or lost access, and the cause: the resources and properties that differ \
            between the inputs and decide that flow, found by tracing it on both sides and naming the first hop whose \
            decision differs (file and line where the input is a template). It also lists the posture findings \
            ('nettwin check') added and removed. --ports, --protocol, --from and --to select as in 'nettwin matrix'.

            --require FILE: YAML flows that must stay reachable or blocked (source, destination, port, as 'nettwin \
            reach' takes them; see Docs/MATRIX.md); they are checked on the --after side.

            Exit status: 0 compared (changes or not); 1 a required flow is violated; 2 bad input or question.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Option(parsing: .upToNextOption, help: ArgumentHelp("The configuration before the change: files or folders.", valueName: "path"))
    var before: [String] = []
    @Option(parsing: .upToNextOption, help: ArgumentHelp("The configuration after the change: files or folders.", valueName: "path"))
    var after: [String] = []
    @Option(help: ArgumentHelp("Compare the PATHs in the working tree with the same PATHs at this git revision.", valueName: "rev"))
    var git: String?
    @Argument(help: "With --git: the files or folders to compare.") var paths: [String] = []

    @Option(name: .customLong("before-parameters"), help: "ARM parameters file for the template on the before side (instead of --parameters).")
    var beforeParameters: String?
    @Option(name: .customLong("after-parameters"), help: "ARM parameters file for the template on the after side (instead of --parameters).")
    var afterParameters: String?
    @OptionGroup(title: "Templates (both sides)") var templates: TemplateFlags
    @Option(name: .long, help: "A newer ServiceTags_Public.json download to use instead of the bundled copy.") var serviceTags: String?

    @Option(help: ArgumentHelp("The ports to compare (default: as 'nettwin matrix').", valueName: "ports")) var ports: String?
    @Option(name: .customLong("protocol"), help: "TCP or UDP.") var flowProtocol: Reach.FlowProtocol = .tcp
    @Option(help: ArgumentHelp("Only these sources.", valueName: "selector")) var from: [String] = []
    @Option(help: ArgumentHelp("Only these destinations.", valueName: "selector")) var to: [String] = []
    @Option(help: ArgumentHelp("YAML flows that must stay reachable or blocked; a violation exits 1.", valueName: "file")) var require: String?
    @Option(help: "Output format: text, json or markdown (a pull-request comment).") var format: Format = .text
    @Option(name: [.short, .long], help: "Write the output to this file instead of standard output.") var output: String?

    func validate() throws {
        if git != nil {
            guard before.isEmpty, after.isEmpty else { throw ValidationError("--git compares the working tree with a revision; do not give --before or --after with it") }
            guard !paths.isEmpty else { throw ValidationError("--git REV needs the files or folders to compare (for example: nettwin diff --git origin/main Examples/secure-sqlmi)") }
        } else {
            guard !before.isEmpty, !after.isEmpty else { throw ValidationError("give both --before PATH... and --after PATH..., or --git REV PATH...") }
            guard paths.isEmpty else { throw ValidationError("unexpected argument '\(paths[0])': the paths go after --before and --after (or use --git REV PATH...)") }
        }
    }

    func run() throws {
        let portSet = try MatrixCommand.parsePorts(ports)
        let fromSelectors = try MatrixCommand.parseSelectors(from, option: "--from")
        let toSelectors = try MatrixCommand.parseSelectors(to, option: "--to")
        let requirements: [Requirement]
        do {
            requirements = try require.map { path throws(RequirementsFile.Problem) in try RequirementsFile.load(path: path) } ?? []
        } catch {
            printError("error: --require: \(error)")
            throw ExitStatus.badInput
        }
        var beforePaths = before
        var afterPaths = after
        var checkout: GitCheckout?
        if let git {
            let materialized = try GitCheckout(revision: git, paths: paths)
            checkout = materialized
            beforePaths = materialized.paths
            afterPaths = paths
        }
        defer { checkout?.remove() }
        var beforeOptions = try templates.options()
        var afterOptions = beforeOptions
        if let beforeParameters { beforeOptions.parametersPath = beforeParameters }
        if let afterParameters { afterOptions.parametersPath = afterParameters }
        if let checkout, let parameters = beforeOptions.parametersPath, beforeParameters == nil {
            // --parameters names a file of the working tree; the before side reads it as it was at the revision when it is inside the compared paths.
            beforeOptions.parametersPath = checkout.mapped(parameters) ?? parameters
        }
        let tags = try InputOptions.loadServiceTags(serviceTags)
        let (beforeInputs, beforeTopology) = try InputOptions.loadModel(paths: beforePaths, templates: beforeOptions, side: git.map { "'\($0)'" } ?? "--before")
        let (afterInputs, afterTopology) = try InputOptions.loadModel(paths: afterPaths, templates: afterOptions, side: git == nil ? "--after" : "working-tree")
        let beforeEngine = MatrixEngine(topology: beforeTopology, serviceTags: tags)
        let afterEngine = MatrixEngine(topology: afterTopology, serviceTags: tags)
        let diff = MatrixDiff.compute(
            before: (beforeEngine, beforeInputs.documents), after: (afterEngine, afterInputs.documents),
            ports: portSet, protocol: flowProtocol == .udp ? .udp : .tcp,
            locations: { location in fromSelectors.isEmpty || fromSelectors.contains { $0.matches(location) } },
            destinations: { destination in toSelectors.isEmpty || toSelectors.contains { $0.matches(destination) } })
        // Posture findings added and removed (by fingerprint: rule, resource and what distinguishes them).
        let beforeFindings = CheckRunner().run(CheckContext(topology: beforeTopology, serviceTags: tags)).active
        let afterFindings = CheckRunner().run(CheckContext(topology: afterTopology, serviceTags: tags)).active
        let beforePrints = Set(beforeFindings.map(\.fingerprint))
        let afterPrints = Set(afterFindings.map(\.fingerprint))
        let evaluated = try RequirementsFile.evaluate(requirements, topology: afterTopology, serviceTags: tags)
        let identity: @Sendable (String) -> String = { $0 }
        let display: @Sendable (String) -> String = checkout?.displayPath ?? identity
        let extras = DiffRendering.Extras(
            findingsAdded: afterFindings.filter { !beforePrints.contains($0.fingerprint) },
            findingsRemoved: beforeFindings.filter { !afterPrints.contains($0.fingerprint) },
            requirements: evaluated, displayPath: display)
        let writer = OutputOptions(format: format == .json ? .json : .text, output: output)
        switch format {
        case .text: try writer.write(DiffRendering.text(diff, extras: extras))
        case .json: try writer.writeJSON(DiffRendering.json(diff, extras: extras))
        case .markdown: try writer.write(DiffRendering.markdown(diff, extras: extras))
        }
        if evaluated.contains(where: { !$0.holds }) { throw ExitStatus.invalidConfiguration }
    }
}

/// The given paths as they are at a git revision, written to a temporary folder (`git archive REV -- PATH...`).
struct GitCheckout {
    let root: String
    let folder: String
    /// The paths in the temporary folder, in the order given.
    let paths: [String]
    let revision: String
    /// Maps a path of the temporary folder back to `REV:path` for messages.
    let displayPath: @Sendable (String) -> String

    init(revision: String, paths given: [String]) throws {
        let start = given.first.map { FileManager.default.fileExists(atPath: $0) ? $0 : "." } ?? "."
        var isDirectory: ObjCBool = false
        let directory = FileManager.default.fileExists(atPath: start, isDirectory: &isDirectory) && isDirectory.boolValue ? start : (start as NSString).deletingLastPathComponent
        let top = try Self.git(["-C", directory.isEmpty ? "." : directory, "rev-parse", "--show-toplevel"], what: "find the git repository of '\(start)'")
        let root = String(decoding: top, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try Self.git(["-C", root, "rev-parse", "--verify", "--quiet", revision + "^{commit}"], what: "find revision '\(revision)'")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-diff-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        var relatives: [String] = []
        for path in given {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            guard absolute == realRoot || absolute.hasPrefix(realRoot + "/") else {
                try? FileManager.default.removeItem(atPath: folder)
                throw ValidationError("'\(path)' is not inside the git repository at '\(root)'")
            }
            relatives.append(absolute == realRoot ? "." : String(absolute.dropFirst(realRoot.count + 1)))
        }
        // Each path on its own: one that did not exist at the revision (a new file) is an empty side, not an error.
        for relative in relatives {
            let listing = (try? Self.git(["-C", root, "ls-tree", "-r", "--name-only", revision, "--", relative], what: "list '\(relative)'")) ?? Data()
            guard !listing.isEmpty else { continue }
            let archive = try Self.git(["-C", root, "archive", "--format=tar", revision, "--", relative], what: "read '\(relative)' at '\(revision)'")
            try Self.untar(archive, into: folder)
        }
        self.root = root
        self.folder = folder
        self.revision = revision
        self.paths = relatives.map { folder + "/" + $0 }
        let prefix = folder + "/"
        self.displayPath = { path in path.hasPrefix(prefix) ? "\(revision):" + path.dropFirst(prefix.count) : path }
    }

    /// A working-tree path inside the compared paths, as the temporary folder has it.
    func mapped(_ path: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        guard absolute.hasPrefix(realRoot + "/") else { return nil }
        let candidate = folder + "/" + absolute.dropFirst(realRoot.count + 1)
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func git(_ arguments: [String], what: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            printError("error: cannot run git to \(what): \(error.localizedDescription)")
            throw ExitStatus.badInput
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            printError("error: git could not \(what)\(message.isEmpty ? "" : ": \(message)")")
            throw ExitStatus.badInput
        }
        return data
    }

    static func untar(_ archive: Data, into folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "-x", "-C", folder]
        let input = Pipe()
        let err = Pipe()
        process.standardInput = input
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(archive)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            printError("error: cannot unpack the files read from git: \(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
            throw ExitStatus.badInput
        }
    }
}
