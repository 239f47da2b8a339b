import Foundation
import IIJQ
import Testing

/// The README's tutorial prints what the README shows, and every statement in its `iq` blocks runs.
///
/// The tutorial's figures: quarterly revenue by segment and SI by service, 004 Ⅱ- 3. Revenues and
/// Ⅱ- 6. Systems Integration (SI) (1) Revenues; gross margins 1Q23/1Q24, 004 Ⅱ- 1 and Ⅱ- 4;
/// subscriptions by type, 004 Ⅳ- 1. Mobile and IoT; FY22–FY24 revenue, 000 Ⅱ-3 and Ⅲ-1. FY2024
/// 決算概要 (FY23 276,080 ¥ mn, 004 Ⅱ- 3. Revenues); the FY24 target 312.0 ¥ bn,
/// 004 Ⅲ- 1. `metrics` prints counts, not figures; `describe` and `| cite` print their own slides.
@Suite struct ReadmeTests {
    static var file: URL {
        repositoryRoot
            .appendingPathComponent("README.md")
    }

    static func text() throws -> String { try String(contentsOf: file, encoding: .utf8) }

    @Test func tutorialPrintsWhatTheReadmeShows() throws {
        let examples = Transcript.readme.examples(in: try Self.text())
        #expect(examples.count >= 12)
        for e in examples {
            #expect(runQuery(e.query) == e.expected, "README: `iijq -c '\(e.query)'` prints otherwise (re-record with IIJQ_RECORD=1 swift test --filter record)")
        }
    }

    /// Lines of ```iq blocks: statements (with `--` comments) that must all run, in one session.
    @Test func languageSummaryRuns() throws {
        let statements = LanguageDocTests.blocks(in: try Self.text()).flatMap(\.lines).filter { !$0.isEmpty }
        #expect(statements.count >= 20)
        var session = Session(base: sharedBase)
        for statement in statements {
            let output = runQuery(statement, in: &session)
            #expect(!output.contains("error:"), "README: `\(statement)` fails:\n\(output)")
        }
    }

    @Test(.recording)
    func record() throws {
        try Transcript.readme.recorded(try Self.text()) { runQuery($0) }.write(to: Self.file, atomically: true, encoding: .utf8)
    }
}
