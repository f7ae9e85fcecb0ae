import ArgumentParser
import NetTwinARM
import NetTwinCore
import NetTwinRender

struct Inventory: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List what was loaded: resources per type and region, diagnostics, external references.",
        discussion: """
            PATH may be a file or a folder (read recursively: *.json, *.jsonc). Accepted inputs: a JSON array \
            of resources, an ARM list response {"value": [...]}, Azure Resource Graph output {"data": [...]}, \
            a single resource object, an ARM template (expanded as Azure would deploy it, with --parameters, \
            -p name=value and the deployment context flags).

            Exit status: 0 everything was read (warnings allowed); 1 everything was read but some values are \
            invalid or would be rejected by Azure (error diagnostics); 2 an input could not be read, parsed or \
            recognised.
            """
    )

    @Argument(help: "Files or folders of resource JSON.")
    var paths: [String]

    @OptionGroup(title: "Templates") var templates: TemplateFlags
    @OptionGroup var output: OutputOptions

    func run() throws {
        var loaded = InputLoader().load(paths: paths)
        loaded.expandTemplates(try templates.options())
        let topology = TopologyBuilder().build(loaded.documents)
        let report = InventoryReport(files: loaded.files, topology: topology, loadDiagnostics: loaded.diagnostics)
        switch output.format {
        case .text: try output.write(report.text())
        case .json: try output.writeJSON(report.json())
        }
        if loaded.hasUnreadableInput { throw ExitStatus.badInput }
        if report.diagnostics.contains(where: { $0.severity == .error }) { throw ExitStatus.invalidConfiguration }
    }
}
