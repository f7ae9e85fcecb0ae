// Internal linear-time algebra over canonical range arrays (sorted, disjoint, non-adjacent
// closed ranges), shared by IPv4AddressSet, IPv6AddressSet and PortSet.

enum RangeAlgebra<Bound: FixedWidthInteger & UnsignedInteger> {
    typealias Ranges = [ClosedRange<Bound>]

    /// Whether `b` starts at or before the position right after `a` ends (overlap or adjacency),
    /// given `a.lowerBound <= b.lowerBound`.
    @inline(__always)
    static func touches(_ a: ClosedRange<Bound>, _ b: ClosedRange<Bound>) -> Bool {
        a.upperBound == .max || b.lowerBound <= a.upperBound + 1
    }

    /// Canonicalises arbitrary ranges: sort by lower bound, then merge in one pass.
    static func normalize(_ input: Ranges) -> Ranges {
        if input.count <= 1 { return input }
        var sorted = input
        if !isSortedByLower(sorted) {
            sorted.sort { $0.lowerBound < $1.lowerBound }
        }
        return mergeSorted(sorted)
    }

    static func isSortedByLower(_ ranges: Ranges) -> Bool {
        var i = 1
        while i < ranges.count {
            if ranges[i - 1].lowerBound > ranges[i].lowerBound { return false }
            i += 1
        }
        return true
    }

    /// Merges ranges already sorted by lower bound.
    static func mergeSorted(_ sorted: Ranges) -> Ranges {
        var result = Ranges()
        result.reserveCapacity(sorted.count)
        guard var current = sorted.first else { return result }
        var i = 1
        while i < sorted.count {
            let next = sorted[i]
            if touches(current, next) {
                if next.upperBound > current.upperBound {
                    current = current.lowerBound...next.upperBound
                }
            } else {
                result.append(current)
                current = next
            }
            i += 1
        }
        result.append(current)
        return result
    }

    static func union(_ a: Ranges, _ b: Ranges) -> Ranges {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var result = Ranges()
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        var current: ClosedRange<Bound>
        if a[0].lowerBound <= b[0].lowerBound {
            current = a[0]; i = 1
        } else {
            current = b[0]; j = 1
        }
        while i < a.count || j < b.count {
            let next: ClosedRange<Bound>
            if j >= b.count || (i < a.count && a[i].lowerBound <= b[j].lowerBound) {
                next = a[i]; i += 1
            } else {
                next = b[j]; j += 1
            }
            if touches(current, next) {
                if next.upperBound > current.upperBound {
                    current = current.lowerBound...next.upperBound
                }
            } else {
                result.append(current)
                current = next
            }
        }
        result.append(current)
        return result
    }

    static func intersection(_ a: Ranges, _ b: Ranges) -> Ranges {
        var result = Ranges()
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            let lower = Swift.max(a[i].lowerBound, b[j].lowerBound)
            let upper = Swift.min(a[i].upperBound, b[j].upperBound)
            if lower <= upper { result.append(lower...upper) }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return result
    }

    static func complement(_ a: Ranges) -> Ranges {
        var result = Ranges()
        result.reserveCapacity(a.count + 1)
        var next: Bound = 0
        var exhausted = false
        for r in a {
            if r.lowerBound > next { result.append(next...(r.lowerBound - 1)) }
            if r.upperBound == .max {
                exhausted = true
                break
            }
            next = r.upperBound + 1
        }
        if !exhausted { result.append(next...Bound.max) }
        return result
    }

    static func subtracting(_ a: Ranges, _ b: Ranges) -> Ranges {
        var result = Ranges()
        var j = 0
        for r in a {
            var lower = r.lowerBound
            var done = false
            while j < b.count && b[j].upperBound < lower { j += 1 }
            var k = j
            while k < b.count && b[k].lowerBound <= r.upperBound {
                let cut = b[k]
                if cut.lowerBound > lower { result.append(lower...(cut.lowerBound - 1)) }
                if cut.upperBound >= r.upperBound {
                    done = true
                    break
                }
                lower = cut.upperBound + 1
                k += 1
            }
            if !done { result.append(lower...r.upperBound) }
            j = k
        }
        return result
    }

    /// Index of the last range whose lower bound is <= x, or -1.
    @inline(__always)
    static func lastIndex(atOrBelow x: Bound, in a: Ranges) -> Int {
        var lo = 0
        var hi = a.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if a[mid].lowerBound <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    static func contains(_ a: Ranges, _ x: Bound) -> Bool {
        let i = lastIndex(atOrBelow: x, in: a)
        return i >= 0 && x <= a[i].upperBound
    }

    /// Whether every range of `b` lies within `a` (a ⊇ b). Both canonical.
    static func isSuperset(_ a: Ranges, of b: Ranges) -> Bool {
        var i = 0
        for r in b {
            while i < a.count && a[i].upperBound < r.lowerBound { i += 1 }
            guard i < a.count, a[i].lowerBound <= r.lowerBound, r.upperBound <= a[i].upperBound else {
                return false
            }
        }
        return true
    }

    static func isDisjoint(_ a: Ranges, _ b: Ranges) -> Bool {
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i].upperBound < b[j].lowerBound {
                i += 1
            } else if b[j].upperBound < a[i].lowerBound {
                j += 1
            } else {
                return false
            }
        }
        return true
    }

    /// Minimal CIDR decomposition of canonical ranges: (network, host bits) pairs, ascending.
    /// The blocks of a single range are a minimal cover; blocks of non-adjacent ranges can never
    /// merge, so the whole result is minimal.
    static func cidrBlocks(_ a: Ranges) -> [(network: Bound, hostBits: Int)] {
        var result: [(network: Bound, hostBits: Int)] = []
        result.reserveCapacity(a.count * 2)
        for r in a {
            var lower = r.lowerBound
            while true {
                // Largest aligned block starting at `lower` that does not pass `upper`.
                let aligned = lower == 0 ? Bound.bitWidth : lower.trailingZeroBitCount
                let span = r.upperBound - lower  // block size - 1 must be <= span
                // floor(log2(span + 1)), with span + 1 == 2^bitWidth when span == max.
                let fits = span == .max ? Bound.bitWidth : Bound.bitWidth - 1 - (span + 1).leadingZeroBitCount
                let bits = Swift.min(aligned, fits)
                result.append((lower, bits))
                let blockLast = bits == Bound.bitWidth ? Bound.max : lower | ((Bound(1) << Bound(bits)) - 1)
                if blockLast >= r.upperBound { break }
                lower = blockLast + 1
            }
        }
        return result
    }
}
