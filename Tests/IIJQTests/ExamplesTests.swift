import Foundation
import IIJQ
import Testing

/// Every script in `Examples/` runs and prints exactly the output committed beside it (`NAME.out`).
@Suite struct ExamplesTests {
    static var directory: URL {
        repositoryRoot
            .appendingPathComponent("Examples")
    }

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".iq") }.sorted()
    }

    static func output(of name: String) throws -> String {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return runQuery(text) + "\n"
    }

    @Test(arguments: scripts)
    func exampleMatchesItsOutput(_ name: String) throws {
        let expected = try String(contentsOf: Self.directory.appendingPathComponent(name.replacingOccurrences(of: ".iq", with: ".out")), encoding: .utf8)
        let actual = try Self.output(of: name)
        #expect(!actual.contains("error:"), "\(name) has an error")
        #expect(actual == expected, "Examples/\(name) differs from its .out (re-record with IIJQ_RECORD=1 swift test)")
    }

    @Test func examplesSayWhatTheyAnswer() throws {
        #expect(Self.scripts.count >= 12)
        for name in Self.scripts {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("-- "), "\(name) should start with a comment saying what it answers")
        }
    }

    @Test(.recording)
    func record() throws {
        for name in Self.scripts {
            try Self.output(of: name).write(to: Self.directory.appendingPathComponent(name.replacingOccurrences(of: ".iq", with: ".out")),
                                           atomically: true, encoding: .utf8)
        }
    }
}
