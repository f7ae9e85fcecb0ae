/// A plain-text table with left-aligned columns, for terminal output.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]] = []
    public var indent: String

    public init(headers: [String], indent: String = "  ") {
        self.headers = headers
        self.indent = indent
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var text = indent
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                text += isLast ? cell : cell.padding(toLength: widths[index] + 2)
            }
            return text
        }
        var lines = [line(headers)]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
