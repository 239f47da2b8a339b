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
    }
}
