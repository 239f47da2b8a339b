import Foundation
@testable import IIJQ
import Testing

/// The tour's lessons hold together: each example runs, each answer is judged right, the example
/// alone is not, and an answer is judged by its result, so other ways of writing it are right too.
/// Figures: 004 Ⅱ- 1 (operating profit 4,480 ¥ mn in 1Q24), Ⅱ- 3 (revenue by segment), Ⅱ- 7
/// (4,803 employees at FY23-end), Ⅲ- 1 (FY24 targets); 000 Ⅲ-1 (FY24 results).
@Suite struct TourTests {
    static let session = Session(base: sharedBase)

    @Test func thereAreAtLeastEightLessons() {
        #expect(Tour.lessons.count >= 8)
        #expect(Tour.lessons.map(\.number) == Array(1...Tour.lessons.count))
        for l in Tour.lessons {
            #expect(!l.title.isEmpty && !l.text.isEmpty && !l.task.isEmpty && !l.hint.isEmpty, "lesson \(l.number) is incomplete")
        }
    }

    @Test(arguments: Tour.lessons.map(\.number))
    func lessonHoldsTogether(_ number: Int) {
        let lesson = Tour.lessons[number - 1]
        #expect(!runQuery(lesson.example).contains("error:"), "lesson \(number)'s example fails")
        #expect(Tour.check(lesson.answer, for: lesson, in: Self.session) == .correct, "lesson \(number)'s own answer is judged wrong")
        #expect(Tour.check(lesson.example, for: lesson, in: Self.session) != .correct, "lesson \(number) is answered by its example")
    }

    /// Other ways of writing each answer: aliases, lists for ranges, the stock's year for its end,
    /// a sort, a definition.
    @Test(arguments: [
        (1, "営業利益 @ 1Q24"),
        (2, "revenue{segment in [nw_services]} @ 1Q24"),
        (3, "employees @ FY23"),
        (4, "revenue @ 1Q23, 2Q23, 3Q23, 4Q23, 1Q24 by segment"),
        (5, "yoy(revenue) @ 1Q24 by segment | sort desc"),
        (6, "営業利益 / 売上収益 @ FY24"),
        (7, "operating_profit @ FY24 vs target"),
        (8, "revenue{segment=si} @ 1Q24 | sort | cite"),
    ])
    func variantsAreRight(_ number: Int, _ answer: String) {
        #expect(Tour.check(answer, for: Tour.lessons[number - 1], in: Self.session) == .correct)
    }

    @Test func wrongAnswersSayWhatDiffers() {
        let lessons = Tour.lessons
        #expect(Tour.check("revenue @ 1Q24 by segment", for: lessons[1], in: Self.session)
            == .wrong("your result has 3 rows × 1 period; the answer has 1 row × 1 period"))
        #expect(Tour.check("revenue{segment=si} @ 1Q24", for: lessons[1], in: Self.session)
            == .wrong("the shape is right but the numbers differ: check the metric, the members and the periods"))
        #expect(Tour.check("revenue{segment=si} @ 1Q24", for: lessons[7], in: Self.session)
            == .wrong("the numbers are right; the answer also shows them with | cite"))
        #expect(Tour.check("revenu @ 1Q24", for: lessons[0], in: Self.session) == .wrong("that query has an error"))
        #expect(Tour.check("describe revenue", for: lessons[0], in: Self.session) == .notAnAnswer)
        #expect(Tour.check("let x = revenue", for: lessons[0], in: Self.session) == .notAnAnswer)
    }
}
