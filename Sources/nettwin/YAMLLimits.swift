import Yams

/// Reads the YAML files the CLI takes (`check --config`, `--require`) within bounds, before Yams sees them: Yams
/// recurses once per level of nesting, so a file nested a few thousand levels deep overflows the stack (a crash,
/// not an error), and aliases expand without bound ("billion laughs"). Configuration files need neither.
enum YAMLLimits {
    /// The deepest nesting accepted (flow brackets, or block levels counted by indentation).
    static let maxDepth = 64
    /// The largest file accepted.
    static let maxBytes = 1 << 20

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func load(_ text: String, path: String) throws(Problem) -> Any? {
        try check(text, path: path)
        do {
            return try Yams.load(yaml: text)
        } catch {
            throw Problem(description: "\(path): not valid YAML: \(error)")
        }
    }

    /// Nesting depth, size and aliases, by a scan that ignores quoted text and comments.
    static func check(_ text: String, path: String) throws(Problem) {
        if text.utf8.count > maxBytes {
            throw Problem(description: "\(path): the file is \(text.utf8.count) bytes; at most \(maxBytes) are accepted")
        }
        var line = 1
        var flowDepth = 0
        var quote: Character?
        var inComment = false
        var atLineStart = true
        var indentation = 0
        var indents: [Int] = []
        var previous: Character = "\n"
        for c in text {
            if c == "\n" {
                line += 1
                atLineStart = true
                inComment = false
                indentation = 0
                previous = c
                continue
            }
            if inComment { continue }
            if atLineStart && quote == nil {
                if c == " " {
                    indentation += 1
                    previous = c
                    continue
                }
                atLineStart = false
                if c != "#" {
                    // Block nesting: the distinct indentations open at this line.
                    while let last = indents.last, last > indentation { indents.removeLast() }
                    if indents.last != indentation { indents.append(indentation) }
                    if indents.count > maxDepth {
                        throw Problem(description: "\(path):\(line): the YAML is nested more than \(maxDepth) levels deep; configuration files are not")
                    }
                }
            }
            if let open = quote {
                if c == open && previous != "\\" { quote = nil }
                previous = c
                continue
            }
            switch c {
            case "\"", "'":
                quote = c
            case "#" where previous == " " || previous == "\n" || previous == "\t":
                inComment = true
            case "[", "{":
                flowDepth += 1
                if flowDepth > maxDepth {
                    throw Problem(description: "\(path):\(line): the YAML is nested more than \(maxDepth) levels deep; configuration files are not")
                }
            case "]", "}":
                flowDepth = max(0, flowDepth - 1)
            case "*" where previous == " " || previous == "[" || previous == "," || previous == "\n" || previous == ":" || previous == "-":
                throw Problem(description: "\(path):\(line): YAML aliases ('*name') are not accepted in this file (write the value out, or quote a '*')")
            default:
                break
            }
            previous = c
        }
    }
}
