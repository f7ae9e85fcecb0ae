// libFuzzer target: the model builder over an exported-resource array (what `nettwin inventory` and every question read),
// then the validator and the route engine on every subnet.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let document = try? JSONParser.parse(bytes) else { return 0 }
    let file = SourceFile(path: "fuzz.json", json: document)
    let items = document.root.arrayValue ?? document.root["value"]?.arrayValue ?? [document.root]
    let documents = items.enumerated().map { ResourceDocument(node: $1, pointer: JSONPointer().appending($0), file: file) }
    let topology = TopologyBuilder().build(documents)
    let routes = RouteEngine(topology: topology)
    for subnet in topology.subnets.values.prefix(8) { _ = routes.effectiveRoutes(of: subnet) }
    return 0
}
