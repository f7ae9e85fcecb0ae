import ArgumentParser
import Foundation
import NetTwinCore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--format` and `--output`, shared by the commands.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: [.short, .long], help: "Write the output to this file instead of standard output.")
    var output: String?

    init() {}

    init(format: OutputFormat, output: String?) {
        self.format = format
        self.output = output
    }

    func write(_ text: String) throws {
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write '\(output)': \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    func writeJSON(_ value: JSONValue) throws {
        try write(JSONWriter.string(value) + "\n")
    }

    /// The answer, preceded by the what-if operations it is for (`--fail`, `--set`), when there are any.
    func write(_ text: String, whatIf: [String]) throws {
        try write(whatIf.map { "What-if: \($0)\n" }.joined() + text)
    }

    /// The answer with a `whatIf` member listing the operations it is for, when there are any.
    func writeJSON(_ value: JSONValue, whatIf: [String]) throws {
        try writeJSON(value.withWhatIf(whatIf))
    }
}

extension JSONValue {
    /// An object with `"whatIf": [...]` first (the operations the answer is for); other values unchanged.
    func withWhatIf(_ whatIf: [String]) -> JSONValue {
        guard !whatIf.isEmpty, case .object(let members) = self else { return self }
        return .object([JSONMember("whatIf", .array(whatIf.map { JSONNode(.string($0)) }))] + members)
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
