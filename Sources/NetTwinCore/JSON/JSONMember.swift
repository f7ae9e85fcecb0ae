/// One `"key": value` member of a JSON object, with the byte offset of the key's opening quote.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    /// Byte offset of the key's opening `"` in the source, -1 for synthesized members.
    public var keyOffset: Int
    public var value: JSONNode

    public init(key: String, keyOffset: Int = -1, value: JSONNode) {
        self.key = key
        self.keyOffset = keyOffset
        self.value = value
    }

    public init(_ key: String, _ value: JSONValue) {
        self.init(key: key, keyOffset: -1, value: JSONNode(value))
    }
}
