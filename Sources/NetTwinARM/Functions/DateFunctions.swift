import Foundation

/// Date functions (template-functions-date.md). Times are UTC.
enum DateFunctions {
    static let all: [String: FunctionDef] = [
        "utcNow": .eager(0, 1) { _, s throws(ARMError) in
            try requireParameterDefault(s)
            return .unknown("utcNow() is the time of the deployment")
        },
        "dateTimeAdd": .eager(2, 3) { a, s throws(ARMError) in
            let base = try s.string(a, 0)
            guard let date = parse(base) else { throw s.fail("'\(base)' is not a date and time in ISO 8601 format") }
            guard let result = add(try s.string(a, 1), to: date) else { throw s.fail("'\(try s.string(a, 1))' is not an ISO 8601 duration") }
            if a.count > 2 { return .string(format(result, try s.string(a, 2))) }
            // template-functions-date.md: dateTimeAdd('2023-01-01 00:00:00Z', 'P1Y') gives 2024-01-01T00:00:00Z.
            return .string(format(result, "yyyy-MM-ddTHH:mm:ssZ"))
        },
        "dateTimeFromEpoch": .eager(1, 1) { a, s throws(ARMError) in
            .string(format(Date(timeIntervalSince1970: TimeInterval(try s.int(a, 0))), "yyyy-MM-ddTHH:mm:ssZ"))
        },
        "dateTimeToEpoch": .eager(1, 1) { a, s throws(ARMError) in
            let text = try s.string(a, 0)
            guard let d = parse(text) else { throw s.fail("'\(text)' is not a date and time in ISO 8601 format") }
            return .int(Int64(d.timeIntervalSince1970.rounded(.down)))
        },
    ]

    /// utcNow() and newGuid() are only allowed in a parameter's default value.
    static func requireParameterDefault(_ s: CallSite) throws(ARMError) {
        guard s.evaluator.inParameterDefault else {
            throw ARMError(ARMDiagnosticID.functionNotAllowed,
                "the template function '\(s.name)' is not expected at this location: it can only be used in the default value of a parameter", at: s.position)
        }
    }

    static var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }

    /// Parses `yyyy-MM-dd[T| ]HH:mm[:ss[.fff]][Z|±hh:mm]` or a date alone.
    static func parse(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"#
        guard let re = try? NSRegularExpression(pattern: pattern),
            let m = re.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) else { return nil }
        func group(_ i: Int) -> String? {
            guard let r = Range(m.range(at: i), in: t) else { return nil }
            return String(t[r])
        }
        var comps = DateComponents()
        comps.year = Int(group(1)!); comps.month = Int(group(2)!); comps.day = Int(group(3)!)
        comps.hour = group(4).flatMap(Int.init) ?? 0
        comps.minute = group(5).flatMap(Int.init) ?? 0
        comps.second = group(6).flatMap(Int.init) ?? 0
        guard var date = calendar.date(from: comps) else { return nil }
        if let frac = group(7), let f = Double("0." + frac) { date += f }
        if let zone = group(8), zone != "Z" {
            let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
            let hours = Int(digits.prefix(2)) ?? 0, minutes = Int(digits.suffix(2)) ?? 0
            let offset = TimeInterval((hours * 60 + minutes) * 60)
            date -= zone.hasPrefix("-") ? -offset : offset
        }
        return date
    }

    /// Adds an ISO 8601 duration (`P1Y2M3DT4H5M6S`, optionally negative). As template-functions-date.md
    /// states, leap years are not considered: P1Y is 365 days and P1M is 30 days.
    static func add(_ duration: String, to date: Date) -> Date? {
        var text = Substring(duration.uppercased())
        var sign = 1
        if text.hasPrefix("-") { sign = -1; text = text.dropFirst() }
        guard text.hasPrefix("P") else { return nil }
        text = text.dropFirst()
        var comps = DateComponents()
        var inTime = false
        var number = ""
        var any = false
        for ch in text {
            if ch == "T" { inTime = true; continue }
            if ch.isNumber || ch == "." { number.append(ch); continue }
            guard let v = Double(number), abs(v) < 1e9 else { return nil }
            number = ""
            any = true
            let n = Int(v) * sign
            switch (ch, inTime) {
            case ("Y", false): comps.day = (comps.day ?? 0) + 365 * n
            case ("M", false): comps.day = (comps.day ?? 0) + 30 * n
            case ("W", false): comps.day = (comps.day ?? 0) + 7 * n
            case ("D", false): comps.day = (comps.day ?? 0) + n
            case ("H", true): comps.hour = n
            case ("M", true): comps.minute = n
            case ("S", true): comps.second = n
            default: return nil
            }
        }
        guard any, number.isEmpty else { return nil }
        return calendar.date(byAdding: comps, to: date)
    }

    /// .NET date formatting: standard formats `u`, `s`, `o`, `d`, `D`, `t`, `T`, `g`, `G` and custom patterns.
    static func format(_ date: Date, _ pattern: String) -> String {
        let standard: [String: String] = [
            "u": "yyyy-MM-dd HH:mm:ssZ", "s": "yyyy-MM-ddTHH:mm:ss", "o": "yyyy-MM-ddTHH:mm:ss.fffffffZ",
            "O": "yyyy-MM-ddTHH:mm:ss.fffffffZ", "d": "M/d/yyyy", "D": "dddd, MMMM d, yyyy", "t": "h:mm tt",
            "T": "h:mm:ss tt", "g": "M/d/yyyy h:mm tt", "G": "M/d/yyyy h:mm:ss tt", "R": "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
        ]
        let p = standard[pattern] ?? pattern
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond, .weekday], from: date)
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        var out = ""
        let chars = Array(p)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            var n = 1
            while i + n < chars.count && chars[i + n] == ch { n += 1 }
            let h12 = (c.hour! % 12 == 0) ? 12 : c.hour! % 12
            switch ch {
            case "y": out += n <= 2 ? String(c.year! % 100).leftPadded(n) : String(c.year!).leftPadded(n)
            case "M": out += n >= 4 ? months[c.month! - 1] : n == 3 ? String(months[c.month! - 1].prefix(3)) : String(c.month!).leftPadded(n)
            case "d": out += n >= 4 ? days[c.weekday! - 1] : n == 3 ? String(days[c.weekday! - 1].prefix(3)) : String(c.day!).leftPadded(n)
            case "H": out += String(c.hour!).leftPadded(n)
            case "h": out += String(h12).leftPadded(n)
            case "m": out += String(c.minute!).leftPadded(n)
            case "s": out += String(c.second!).leftPadded(n)
            case "f", "F": out += String(String(c.nanosecond! / 100).leftPadded(7).prefix(n))
            case "t": out += String((c.hour! < 12 ? "AM" : "PM").prefix(n))
            case "K", "z": out += n == 1 && ch == "K" ? "Z" : "+00:00"
            case "'":
                var j = i + 1
                while j < chars.count && chars[j] != "'" { out.append(chars[j]); j += 1 }
                i = j + 1
                continue
            default: out += String(repeating: ch, count: n)
            }
            i += n
        }
        return out
    }
}
