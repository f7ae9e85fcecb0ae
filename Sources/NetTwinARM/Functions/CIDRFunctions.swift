import NetTwinCore

/// CIDR functions (template-functions-cidr.md), IPv4 and IPv6.
enum CIDRFunctions {
    static let all: [String: FunctionDef] = [
        "parseCidr": .eager(1, 1) { a, s throws(ARMError) in
            let text = try s.string(a, 0)
            if text.contains(":") {
                let (network, bits) = try parse6(text, s)
                let mask = bits == 0 ? UInt128(0) : ~UInt128(0) << UInt128(128 - bits)
                let last = network | ~mask
                return .object(ARMObject([
                    ("network", .string(IPv6Address(network).description)), ("netmask", .string(IPv6Address(mask).description)),
                    ("firstUsable", .string(IPv6Address(network).description)), ("lastUsable", .string(IPv6Address(last).description)),
                    ("cidr", .int(Int64(bits))),
                ]))
            }
            let (network, bits) = try parse(text, s)
            let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - UInt32(bits))
            let broadcast = network | ~mask
            let first = bits >= 31 ? network : network + 1
            let last = bits >= 31 ? broadcast : broadcast - 1
            return .object(ARMObject([
                ("network", .string(text4(network))), ("netmask", .string(text4(mask))), ("broadcast", .string(text4(broadcast))),
                ("firstUsable", .string(text4(first))), ("lastUsable", .string(text4(last))), ("cidr", .int(Int64(bits))),
            ]))
        },
        "cidrSubnet": .eager(3, 3) { a, s throws(ARMError) in
            let text = try s.string(a, 0)
            let newBits = Int(try s.int(a, 1)), index = try s.int(a, 2)
            let v6 = text.contains(":")
            let (network, bits): (UInt128, Int)
            if v6 { (network, bits) = try parse6(text, s) } else { let p = try parse(text, s); (network, bits) = (UInt128(p.0), p.1) }
            let width = v6 ? 128 : 32
            guard newBits >= bits, newBits <= width else { throw s.fail("the new prefix length \(newBits) must be between \(bits) and \(width)") }
            guard index >= 0, newBits - bits >= 63 || index < (Int64(1) << Int64(newBits - bits)) else {
                throw s.fail("the subnet index \(index) is out of range for /\(newBits) subnets of '\(text)'")
            }
            let start = network + UInt128(index) << UInt128(width - newBits)
            return .string("\(v6 ? IPv6Address(start).description : text4(UInt32(start)))/\(newBits)")
        },
        "cidrHost": .eager(2, 2) { a, s throws(ARMError) in
            let text = try s.string(a, 0)
            let index = try s.int(a, 1)
            if text.contains(":") {
                let (network, bits) = try parse6(text, s)
                let size = bits == 0 ? UInt128.max : (UInt128(1) << UInt128(128 - bits)) - 1
                guard index >= 0, UInt128(index) < size else { throw s.fail("the host index \(index) is out of range for '\(text)'") }
                return .string(IPv6Address(network + UInt128(index) + 1).description)
            }
            let (network, bits) = try parse(text, s)
            let hosts = Int64(1) << Int64(32 - bits)
            let usable = bits >= 31 ? hosts : hosts - 2
            guard index >= 0, index < usable else { throw s.fail("the host index \(index) is out of range (0 to \(usable - 1))") }
            return .string(text4(UInt32(Int64(network) + index + (bits >= 31 ? 0 : 1))))
        },
    ]

    static func parse(_ cidr: String, _ s: CallSite) throws(ARMError) -> (UInt32, Int) {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits) else {
            throw s.fail("'\(cidr)' is not a CIDR block")
        }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 <= 255 }) else { throw s.fail("'\(cidr)' is not a CIDR block") }
        let address = octets.reduce(0) { $0 << 8 | $1 }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - UInt32(bits))
        return (address & mask, bits)
    }

    static func parse6(_ cidr: String, _ s: CallSite) throws(ARMError) -> (UInt128, Int) {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let bits = Int(parts[1]), (0...128).contains(bits), let address = IPv6Address(parts[0]) else {
            throw s.fail("'\(cidr)' is not a CIDR block")
        }
        let mask = bits == 0 ? UInt128(0) : ~UInt128(0) << UInt128(128 - bits)
        return (address.value & mask, bits)
    }

    static func text4(_ v: UInt32) -> String { "\(v >> 24).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)" }
}
