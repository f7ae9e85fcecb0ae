/// Longest-prefix-match table, built once, queried many times.
///
/// Construction compiles each family's prefixes into sorted, disjoint elementary intervals that
/// together cover the whole address space; each interval carries the index of its most specific
/// covering entry (or none). A lookup is a binary search for the interval containing the address
/// (for IPv4 narrowed first by a 65,536-entry table indexed by the top 16 bits), so it is exact and
/// O(log n). Every entry also records its immediately enclosing entry, which makes `allMatches`
/// a walk up that chain.
public struct PrefixTable<Value: Sendable>: Sendable {
    @usableFromInline let v4Prefixes: [IPv4Prefix]
    @usableFromInline let v4Values: [Value]
    @usableFromInline let v4Index: IntervalIndex<UInt32>
    /// `v4Buckets[k]` is the index of the last interval starting at or before `k << 16`.
    @usableFromInline let v4Buckets: [Int32]

    @usableFromInline let v6Prefixes: [IPv6Prefix]
    @usableFromInline let v6Values: [Value]
    @usableFromInline let v6Index: IntervalIndex<UInt128>

    /// Builds the table. Entries with the same prefix are merged with `combine(existing, new)`,
    /// in sequence order.
    public init(_ entries: some Sequence<(IPPrefix, Value)>, uniquingPrefixesWith combine: (Value, Value) -> Value) {
        var positions4: [IPv4Prefix: Int] = [:]
        var positions6: [IPv6Prefix: Int] = [:]
        var prefixes4: [IPv4Prefix] = []
        var prefixes6: [IPv6Prefix] = []
        var values4: [Value] = []
        var values6: [Value] = []
        for (prefix, value) in entries {
            switch prefix {
            case .v4(let p):
                if let i = positions4[p] {
                    values4[i] = combine(values4[i], value)
                } else {
                    positions4[p] = prefixes4.count
                    prefixes4.append(p)
                    values4.append(value)
                }
            case .v6(let p):
                if let i = positions6[p] {
                    values6[i] = combine(values6[i], value)
                } else {
                    positions6[p] = prefixes6.count
                    prefixes6.append(p)
                    values6.append(value)
                }
            }
        }
        // Sort by network, then length ascending: containing prefixes come before contained ones.
        let order4 = prefixes4.indices.sorted { prefixes4[$0] < prefixes4[$1] }
        let order6 = prefixes6.indices.sorted { prefixes6[$0] < prefixes6[$1] }
        v4Prefixes = order4.map { prefixes4[$0] }
        v4Values = order4.map { values4[$0] }
        v6Prefixes = order6.map { prefixes6[$0] }
        v6Values = order6.map { values6[$0] }
        v4Index = IntervalIndex(firsts: v4Prefixes.map(\.first.value), lasts: v4Prefixes.map(\.last.value))
        v6Index = IntervalIndex(firsts: v6Prefixes.map(\.first.value), lasts: v6Prefixes.map(\.last.value))

        // The 256 KiB bucket table pays off only for large tables (service tags); small ones (a
        // subnet's effective routes) use a plain binary search, so that thousands of them stay small.
        let starts = v4Index.starts
        guard starts.count > Self.bucketThreshold else {
            v4Buckets = []
            return
        }
        var buckets = [Int32](repeating: 0, count: 65537)
        var j = 0
        for k in 0..<65536 {
            let base = UInt32(k) << 16
            while j + 1 < starts.count && starts[j + 1] <= base { j += 1 }
            buckets[k] = Int32(j)
        }
        buckets[65536] = Int32(starts.count - 1)
        v4Buckets = buckets
    }

    /// Interval count above which IPv4 lookups use the top-16-bit bucket table.
    @usableFromInline static var bucketThreshold: Int { 512 }

    /// The number of distinct prefixes (both families).
    public var count: Int { v4Prefixes.count + v6Prefixes.count }

    /// Whether the table has no entries.
    public var isEmpty: Bool { count == 0 }

    /// Index into `v4Prefixes` of the most specific prefix containing `address`, or -1.
    @inlinable @inline(__always)
    func v4Entry(_ address: UInt32) -> Int {
        let k = Int(address >> 16)
        return v4Buckets.withUnsafeBufferPointer { buckets in
            v4Index.starts.withUnsafeBufferPointer { starts in
                var lo = buckets.isEmpty ? 0 : Int(buckets[k])
                var hi = buckets.isEmpty ? starts.count - 1 : Int(buckets[k + 1])
                while lo < hi {
                    let mid = (lo + hi + 1) >> 1
                    if starts[mid] <= address { lo = mid } else { hi = mid - 1 }
                }
                return Int(v4Index.slots[lo])
            }
        }
    }

