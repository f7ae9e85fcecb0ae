import Foundation
import NetTwinCore

/// `nettwin-bench addressing [PATH]`: service-tag prefix parsing, set union and LPM lookups.
enum AddressingBench {
    static func loadPrefixStrings(path: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let values = root["values"] as? [[String: Any]] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        var result: [String] = []
        for value in values {
            if let properties = value["properties"] as? [String: Any],
               let prefixes = properties["addressPrefixes"] as? [String] {
                result.append(contentsOf: prefixes)
            }
        }
        return result
    }

    static func run(arguments: [String]) -> Int32 {
        let path = arguments.first ?? "../shared/data/ServiceTags_Public.json"
        let strings: [String]
        do {
            strings = try loadPrefixStrings(path: path)
        } catch {
            print("nettwin-bench addressing: cannot load '\(path)': \(error)")
            return 1
        }

        // 1. Parse every prefix string.
        let parse = bestOf(5) { () -> ([IPPrefix], Int) in
            var prefixes: [IPPrefix] = []
            prefixes.reserveCapacity(strings.count)
            var failures = 0
            for s in strings {
                if let p = try? IPPrefix(parsing: s) { prefixes.append(p) } else { failures += 1 }
            }
            return (prefixes, failures)
        }
        let prefixes = parse.result.0
        let v4Count = prefixes.filter(\.isIPv4).count
        let v6Count = prefixes.count - v4Count

        // 2. Union of all prefixes.
        let union = bestOf(5) { IPAddressSet(prefixes: prefixes) }
        let set = union.result

        // 3. PrefixTable build (value = index of the first entry with that prefix).
        let build = bestOf(3) {
            PrefixTable(prefixes.enumerated().map { ($0.element, $0.offset) }, uniquingPrefixesWith: { a, _ in a })
        }
        let table = build.result

        // 4. Lookups: half uniformly random addresses, half addresses inside table prefixes.
        var rng = SplitMix64(seed: 0x4E65_7454_7769_6E)
        let v4Prefixes = prefixes.compactMap { if case .v4(let p) = $0 { return p } else { return nil } }
        let v6Prefixes = prefixes.compactMap { if case .v6(let p) = $0 { return p } else { return nil } }
        let lookups = 4_000_000
        var v4Addresses: [IPv4Address] = []
        v4Addresses.reserveCapacity(lookups)
        for i in 0..<lookups {
            if i & 1 == 0 || v4Prefixes.isEmpty {
                v4Addresses.append(IPv4Address(UInt32(truncatingIfNeeded: rng.next())))
            } else {
                let p = v4Prefixes[Int(rng.next() % UInt64(v4Prefixes.count))]
                let host = UInt32(truncatingIfNeeded: rng.next()) & ~IPv4Prefix.mask(length: p.length)
                v4Addresses.append(IPv4Address(p.network.value | host))
            }
        }
        var v6Addresses: [IPv6Address] = []
        v6Addresses.reserveCapacity(lookups)
        for i in 0..<lookups {
            let random = UInt128(rng.next()) << 64 | UInt128(rng.next())
            if i & 1 == 0 || v6Prefixes.isEmpty {
                v6Addresses.append(IPv6Address(random))
            } else {
                let p = v6Prefixes[Int(rng.next() % UInt64(v6Prefixes.count))]
                v6Addresses.append(IPv6Address(p.network.value | (random & ~IPv6Prefix.mask(length: p.length))))
            }
        }
        let lpm4 = bestOf(5) { () -> (Int, Int) in
            var hits = 0
            var checksum = 0
            for a in v4Addresses {
                if let m = table.longestMatch(a) {
                    hits += 1
                    checksum &+= m.value &+ m.prefix.length
                }
            }
            return (hits, checksum)
        }
        let lpm6 = bestOf(5) { () -> (Int, Int) in
            var hits = 0
            var checksum = 0
            for a in v6Addresses {
                if let m = table.longestMatch(a) {
                    hits += 1
                    checksum &+= m.value &+ m.prefix.length
                }
            }
            return (hits, checksum)
        }
        blackHole(lpm4.result)
        blackHole(lpm6.result)

        let intervals = table.intervalCounts
        printTable("nettwin-bench addressing (\(path))", [
            ("prefix strings", "\(strings.count) (v4 \(v4Count), v6 \(v6Count), parse failures \(parse.result.1))"),
            ("parse all prefixes (best of 5)", formatMs(parse.seconds)),
            ("IPAddressSet union (best of 5)", formatMs(union.seconds)),
            ("union v4 ranges / v6 ranges", "\(set.v4.ranges.count) / \(set.v6.ranges.count)"),
            ("union v4 addresses", "\(set.v4.addressCount)"),
            ("PrefixTable build (best of 3)", formatMs(build.seconds)),
            ("PrefixTable entries / intervals v4 / v6", "\(table.count) / \(intervals.v4) / \(intervals.v6)"),
            ("IPv4 LPM lookups (best of 5)", "\(formatRate(Double(lookups) / lpm4.seconds)) (\(lookups) lookups, \(lpm4.result.0) hits)"),
            ("IPv6 LPM lookups (best of 5)", "\(formatRate(Double(lookups) / lpm6.seconds)) (\(lookups) lookups, \(lpm6.result.0) hits)"),
        ])
        return 0
    }
}
