import IIJQ
import LineEditor

/// What each dot-command does.
extension Shell {
    /// Parses and runs one dot-command line.
    mutating func command(_ source: Source) {
        let command: DotCommand
        do { command = try DotCommand.parse(source) } catch {
            runner.failed = true
            return fail(error, in: source)
        }
        switch command {
        case .help(let topic): help(topic, source)
        case .mode(let format):
            if let format { runner.session.format = format } else { say("mode: \(runner.session.format.rawValue)") }
        case .maxRows(let n):
            if let n { runner.session.layout.maxRows = n == 0 ? nil : n } else {
                say("maxrows: " + (runner.session.layout.maxRows.map(String.init) ?? "0 (every row)"))
            }
        case .timer(let on):
            if let on { timer = on } else { say("timer: \(timer ? "on" : "off")") }
        case .read(let path): runScript(path, from: source)
        case .output(let path):
            closeOutput()
            guard let path else { return }
            if let problem = runner.openOutput(path) {
                fail(Diagnostic(.invalidArgument, problem, at: DotCommand.split(source).last?.span,
                                hints: ["results still go to the terminal"]), in: source)
            }
        case .history(let last):
            let entries = editor.entries
            let shown = last.map { entries.suffix($0) } ?? entries[...]
            var out = ""
            for (i, entry) in zip(shown.indices, shown) {
                let number = String(i + 1)
                let lines = entry.split(separator: "\n", omittingEmptySubsequences: false)
                out += String(repeating: " ", count: max(0, 5 - number.count)) + number + "  " + lines[0] + "\n"
                for more in lines.dropFirst() { out += "       " + more + "\n" }
            }
            FileIO.out(out)
        case .facts(let path):
            let before = runner.session.base.facts.count
            if runner.loadFacts(extra: [path]) {
                let added = runner.session.base.facts.count - before
                say("loaded \(path): \(Dec(added).formatted()) facts added, \(Dec(runner.session.base.facts.count).formatted()) in all")
            } else {
                say("\(path) was not loaded; the facts are as they were")
            }
        case .tour(let step): tour(step, source)
        case .clear: editor.clearScreen()
        case .quit: quit = true
        }
    }

    /// A short confirmation or status line, always to the terminal.
    func say(_ text: String) { FileIO.out(text + "\n") }

    func help(_ topic: String?, _ source: Source) {
        guard let topic else { return FileIO.out(Help.index) }
        guard let found = Help.topic(topic) else {
            let names = Help.names
            return fail(Diagnostic(.invalidArgument, "no help topic '\(topic)'", at: DotCommand.split(source).last?.span,
                                   hints: Suggest.hint(for: topic, in: names) + ["topics are: " + names.joined(separator: ", ")]), in: source)
        }
        FileIO.out(found.text + "\n")
    }
}
