/// The hashes behind `uniqueString()` and `guid()`.
enum Hashing {
    /// Azure's 64-bit Murmur variant (two 32-bit lanes, MurmurHash3 x86 constants) over bytes,
    /// as in Azure.Deployments' `ComputeHash.MurmurHash64`.
    static func murmur64(_ data: [UInt8], seed: UInt32 = 0) -> UInt64 {
        let c1: UInt32 = 0x239b_961b, c2: UInt32 = 0xab0e_9789
        func rotl(_ x: UInt32, _ r: UInt32) -> UInt32 { (x << r) | (x >> (32 - r)) }
        func word(_ i: Int, _ n: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<n { v |= UInt32(data[i + k]) << (8 * UInt32(k)) }
            return v
        }
        let length = data.count
        var h1 = seed, h2 = seed
        var index = 0
        while index + 7 < length {
            let k1 = word(index, 4), k2 = word(index + 4, 4)
            h1 ^= rotl(k1 &* c1, 15) &* c2
            h1 = (rotl(h1, 19) &+ h2) &* 5 &+ 0x561c_cd1b
            h2 ^= rotl(k2 &* c2, 17) &* c1
            h2 = (rotl(h2, 13) &+ h1) &* 5 &+ 0x0bca_a747
            index += 8
        }
        let tail = length - index
        if tail > 0 {
            let k1 = word(index, min(tail, 4))
            h1 ^= rotl(k1 &* c1, 15) &* c2
            if tail > 4 {
                let k2 = word(index + 4, tail - 4)
                h2 ^= rotl(k2 &* c2, 17) &* c1
            }
        }
        h1 ^= UInt32(truncatingIfNeeded: length)
        h2 ^= UInt32(truncatingIfNeeded: length)
        h1 = h1 &+ h2
        h2 = h2 &+ h1
        func fmix(_ x: UInt32) -> UInt32 {
            var h = x
            h = (h ^ (h >> 16)) &* 0x85eb_ca6b
            h = (h ^ (h >> 13)) &* 0xc2b2_ae35
            return h ^ (h >> 16)
        }
        h1 = fmix(h1)
        h2 = fmix(h2)
        h1 = h1 &+ h2
        h2 = h2 &+ h1
        return UInt64(h2) << 32 | UInt64(h1)
    }

    /// 13 characters of base 32 (`a-z2-7`), 5 bits at a time from the most significant end.
    static func base32(_ value: UInt64) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        var v = value
        var out = ""
        for _ in 0..<13 {
            out.append(alphabet[Int(v >> 59)])
            v <<= 5
        }
        return out
    }

    static func uniqueString(_ parts: [String]) -> String {
        base32(murmur64(Array(parts.joined(separator: "-").utf8)))
    }

    /// Name-based UUID version 5 (RFC 4122 §4.3) in the namespace ARM uses for `guid()`.
    static func guid(_ parts: [String]) -> String {
        let namespace: [UInt8] = [0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d, 0x4d, 0xdd, 0x98, 0xc7, 0xe7, 0x1b, 0xbd, 0x58, 0x88, 0x30]
        var bytes = Array(sha1(namespace + Array(parts.joined(separator: "-").utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x50
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = bytes.map { String($0, radix: 16).leftPadded(2) }.joined()
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    static func sha1(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var m = message
        let bitLength = UInt64(message.count) * 8
        m.append(0x80)
        while m.count % 64 != 56 { m.append(0) }
        for i in (0..<8).reversed() { m.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        func rotl(_ x: UInt32, _ r: UInt32) -> UInt32 { (x << r) | (x >> (32 - r)) }
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: m.count, by: 64) {
            for t in 0..<16 {
                let j = chunk + 4 * t
                w[t] = UInt32(m[j]) << 24 | UInt32(m[j + 1]) << 16 | UInt32(m[j + 2]) << 8 | UInt32(m[j + 3])
            }
            for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4]
            for t in 0..<80 {
                let f: UInt32, k: UInt32
                switch t {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
                case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
                default: f = b ^ c ^ d; k = 0xCA62_C1D6
                }
                let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[t]
                e = d; d = c; c = rotl(b, 30); b = a; a = temp
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d; h[4] = h[4] &+ e
        }
        return h.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32($0))) } }
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
