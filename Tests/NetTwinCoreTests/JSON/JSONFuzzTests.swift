import Testing
import NetTwinCore

/// Randomized robustness: mutated/truncated documents must either parse or throw, never trap;
/// anything that parses must survive a write → parse → write round trip unchanged.
@Suite struct JSONFuzzTests {
    static let seeds: [String] = [
        JSONParserTests.rfcExample1,
        JSONParserTests.rfcExample2,
        #"{"a": [1, -2.5e3, true, false, null, "x\"y\\z\u00e9\ud83d\ude00", {"b": {}}], "c": "日本語"}"#,
        "// comment\n{ /* block */ \"k\": [0, 0.5, 123456789012345678901234567890], }",
        #"[[[[["deep"]]]], {"e": 1e-400, "f": -0, "g": "\/\b\f\n\r\t"}]"#,
    ]

    static let interesting: [UInt8] = Array("{}[]\",:\\/*-+.0123456789eEtfnu \n\r\t'".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]

    @Test(arguments: 0..<4)
    func mutationsNeverTrap(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919 &+ 1)
        var lenient = JSONParseOptions()
        lenient.allowTrailingCommas = true
        var parsedCount = 0
        for _ in 0..<1500 {
            var bytes = Array(Self.seeds[rng.int(Self.seeds.count)].utf8)
            for _ in 0..<(1 + rng.int(3)) {
                let at = rng.int(bytes.count + 1)
                switch rng.int(5) {
                case 0: bytes = Array(bytes.prefix(at))                                     // truncate
                case 1: if at < bytes.count { bytes[at] = Self.interesting[rng.int(Self.interesting.count)] }
                case 2: bytes.insert(Self.interesting[rng.int(Self.interesting.count)], at: at)
                case 3: if at < bytes.count { bytes.remove(at: at) }
                default:                                                                    // duplicate a slice
                    let len = rng.int(min(16, bytes.count - at) + 1)
                    bytes.insert(contentsOf: bytes[at..<(at + len)], at: at)
                }
            }
            for options in [JSONParseOptions(), .strict, lenient] {
                do {
                    let doc = try JSONParser.parse(bytes, options: options)
                    parsedCount += 1
                    var o = JSONWriter.Options()
                    o.pretty = rng.int(2) == 0
                    let text = JSONWriter.string(doc.root.value, options: o)
                    let again = try JSONParser.parse(Array(text.utf8), options: .strict)
                    #expect(JSONWriter.string(again.root.value, options: o) == text)
                } catch {
                    #expect(error.offset >= 0 && error.offset <= bytes.count)
                    #expect(error.line >= 1 && error.column >= 1)
                    #expect(!error.message.isEmpty)
                }
            }
        }
        #expect(parsedCount > 0)
    }
}
