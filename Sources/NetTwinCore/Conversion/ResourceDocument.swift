/// A parsed input file: its path (as given, for messages) and its JSON with positions.
public struct SourceFile: Sendable {
    public let path: String
    public let json: JSONDocument

    public init(path: String, json: JSONDocument) {
        self.path = path
        self.json = json
    }

    /// The location of a node of this file.
    public func location(of node: JSONNode?, pointer: JSONPointer) -> SourceLocation {
        guard let node, node.offset >= 0 else { return SourceLocation(file: path, pointer: pointer) }
        let (line, column) = json.lineColumn(ofOffset: node.offset)
        return SourceLocation(file: path, line: line, column: column, pointer: pointer)
    }
}

/// One resource object found in an input, with where it is.
public struct ResourceDocument: Sendable {
    /// The resource's JSON object (`{"id", "name", "type", "location", "properties", …}`).
    public var node: JSONNode
    /// Its JSON pointer in the file (`/value/3`).
    public var pointer: JSONPointer
    public var file: SourceFile

    public init(node: JSONNode, pointer: JSONPointer, file: SourceFile) {
        self.node = node
        self.pointer = pointer
        self.file = file
    }

    public var location: SourceLocation { file.location(of: node, pointer: pointer) }
}
