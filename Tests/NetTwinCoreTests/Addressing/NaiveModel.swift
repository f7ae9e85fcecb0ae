// A deliberately naive model of an address/port set over a small universe: one Bool per member.

struct NaiveSet: Equatable {
    var bits: [Bool]

    init(size: Int) { bits = Array(repeating: false, count: size) }

    mutating func insert(_ range: ClosedRange<Int>) {
        for i in range { bits[i] = true }
    }

    func union(_ o: NaiveSet) -> NaiveSet { NaiveSet(bits: zip(bits, o.bits).map { $0 || $1 }) }
    func intersection(_ o: NaiveSet) -> NaiveSet { NaiveSet(bits: zip(bits, o.bits).map { $0 && $1 }) }
    func subtracting(_ o: NaiveSet) -> NaiveSet { NaiveSet(bits: zip(bits, o.bits).map { $0 && !$1 }) }
    var complement: NaiveSet { NaiveSet(bits: bits.map { !$0 }) }
    func isSuperset(of o: NaiveSet) -> Bool { zip(bits, o.bits).allSatisfy { $0 || !$1 } }
    func isDisjoint(with o: NaiveSet) -> Bool { !zip(bits, o.bits).contains { $0 && $1 } }
    var count: Int { bits.lazy.filter { $0 }.count }

    init(bits: [Bool]) { self.bits = bits }

    /// Minimal number of aligned power-of-two blocks covering exactly the set (greedy from the
    /// left: at each member take the largest aligned block that stays inside the set).
    var minimalBlockCount: Int {
        var count = 0
        var i = 0
        while i < bits.count {
            guard bits[i] else { i += 1; continue }
            var size = 1
            while i % (size * 2) == 0, i + size * 2 <= bits.count, bits[i..<(i + size * 2)].allSatisfy({ $0 }) {
                size *= 2
            }
            count += 1
            i += size
        }
        return count
    }
}
