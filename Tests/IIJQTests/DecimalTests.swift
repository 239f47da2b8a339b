@testable import IIJQ
import Testing

@Suite struct DecimalTests {
    func d(_ s: String) -> Dec { Dec(parsing: s)! }

    @Test func keepsPrintedScale() {
        #expect(d("312.0").description == "312.0")
        #expect(d("312.0") == d("312"))
        #expect(d("-0.52").description == "-0.52")
        #expect(d("1_234.50").description == "1234.50")
    }

    @Test func grouping() {
        #expect(d("276080").formatted() == "276,080")
        #expect(d("-72016").formatted() == "-72,016")
        #expect(d("3168.3").formatted() == "3,168.3")
        #expect(d("999").formatted() == "999")
        #expect(d("0.05").formatted(places: 1) == "0.1")
        #expect(d("-0.05").formatted(places: 1) == "-0.1")
        #expect(d("17.2517").formatted(places: 1) == "17.3")
    }

    @Test func exactArithmetic() {
        #expect(d("0.1").adding(d("0.2")) == d("0.3"))
        #expect(d("276080").subtracting(d("252700"))?.description == "23380")
        #expect(d("1").dividing(by: d("3"))?.rounded(4).description == "0.3333")
        #expect(d("2").dividing(by: d("0")) == nil)
        #expect(d("2").root(2)?.rounded(6).description == "1.414214")
        #expect(d("1.296150").root(3)?.rounded(4).description == "1.0903")
    }

    @Test func overflowIsNotACrash() {
        #expect(Dec(parsing: String(repeating: "9", count: 50)) == nil)
        let big = d(String(repeating: "9", count: 38))
        #expect(big.multiplying(big) == nil)
        #expect(big.adding(big) == nil)
    }

    /// Issue 17, 5: a product is rounded from its exact full-width value instead of reported as
    /// too long; a tiny product keeps its digits; a sum whose scales cannot be aligned rounds
    /// the finer operand.
    @Test func productsAndSumsRoundInsteadOfFailing() {
        let a = d("0.123456789012345678901234567890123456")
        #expect(a.multiplying(a)?.description == "0.015241578753238836750495351562566682")
        let tiny = d("0.000000000000000000000000000000000001").multiplying(d("0.1"))
        #expect(tiny == Dec(1, scale: 37))
        #expect(tiny.flatMap { d("1").dividing(by: $0) } == d("10000000000000000000000000000000000000"))
        #expect(d("12345678901234567890").multiplying(d("0.123456789012345678901234567890123456"))?.description
                == "1524157875323883675.0342935775034293480")
        #expect(d("99999999999999999999999999999999999999").adding(d("0.4"))?.description == "99999999999999999999999999999999999999")
        #expect(d("1000").adding(d("0.000000000000000000000000000000000001"))?.description == "1000." + String(repeating: "0", count: 35))
        #expect(Dec(-5).multiplying(Dec(3, scale: 37))?.description == "-0." + String(repeating: "0", count: 35) + "15")
    }

    /// Values whose scales cannot be aligned in an Int128 still order by value.
    @Test func orderAcrossScalesThatDoNotAlign() {
        let tiny = d("0.000000000000000000000000000000000001"), big = d("200")
        #expect(tiny < big && !(big < tiny) && tiny != big)
        #expect(-big < tiny && !(tiny < -big))
        #expect(-big < -tiny && !(-tiny < -big))
        #expect([big, tiny, d("20")].min() == tiny)
        #expect([tiny, big, d("20")].max() == big)
    }

    @Test func invalidText() {
        #expect(Dec(parsing: "") == nil)
        #expect(Dec(parsing: "1.2.3") == nil)
        #expect(Dec(parsing: "abc") == nil)
        #expect(Dec(parsing: "-") == nil)
    }
}
