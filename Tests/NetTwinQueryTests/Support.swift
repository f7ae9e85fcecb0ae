import Foundation
import NetTwinARM
import NetTwinCore

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

func loadFixture(_ name: String) -> Topology {
    let loaded = InputLoader().load(paths: [fixtures.appendingPathComponent(name).path])
    return TopologyBuilder().build(loaded.documents)
}

func loadText(_ text: String) -> Topology {
    var loaded = LoadedInputs()
    InputLoader().loadBytes(Array(text.utf8), path: "inline.json", into: &loaded)
    return TopologyBuilder().build(loaded.documents)
}

/// The bundled service tag data (changeNumber 375).
let bundledTags: ServiceTagTable = (try? ServiceTagLoader.bundled()) ?? .empty

func prefix(_ text: String) -> IPPrefix { try! IPPrefix(parsing: text) }
func ip(_ text: String) -> IPAddress { IPAddress(text)! }
