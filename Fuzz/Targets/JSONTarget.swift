// libFuzzer target: the JSON reader (NetTwinCore's JSONParser) on arbitrary bytes, with the options templates use.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var options = JSONParseOptions()
    options.allowComments = true
    options.allowMultilineStrings = true
    if let document = try? JSONParser.parse(bytes, options: options) {
        _ = JSONWriter.string(document.root.value)
    }
    _ = try? JSONParser.parse(bytes)
    return 0
}
