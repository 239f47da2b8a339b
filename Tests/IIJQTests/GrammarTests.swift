import Foundation
@testable import IIJQ
import Testing

/// `Grammar/iijq.ebnf` and the parser stay in step.
@Suite struct GrammarTests {
    static let grammar: String = {
        let url = repositoryRoot
            .appendingPathComponent("Grammar/iijq.ebnf")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test func everyKeywordAppears() {
        for keyword in Token.keywords {
            #expect(Self.grammar.contains("\"\(keyword)\""), "keyword '\(keyword)' is missing from the grammar")
        }
    }

    @Test func everyOperatorAppears() {
        for symbol in Token.symbols {
            #expect(Self.grammar.contains("\"\(symbol.rawValue)\""), "operator '\(symbol.rawValue)' is missing from the grammar")
        }
    }

    @Test func everyStageAndFunctionFormAppears() {
        for stage in ["sort", "asc", "desc", "top", "chart", "cite"] + Stage.names {
            #expect(Self.grammar.contains("\"\(stage)\""), "stage '\(stage)' is missing")
        }
    }

    /// Every rule the parser implements is a rule of the grammar, and the other way round.
    @Test func ruleNamesMatchParserMethods() throws {
        // The parser's methods are spread over Syntax/Parser.swift, QueryParser.swift and ExpressionParser.swift.
        let syntax = repositoryRoot.appendingPathComponent("Sources/IIJQ/Syntax")
        let files = try FileManager.default.contentsOfDirectory(atPath: syntax.path).filter { $0.hasSuffix("Parser.swift") }
        #expect(files.count >= 3)
        let parser = try files.map { try String(contentsOf: syntax.appendingPathComponent($0), encoding: .utf8) }.joined()
        let grammarRules = Self.grammar.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            return name.allSatisfy({ $0.isLowercase || $0 == "_" }) && !name.isEmpty ? name : nil
        }
        let lexical: Set<String> = ["separator", "fiscal_year", "half", "quarter", "date", "span", "horizon", "year", "comment"]
        for rule in grammarRules where !lexical.contains(rule) {
            let method = rule.split(separator: "_").enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
            #expect(parser.contains("func \(method)("), "grammar rule '\(rule)' has no parser method \(method)()")
            #expect(parser.contains("// \(rule) ="), "parser method \(method)() does not quote its rule")
        }
    }

    /// Every form in the brief's language block parses.
    @Test(arguments: [
        "revenue @ 1Q24", "revenue @ 1Q24 by segment", "revenue @ 1Q23..1Q24", "revenue @ 1Q23..1Q24 by segment",
        "revenue{segment=nw_services} @ 1Q24 by service", "revenue{segment in [nw_services, si]} @ FY23 by segment",
        "revenue{basis=target} @ FY24", "yoy(revenue) @ 1Q24", "gross_profit / revenue @ 1Q24 by segment",
        "sum(revenue) @ 1Q23..4Q23", "cagr(revenue) @ FY20..FY23", "share(revenue) @ 1Q24 by segment",
        "let gross_margin = gross_profit / revenue", "revenue @ FY19..FY24 | chart",
        "revenue{segment=nw_services} @ 1Q24 by service | sort desc | top 2", "gross_profit / revenue @ 1Q24 | cite",
        "describe revenue", "売上収益 @ FY24", "subscriptions{type=iijmio} @ 1Q24-end", "revenue @ 2024-06-30",
        "lag(revenue, 1y) @ 1Q24", "revenue @ 1Q24, FY23 -- a comment",
        "revenue @ FY24 vs target", "revenue @ FY24 in bn", "revenue @ 1Q24 by service | where value > 10 bn",
        "revenue @ 1Q24 by segment | where yoy >= 10%", "explain FY24", "explain revenue @ 1Q24", "revenue @ 1Q23..1Q24 by segment | spark",
        "revenue @ FY24 - revenue @ FY21", "(revenue @ FY24 / revenue @ FY21) ^ (1 / 3) - 1", "cagr(revenue @ FY24, revenue{basis=plan} @ FY26)",
        "revenue{segment=si} @ 1Q23..1Q24 by period | sort desc | top 1",
    ])
    func briefFormsParse(_ text: String) throws {
        let results = Parser.parse(Source(name: "", text: text))
        #expect(results.count == 1)
        _ = try results[0].get()
    }
}
