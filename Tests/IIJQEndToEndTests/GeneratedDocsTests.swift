import Foundation
import Testing

/// `completions/` and `docs/iijq.1` are generated from the command definition by
/// `scripts/generate-docs.sh` (`make docs`); these tests fail when a change to the command leaves
/// them stale.
@Suite struct GeneratedDocsTests {
    static let root = repositoryRoot

    /// The committed completion script for each shell `--generate-completion-script` knows.
    static let completionFiles = ["bash": "completions/iijq.bash", "zsh": "completions/_iijq", "fish": "completions/iijq.fish"]

    static let stale = "run `make docs` (scripts/generate-docs.sh) and commit the result"

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptIsUpToDate(shell: String) throws {
        let path = try #require(Self.completionFiles[shell])
        let generated = try Binary.run(["--generate-completion-script", shell])
        #expect(generated.status == 0 && generated.stderr.isEmpty)
        let committed = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
        #expect(committed == generated.stdout, "\(path) is stale: \(Self.stale)")
    }

    /// The zsh script loads without `_arguments` rejecting it: argument-parser's extra `help`
    /// subcommand specs are left out (see `IIJQCommand.zshCompletionFixed`).
    @Test func zshCompletionHasOneRestArgument() throws {
        let script = try Binary.run(["--generate-completion-script", "zsh"]).stdout
        #expect(script.contains("'*:file:_files -g"))
        #expect(!script.contains("'(-)*:: :->arg'"), "zsh's _arguments takes one rest-argument spec")
    }

    /// The generate-manual plugin cannot run inside a test, so this checks what it would have
    /// written from the command's own description (`--experimental-dump-help`): the summary, the
    /// discussion line by line, and for every option and argument an `.It` entry with its names
    /// and value name followed by its help text.
    @Test func manPageDescribesEveryOption() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/iijq.1"), encoding: .utf8)
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let dump = try Binary.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let command = try #require(tool["command"] as? [String: Any])

        let abstract = try #require(command["abstract"] as? String)
        let summary = lines.contains(".Nd \"\(Self.mdoc(abstract))\"")
        #expect(summary, "docs/iijq.1 has another summary: \(Self.stale)")
        let discussion = try #require(command["discussion"] as? String)
        for line in discussion.split(separator: "\n") {
            let present = lines.contains(Self.mdoc(String(line)))
            #expect(present, "docs/iijq.1 lacks the discussion's line '\(line)': \(Self.stale)")
        }

        let arguments = try #require(command["arguments"] as? [[String: Any]])
        #expect(arguments.count >= 12)
        for argument in arguments where argument["shouldDisplay"] as? Bool ?? true {
            var words = (argument["names"] as? [[String: String]] ?? []).compactMap { name in
                name["kind"] == "long" ? name["name"].map { "-" + $0 } : name["name"]
            }
            if argument["kind"] as? String != "flag", let value = argument["valueName"] as? String {
                words.append(value + (argument["isRepeating"] as? Bool == true ? "..." : ""))
            }
            // `.It Fl -format Ar format`, `.It Fl h , -help`, `.It Ar file...`
            let entry = lines.indices.first { i in
                let item = lines[i].split(separator: " ").map(String.init)
                return item.first == ".It" && item.dropFirst().filter { !["Fl", "Ar", ","].contains($0) } == words
            }
            let label = words.joined(separator: " ")
            guard let entry else {
                Issue.record("docs/iijq.1 has no entry for \(label): \(Self.stale)")
                continue
            }
            if let help = argument["abstract"] as? String {
                #expect(lines[entry + 1] == Self.mdoc(help), "docs/iijq.1 has other help for \(label): \(Self.stale)")
            }
        }
        // The `help` subcommand argument-parser adds to every root command is not iijq's.
        let help = lines.contains(".It Em help") || lines.contains(".Ar subcommand")
        #expect(!help, "docs/iijq.1 describes a help subcommand; scripts/generate-docs.sh removes it")
    }

    /// Text as argument-parser's generate-manual writes it on a text line: ASCII only, `\` as `\e`.
    static func mdoc(_ text: String) -> String {
        String(text.unicodeScalars.filter(\.isASCII).map(Character.init)).replacingOccurrences(of: "\\", with: "\\e")
    }

    @Test(.recording)
    func recordCompletions() throws {
        for (shell, path) in Self.completionFiles {
            let generated = try Binary.run(["--generate-completion-script", shell])
            try #require(generated.status == 0)
            try generated.stdout.write(to: Self.root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
    }
}
