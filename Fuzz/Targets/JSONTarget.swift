// libFuzzer target: the JSON reader (NetTwinCore's JSONParser) on arbitrary bytes, with the options templates use;
// and, differentially, the two-thread parse of a root array forced on (threshold 0) against the one-thread parse:
// the same document (values, offsets, line starts) or the same error, or the target traps.
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

    var sequential = options
    sequential.parallelThreshold = .max
    var parallel = options
    parallel.parallelThreshold = 0
    let one = Result { () throws(JSONParseError) -> JSONDocument in try JSONParser.parse(bytes, options: sequential) }
    let two = Result { () throws(JSONParseError) -> JSONDocument in try JSONParser.parse(bytes, options: parallel) }
    switch (one, two) {
    case (.success(let a), .success(let b)):
        precondition(a.root == b.root && a.lineStarts == b.lineStarts, "two-thread parse differs from the one-thread parse")
    case (.failure(let a), .failure(let b)):
        precondition(a.message == b.message && a.offset == b.offset, "two-thread parse fails differently")
    default:
        preconditionFailure("two-thread parse and one-thread parse disagree on success")
    }
    return 0
}
