import ArgumentParser

@main
struct NetTwinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nettwin",
        abstract: "An offline digital twin of Azure networking for data services.",
        discussion: """
            NetTwin reads exported Azure resource JSON and ARM templates (expanded as Azure would deploy them) and \
            answers questions about the network without an Azure subscription; every question takes what-if \
            failures (--fail) and states (--set).

            Exit status (all commands):
              0  the question was answered (warnings allowed)
              1  the inputs were read, but they hold errors Azure itself would reject (see the diagnostics)
              2  an input could not be read, parsed or recognised, or the question is malformed
            """,
        version: "0.1.0",
        subcommands: [Inventory.self, Routes.self, NextHop.self, Rules.self, FlowCommand.self, Resolve.self, Generate.self, Expand.self, Reach.self, Exposure.self, MatrixCommand.self, DiffCommand.self, ResilienceCommand.self, Tags.self, Check.self, Graph.self, ReportCommand.self]
    )
}

/// Exit codes shared by every command (documented in `nettwin --help` and the README).
enum ExitStatus {
    static let ok = ExitCode(0)
    static let invalidConfiguration = ExitCode(1)
    static let badInput = ExitCode(2)
}
