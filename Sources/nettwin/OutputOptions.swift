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

    /// Writes the answer to --output or standard output; a write that fails (a full disk, /dev/full, a closed pipe) is an
    /// error with exit status 2, never a lost answer with status 0. The file is written in place (not renamed over), so
    /// that a device or a named pipe given as --output stays what it is.
    func write(_ text: String) throws {
        let bytes = Data(text.utf8)
        do {
            if let output {
                guard FileManager.default.fileExists(atPath: output) || FileManager.default.createFile(atPath: output, contents: nil) else {
                    printError("error: cannot create '\(output)'")
                    throw ExitStatus.badInput
                }
                guard let handle = FileHandle(forWritingAtPath: output) else {
                    printError("error: cannot open '\(output)' for writing")
                    throw ExitStatus.badInput
                }
                try handle.truncate(atOffset: 0)
                try handle.write(contentsOf: bytes)
                try handle.synchronize()
                try handle.close()
            } else {
                try FileHandle.standardOutput.write(contentsOf: bytes)
            }
        } catch let status as ExitCode {
            throw status
        } catch {
            printError("error: cannot write \(output.map { "'\($0)'" } ?? "to standard output"): \(error.localizedDescription)")
            throw ExitStatus.badInput
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
