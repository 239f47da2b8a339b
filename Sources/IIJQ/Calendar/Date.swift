/// A calendar date (proleptic Gregorian), without time or time zone.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public var year: Int, month: Int, day: Int

    public init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var isValid: Bool { (1...12).contains(month) && day >= 1 && day <= CalendarDate.daysIn(month: month, year: year) }

    /// The last day of the month `months` after this date's month.
    public func endOfMonth(shiftedBy months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        return CalendarDate(y, m, CalendarDate.daysIn(month: m, year: y))
    }

    /// The same day `months` later, clamped to the month's end (or kept at month end if it was one).
    public func adding(months: Int) -> CalendarDate {
        let end = endOfMonth(shiftedBy: months)
        let wasEnd = day == CalendarDate.daysIn(month: month, year: year)
        return wasEnd ? end : CalendarDate(end.year, end.month, min(day, end.day))
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// ISO 8601: `2024-06-30`.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
