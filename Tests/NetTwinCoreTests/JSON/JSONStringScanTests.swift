import Testing
import NetTwinCore

/// The string scanner reads 8 bytes at a time and caches repeated medium-length strings in
/// large inputs; these tests put special bytes at every position of the 8-byte window and
/// feed near-identical strings through the cache.
@Suite struct JSONStringScanTests {
    @Test(arguments: 0..<20)
    func specialByteAtEveryPosition(position: Int) throws {
        let length = 20
        var plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        // Raw control character → error exactly there (+1 for the opening quote).
        plain[position] = 0x01
        do {
            _ = try JSONParser.parse([0x22] + plain + [0x22])
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == position + 1)
            #expect(error.message == "control character U+0001 must be escaped in string")
        }
        // Escaped quote at that position.
        plain[position] = UInt8(ascii: "a")
        var escaped = plain
        escaped.replaceSubrange(position..<(position + 1), with: Array(#"\""#.utf8))
        let s = try JSONParser.parse([0x22] + escaped + [0x22]).root.stringValue
        var expected = String(repeating: "a", count: length)
        expected.replaceSubrange(expected.index(expected.startIndex, offsetBy: position)...expected.index(expected.startIndex, offsetBy: position), with: "\"")
        #expect(s == expected)
        // Non-ASCII at that position.
        var accented = plain
        accented.replaceSubrange(position..<(position + 1), with: Array("é".utf8))
        #expect(try JSONParser.parse([0x22] + accented + [0x22]).root.stringValue == String(decoding: accented, as: UTF8.self))
        // Terminating quote at that position (string of `position` letters, then the rest is a second value → error).
        let early = [0x22] + Array(plain[0..<position]) + [0x22]
        #expect(try JSONParser.parse(early).root.stringValue == String(repeating: "a", count: position))
    }

    @Test func nearDuplicateStringsInLargeInput() throws {
        // Same length, same first and last 8 bytes, different middle: must never be confused.
        var strings: [String] = []
        for i in 0..<3000 {
            let middle = String(i % 997, radix: 16)
            strings.append("Microsoft.Network/" + String(repeating: "x", count: 3 - middle.count) + middle + "/securityRules")
            strings.append("/subscriptions/0000/resourceGroups/rg-\(i % 13)/providers/Microsoft.Network/vnets/v\(i % 7)")
        }
        let text = "[" + strings.map { "\"\($0)\"" }.joined(separator: ",\n") + "]"
        #expect(text.utf8.count > 16_384)
        let parsed = try JSONParser.parse(text).root.arrayValue?.compactMap(\.stringValue)
        #expect(parsed == strings)
    }
}