    /// The most specific IPv4 prefix containing `address`, with its value.
    @inlinable
    public func longestMatch(_ address: IPv4Address) -> (prefix: IPv4Prefix, value: Value)? {
        let e = v4Entry(address.value)
        return e < 0 ? nil : (v4Prefixes[e], v4Values[e])
    }

    /// The most specific IPv6 prefix containing `address`, with its value.
    @inlinable
    public func longestMatch(_ address: IPv6Address) -> (prefix: IPv6Prefix, value: Value)? {
        let e = v6Index.entry(containing: address.value)
        return e < 0 ? nil : (v6Prefixes[e], v6Values[e])
    }

    /// The most specific prefix of the address's family containing it, with its value.
    public func longestMatch(_ address: IPAddress) -> (prefix: IPPrefix, value: Value)? {
        switch address {
        case .v4(let a):
            return longestMatch(a).map { (.v4($0.prefix), $0.value) }
        case .v6(let a):
            return longestMatch(a).map { (.v6($0.prefix), $0.value) }
        }
    }

    /// Every prefix containing `address`, most specific (longest) first.
    public func allMatches(_ address: IPAddress) -> [(prefix: IPPrefix, value: Value)] {
        var result: [(prefix: IPPrefix, value: Value)] = []
        switch address {
        case .v4(let a):
            var e = v4Entry(a.value)
            while e >= 0 {
                result.append((.v4(v4Prefixes[e]), v4Values[e]))
                e = Int(v4Index.parent[e])
            }
        case .v6(let a):
            var e = v6Index.entry(containing: a.value)
            while e >= 0 {
                result.append((.v6(v6Prefixes[e]), v6Values[e]))
                e = Int(v6Index.parent[e])
            }
        }
        return result
    }

    /// All entries, IPv4 first, each family in prefix order.
    public var entries: [(prefix: IPPrefix, value: Value)] {
        zip(v4Prefixes, v4Values).map { (.v4($0), $1) } + zip(v6Prefixes, v6Values).map { (.v6($0), $1) }
    }

    /// The number of elementary intervals per family (a measure of the compiled table size).
    public var intervalCounts: (v4: Int, v6: Int) { (v4Index.starts.count, v6Index.starts.count) }
}

/// Elementary-interval compilation of a set of CIDR ranges (which either nest or are disjoint).
@usableFromInline
struct IntervalIndex<Bound: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    /// Interval `i` is `starts[i] ..< starts[i + 1]` (the last one runs to `Bound.max`); `starts[0] == 0`.
    @usableFromInline var starts: [Bound]
    /// Most specific entry covering interval `i`, or -1.
    @usableFromInline var slots: [Int32]
    /// Immediately enclosing entry of each entry, or -1.
    @usableFromInline var parent: [Int32]

    /// - Parameters: entry ranges sorted by first ascending, then last descending (containers
    ///   first), without duplicates.
    init(firsts: [Bound], lasts: [Bound]) {
        let n = firsts.count
        var starts: [Bound] = [0]
        var slots: [Int32] = [-1]
        starts.reserveCapacity(2 * n + 1)
        slots.reserveCapacity(2 * n + 1)
        var parent = [Int32](repeating: -1, count: n)
        var stack: [Int32] = []

        func emit(_ start: Bound, _ slot: Int32) {
            if starts[starts.count - 1] == start {
                slots[slots.count - 1] = slot
                if slots.count >= 2 && slots[slots.count - 2] == slot {
                    starts.removeLast()
                    slots.removeLast()
                }
            } else if slots[slots.count - 1] != slot {
                starts.append(start)
                slots.append(slot)
            }
        }

        for e in 0..<n {
            while let top = stack.last, lasts[Int(top)] < firsts[e] {
                stack.removeLast()
                emit(lasts[Int(top)] + 1, stack.last ?? -1)
            }
            parent[e] = stack.last ?? -1
            emit(firsts[e], Int32(e))
            stack.append(Int32(e))
        }
        while let top = stack.popLast() {
            if lasts[Int(top)] == .max { break }  // it and everything below it run to the end
            emit(lasts[Int(top)] + 1, stack.last ?? -1)
        }
        self.starts = starts
        self.slots = slots
        self.parent = parent
    }

    /// Most specific entry containing `x`, or -1 (plain binary search).
    @inlinable @inline(__always)
    func entry(containing x: Bound) -> Int {
        starts.withUnsafeBufferPointer { starts in
            var lo = 0
            var hi = starts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) >> 1
                if starts[mid] <= x { lo = mid } else { hi = mid - 1 }
            }
            return Int(slots[lo])
        }
    }
}
