/// FNV-1a 64 of a text as 16 lowercase hex digits: a hash that is the same on every run and machine (Swift's `Hasher`
/// is seeded per process), for identifiers that must stay stable across runs (finding fingerprints, diagram node ids).
public enum StableHash {
    public static func fnv1a64Hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
