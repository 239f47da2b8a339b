import Foundation
@testable import IIJQ
import Testing

/// `docs/catalog.md` is what `iijq --catalog markdown` prints for the embedded fact base.
@Suite struct CatalogTests {
    static var file: URL {
        repositoryRoot
            .appendingPathComponent("docs/catalog.md")
    }

    @Test func catalogIsUpToDate() throws {
        let committed = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(committed == Catalog(base: sharedBase).markdown(),
                "docs/catalog.md is stale: run `swift run iijq --catalog markdown > docs/catalog.md` (or IIJQ_RECORD=1 swift test --filter record)")
    }

    @Test func catalogNamesEveryMetricAndMember() throws {
        let text = Catalog(base: sharedBase).markdown()
        for name in sharedBase.metricOrder { #expect(text.contains("| `\(name)` |"), "the catalogue lacks \(name)") }
        for d in sharedBase.dimensions.values {
            for m in d.members { #expect(text.contains("| `\(m.name)` |"), "the catalogue lacks \(d.name)=\(m.name)") }
        }
    }

    @Test(.recording)
    func record() throws {
        try Catalog(base: sharedBase).markdown().write(to: Self.file, atomically: true, encoding: .utf8)
        let language = try String(contentsOf: Self.languageFile, encoding: .utf8)
        try Self.withFunctionTable(language).write(to: Self.languageFile, atomically: true, encoding: .utf8)
    }

    static var languageFile: URL { repositoryRoot.appendingPathComponent("docs/language.md") }
    static let tableStart = "<!-- functions: generated from the registry"
    static let tableEnd = "<!-- end of functions -->"

    /// `text` with the lines between the function table's markers replaced by the registry's table.
    static func withFunctionTable(_ text: String) -> String {
        guard let start = text.range(of: tableStart), let end = text.range(of: tableEnd, range: start.upperBound..<text.endIndex),
              let lineEnd = text[start.upperBound...].firstIndex(of: "\n") else { return text }
        return String(text[...lineEnd]) + Catalog.functionTable() + text[end.lowerBound...]
    }

    /// The table of functions in docs/language.md §8 is the registry's (`functions` and
    /// `.help functions` print it from the registry too).
    @Test func functionTableIsUpToDate() throws {
        let language = try String(contentsOf: Self.languageFile, encoding: .utf8)
        #expect(language.contains(Self.tableStart) && language.contains(Self.tableEnd), "docs/language.md lost the function table's markers")
        #expect(Self.withFunctionTable(language) == language,
                "the function table of docs/language.md is stale: IIJQ_RECORD=1 swift test --filter record")
    }
}
