/// Reads period literals: `FY24`, `FY2024`, `1H24`, `1Q24`, `1Q24-end`, `FY23-end`, `2024-06-30`.
public enum PeriodParser {
    /// The period a literal names, or an explanation of why it is not one.
    public static func parse(_ text: String) -> Result<Period, PeriodError> {
        // Full-width digits and letters (an IME's １Ｑ２４) name a period only when written in ASCII.
        let ascii = asciiFolded(text)
        if ascii != text {
            switch parse(ascii) {
            case .success: return .failure(PeriodError(text: text, message: "write it in ASCII letters and digits: \(ascii)"))
            case .failure(var e): e.text = text; return .failure(e)
            }
        }
        let upper = text.uppercased()
        if text == Period.undatedWord { return .success(.undated) }
        if let several = parseSeveral(text, upper) { return several }
        let chars = Array(upper)
        if chars.count >= 5, chars[0..<4].allSatisfy(\.isNumber), chars[4] == "-" {
            return parseDate(text, upper)
        }
        var body = Substring(upper)
        var isEnd = false
        if let dash = body.firstIndex(of: "-") {
            let suffix = body[body.index(after: dash)...]
            guard suffix == "END" else {
                return .failure(PeriodError(text: text, message: "only '-end' follows a period, naming the instant it ends (1Q24-end, FY23-end); after a fiscal year, the last year of a span (FY24-26) or '-on' (FY25-on)"))
            }
            isEnd = true
            body = body[..<dash]
        }
        let period: Period
        if body.hasPrefix("FY") {
            let digits = body.dropFirst(2)
            guard let year = year(digits) else { return .failure(yearProblem(text, digits, example: "FY24", "FY2024", what: "a fiscal year needs its year")) }
            period = .year(year)
        } else if body.count >= 2, let n = body.first?.wholeNumberValue, let kind = body.dropFirst().first, kind == "Q" || kind == "H" {
            let digits = body.dropFirst(2)
            guard let year = year(digits) else {
                return .failure(yearProblem(text, digits, example: "1\(kind)24", "1\(kind)2024", what: "\(kind == "Q" ? "a quarter" : "a half") needs its fiscal year"))
            }
            if kind == "Q" {
                guard (1...4).contains(n) else { return .failure(PeriodError(text: text, message: "quarters are 1Q–4Q")) }
                period = .quarter(year, n)
            } else {
                guard (1...2).contains(n) else { return .failure(PeriodError(text: text, message: "halves are 1H and 2H")) }
                period = .half(year, n)
            }
        } else {
            return .failure(PeriodError(text: text, message: "periods look like FY24, 1H24, 1Q24, 1Q24-end or 2024-06-30"))
        }
        return .success(isEnd ? period.end : period)
    }

    /// `FY24-26` (fiscal years taken as one period) and `FY25-on` (a year and every one after),
    /// or nil when `upper` is neither form.
    static func parseSeveral(_ text: String, _ upper: String) -> Result<Period, PeriodError>? {
        guard upper.hasPrefix("FY"), let dash = upper.firstIndex(of: "-") else { return nil }
        let first = upper[upper.index(upper.startIndex, offsetBy: 2)..<dash], rest = upper[upper.index(after: dash)...]
        guard let a = year(first) else { return nil }
        if rest == "ON" { return .success(.onward(a)) }
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let b = year(rest), b > a else {
            return .failure(PeriodError(text: text, message: "a span of fiscal years runs from an earlier year to a later one (FY24-26)"))
        }
        return .success(.span(a, b))
    }

    /// Years a period may name: two digits are 2000–2099, four are 1900–2199.
    static let years = 1900...2199

    static func year(_ digits: Substring) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits) else { return nil }
        switch digits.count {
        case 2: return 2000 + n
        case 4 where years.contains(n): return n
        default: return nil
        }
    }

    /// Why `digits` is not a year: out of range, or not two or four digits.
    static func yearProblem(_ text: String, _ digits: Substring, example short: String, _ long: String, what: String) -> PeriodError {
        if digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return PeriodError(text: text, message: "years run from \(years.lowerBound) to \(years.upperBound)")
        }
        return PeriodError(text: text, message: "\(what) in two digits (\(short)) or four (\(long))")
    }

    /// `text` with full-width ASCII forms (U+FF01–U+FF5E) and other decimal digits written in ASCII.
    static func asciiFolded(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if (0xFF01...0xFF5E).contains(c.value), let a = Unicode.Scalar(c.value - 0xFEE0) {
                out.append(a)
            } else if !c.isASCII, c.properties.numericType == .decimal, let v = c.properties.numericValue, let a = Unicode.Scalar(48 + UInt32(v)) {
                out.append(a)
            } else {
                out.append(c)
            }
        }
        return String(out)
    }

    static func parseDate(_ text: String, _ body: String) -> Result<Period, PeriodError> {
        let parts = body.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            return .failure(PeriodError(text: text, message: "dates are written YYYY-MM-DD, as in 2024-06-30"))
        }
        guard years.contains(y) else { return .failure(PeriodError(text: text, message: "years run from \(years.lowerBound) to \(years.upperBound)")) }
        guard (1...12).contains(m) else { return .failure(PeriodError(text: text, message: "there is no such month: months run from 01 to 12")) }
        let date = CalendarDate(y, m, d)
        guard date.isValid else {
            let month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1]
            return .failure(PeriodError(text: text, message: "there is no such day: \(month) \(y) has \(CalendarDate.daysIn(month: m, year: y)) days"))
        }
        return .success(.instant(date))
    }
}

/// Why a literal is not a period.
public struct PeriodError: Error, Sendable {
    public var text: String
    public var message: String
    public var description: String { "\(text) is not a period: \(message)" }
}
