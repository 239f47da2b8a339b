@testable import IIJQ
import Testing

@Suite struct CalendarTests {
    func p(_ s: String) throws -> Period { try PeriodParser.parse(s).get() }

    @Test(arguments: ["FY24", "1H24", "2H24", "1Q24", "4Q23", "1Q24-end", "FY23-end", "2024-06-15"])
    func printsWhatItParses(_ text: String) throws {
        #expect(try p(text).description == text)
    }

    @Test func longYearsAndLowerCase() throws {
        #expect(try p("FY2024") == .year(2024))
        #expect(try p("fy24") == .year(2024))
        #expect(try p("1q24") == .quarter(2024, 1))
    }

    @Test func dates() throws {
        #expect(try p("FY24").startDate.description == "2024-04-01")
        #expect(try p("FY24").endDate.description == "2025-03-31")
        #expect(try p("4Q24").startDate.description == "2025-01-01")
        #expect(try p("2H24").endDate.description == "2025-03-31")
        #expect(try p("1Q24-end") == .instant(CalendarDate(2024, 6, 30)))
        #expect(try p("FY23-end") == .instant(CalendarDate(2024, 3, 31)))
        #expect(try p("2024-03-31").description == "FY23-end")
    }

    @Test func nesting() throws {
        #expect(try p("1Q24").isWithin(try p("1H24")))
        #expect(try p("1H24").isWithin(try p("FY24")))
        #expect(!(try p("3Q24").isWithin(try p("1H24"))))
        #expect(try p("FY24").parts(.quarter) == [.quarter(2024, 1), .quarter(2024, 2), .quarter(2024, 3), .quarter(2024, 4)])
    }

    @Test func shifting() throws {
        #expect(try p("1Q24").shifted(by: -1, .year) == .quarter(2023, 1))
        #expect(try p("1Q24").shifted(by: -1, .quarter) == .quarter(2023, 4))
        #expect(try p("1H24").shifted(by: -1, .half) == .half(2023, 2))
        #expect(try p("1Q24-end").shifted(by: -1, .quarter) == (try p("FY23-end")))
        #expect(try p("FY24").shifted(by: 1, .quarter) == nil)
    }

    @Test func ordering() throws {
        #expect(try p("1Q24") < (try p("1H24")))
        #expect(try p("1H24") < (try p("FY24")))
        #expect(try p("4Q23") < (try p("1Q24")))
    }

    @Test func ranges() throws {
        #expect(try p("1Q23").through(try p("1Q24"))?.map(\.description) == ["1Q23", "2Q23", "3Q23", "4Q23", "1Q24"])
        #expect(try p("FY20").through(try p("FY23"))?.count == 4)
        #expect(try p("4Q23-end").through(try p("1Q24-end"))?.map(\.description) == ["FY23-end", "1Q24-end"])
        #expect(try p("1Q24").through(try p("1Q23")) == nil)
        #expect(try p("1Q24").through(try p("FY24")) == nil)
    }

    @Test(arguments: [("5Q24", "quarters are 1Q–4Q"), ("3H24", "halves are 1H and 2H"), ("FY", "needs its year"),
                      ("1Q24-start", "only '-end'"), ("2024-02-30", "no such day"), ("FY024", "needs its year")])
    func invalidPeriods(_ text: String, _ reason: String) {
        guard case .failure(let e) = PeriodParser.parse(text) else { Issue.record("\(text) parsed"); return }
        #expect(e.description.hasPrefix("\(text) is not a period"))
        #expect(e.description.contains(reason))
    }
}
