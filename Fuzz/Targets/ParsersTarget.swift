// libFuzzer target: the text parsers behind the CLI's sources and destinations (`internet:IP`, `onprem:IP`, IP:PORT,
// `--ports`, prefixes, resource IDs, DNS names, service tag names) and NSG fields.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParsers(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    _ = IPAddress(text)
    _ = try? IPPrefix(parsing: text)
    _ = try? PortSet(parsing: text)
    _ = try? PortSet(parsingList: text.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    let id = ResourceID(text)
    _ = (id.isWellFormed, id.name, id.parent, id.resourceType, id.resourceGroup)
    _ = DNSResolver.normalize(text)
    _ = ProtocolSet(nsgProtocol: text)
    if let colon = text.lastIndex(of: ":") { _ = IPAddress(String(text[..<colon])); _ = UInt16(text[text.index(after: colon)...]) }
    return 0
}
