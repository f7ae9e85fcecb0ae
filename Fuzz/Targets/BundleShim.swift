import Foundation

// SwiftPM generates `Bundle.module` for a target with resources; the fuzz build compiles NetTwinARM with swiftc, without
// its resources, so the bundled data files are simply absent (the loaders then return nothing).
extension Bundle {
    static let module = Bundle.main
}
