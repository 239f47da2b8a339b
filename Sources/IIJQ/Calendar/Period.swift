/// A period of IIJ's fiscal calendar, or an instant. A fiscal year starts on 1 April:
/// `FY24` is Apr 2024 – Mar 2025, `1H24`/`2H24` its halves, `1Q24`…`4Q24` its quarters.
public enum Period: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    case year(Int)
    case half(Int, Int)
    case quarter(Int, Int)
    /// A point in time: the end of a day (`1Q24-end` is 2024-06-30).
    case instant(CalendarDate)
    /// Fiscal years taken as one period: an amount over FY24 to FY26 (`FY24-26`), such as a
    /// three-year capital allocation, which belongs to no single year.
    case span(Int, Int)
    /// A fiscal year and every one after it, as printed "in or after FY25" (`FY25-on`).
    case onward(Int)
    /// No period printed (`undated`): a figure the document gives without saying when.
    case undated

    /// The granularity of a period, used to shift and expand ranges; `several` for a span, an
    /// open horizon or no date, which neither shift nor expand.
    public enum Grain: String, Sendable { case year, half, quarter, instant, several }

    public var grain: Grain {
        switch self {
        case .year: .year
        case .half: .half
        case .quarter: .quarter
        case .instant: .instant
        case .span, .onward, .undated: .several
        }
    }

    public var isInstant: Bool { if case .instant = self { true } else { false } }

    /// The fiscal year the period belongs to (for an instant: the fiscal year containing it).
    public var fiscalYear: Int {
        switch self {
        case .year(let y), .half(let y, _), .quarter(let y, _), .span(let y, _), .onward(let y): y
        case .instant(let d): d.month >= 4 ? d.year : d.year - 1
        case .undated: Period.farYear
        }
    }

    /// The year an open horizon and an undated figure are placed at: after every dated period.
    static let farYear = 9999

    /// Months from 1 April of `fiscalYear` to the start, and the length in months.
    var monthSpan: (offset: Int, length: Int) {
        switch self {
        case .year: (0, 12)
        case .half(_, let h): ((h - 1) * 6, 6)
        case .quarter(_, let q): ((q - 1) * 3, 3)
        case .span(let a, let b): (0, 12 * (b - a + 1))
        case .onward(let y): (0, 12 * (Period.farYear - y + 1))
        case .instant, .undated: (0, 0)
        }
    }

    /// The first day of the period (for an instant, the instant itself).
    public var startDate: CalendarDate {
        if case .instant(let d) = self { return d }
        if case .undated = self { return CalendarDate(Period.farYear, 12, 31) }
        let (offset, _) = monthSpan
        let end = CalendarDate(fiscalYear, 4, 1).endOfMonth(shiftedBy: offset)
        return CalendarDate(end.year, end.month, 1)
    }

    /// The last day of the period (for an instant, the instant itself).
    public var endDate: CalendarDate {
        if case .instant(let d) = self { return d }
        if case .undated = self { return CalendarDate(Period.farYear, 12, 31) }
        let (offset, length) = monthSpan
        return CalendarDate(fiscalYear, 4, 1).endOfMonth(shiftedBy: offset + length - 1)
    }

    /// The instant at the period's end: `1Q24` → `1Q24-end` (2024-06-30).
    public var end: Period { .instant(endDate) }

    /// True when `self` lies within `other` (1Q24 ⊂ 1H24 ⊂ FY24; an instant within a period's days).
    public func isWithin(_ other: Period) -> Bool {
        if case .instant = other { return self == other }
        return startDate >= other.startDate && endDate <= other.endDate
    }

    /// The periods of grain `grain` inside this one, in order (FY24 → 1Q24…4Q24).
    public func parts(_ grain: Grain) -> [Period] {
        let y = fiscalYear
        switch (self, grain) {
        case (.year, .half): return [.half(y, 1), .half(y, 2)]
        case (.year, .quarter): return (1...4).map { .quarter(y, $0) }
        case (.half(_, let h), .quarter): return [.quarter(y, 2 * h - 1), .quarter(y, 2 * h)]
        default: return grain == self.grain ? [self] : []
        }
    }

    /// The period shifted by `count` years, halves or quarters (`1Q24` − 1 quarter = `4Q23`).
    /// Nil when the shift does not fit the grain (a fiscal year shifted by a quarter).
    public func shifted(by count: Int, _ unit: Grain) -> Period? {
        switch (self, unit) {
        case (.year(let y), .year): return .year(y + count)
        case (.half(let y, let h), .year): return .half(y + count, h)
        case (.quarter(let y, let q), .year): return .quarter(y + count, q)
        case (.half(let y, let h), .half):
            let i = y * 2 + (h - 1) + count
            return .half(Period.floorDiv(i, 2), i - Period.floorDiv(i, 2) * 2 + 1)
        case (.quarter(let y, let q), .quarter):
            let i = y * 4 + (q - 1) + count
            return .quarter(Period.floorDiv(i, 4), i - Period.floorDiv(i, 4) * 4 + 1)
        case (.quarter, .half): return shifted(by: 2 * count, .quarter)
        case (.instant(let d), _):
            let months = count * (unit == .year ? 12 : unit == .half ? 6 : unit == .quarter ? 3 : 0)
            return months == 0 ? nil : .instant(d.adding(months: months))
        default: return nil
        }
    }

    /// How a figure with no printed period is written.
    public static let undatedWord = "undated"

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : (a - b + 1) / b }

    /// The periods from `self` through `last`, inclusive, stepping by the grain of `self`.
    /// Nil when the grains differ or `last` is before `self`.
    public func through(_ last: Period) -> [Period]? {
        guard last >= self else { return nil }
        switch (self, last) {
        case (.instant(let a), .instant(let b)):
            // Instants step by quarter-ends; both must be quarter-ends.
            guard Period.isQuarterEnd(a), Period.isQuarterEnd(b) else { return nil }
            var out: [Period] = [], d = a
            while d <= b, out.count <= 4000 { out.append(.instant(d)); d = d.endOfMonth(shiftedBy: 3) }
            return out
        default:
            guard grain == last.grain else { return nil }
            var out: [Period] = [self], p = self
            while p != last, out.count <= 4000, let n = p.shifted(by: 1, grain == .year ? .year : grain) {
                p = n
                out.append(p)
            }
            return p == last ? out : nil
        }
    }

    static func isQuarterEnd(_ d: CalendarDate) -> Bool {
        [3, 6, 9, 12].contains(d.month) && d.day == CalendarDate.daysIn(month: d.month, year: d.year)
    }

    /// Calendar order, as results are read: by the day a period ends, and among periods ending
    /// on one day the shorter first (1Q24-end, 4Q23, 2H23, FY23 all end on 2024-03-31).
    public static func < (a: Period, b: Period) -> Bool {
        if a.endDate != b.endDate { return a.endDate < b.endDate }
        return a.startDate > b.startDate
    }

    static func twoDigits(_ year: Int) -> String {
        (2000...2099).contains(year) ? (year % 100 < 10 ? "0\(year % 100)" : "\(year % 100)") : "\(year)"
    }

    /// `FY24`, `1H24`, `1Q24`, `1Q24-end`, `FY23-end`, `2024-06-30`, `FY24-26`, `FY25-on` or `undated`.
    public var description: String {
        switch self {
        case .span(let a, let b): return "FY" + Period.twoDigits(a) + "-" + Period.twoDigits(b)
        case .onward(let y): return "FY" + Period.twoDigits(y) + "-on"
        case .undated: return Period.undatedWord
        case .year(let y): return "FY" + Period.twoDigits(y)
        case .half(let y, let h): return "\(h)H" + Period.twoDigits(y)
        case .quarter(let y, let q): return "\(q)Q" + Period.twoDigits(y)
        case .instant(let d):
            guard Period.isQuarterEnd(d) else { return d.description }
            let q = Period.quarter(Period.instant(d).fiscalYear, ((d.month + 8) % 12) / 3 + 1)
            if case .quarter(let y, 4) = q { return "FY" + Period.twoDigits(y) + "-end" }
            return q.description + "-end"
        }
    }
}
