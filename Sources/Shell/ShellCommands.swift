import IIJQ
import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// What each dot-command does.
extension Shell {
    /// Parses and runs one dot-command line. Outside the interactive shell, a command that needs
    /// the terminal is an error.
    mutating func command(_ source: Source) {
        // Asked each time, so that help follows the terminal's width after a resize.
        if editor != nil { runner.session.layout.width = runner.outputFile == nil && Terminal.isTerminal(1) ? Terminal.columns(1) : nil }
        let command: DotCommand
        do { command = try DotCommand.parse(source) } catch {
            return fail(error, in: source)
        }
        if command.needsTerminal, editor == nil {
            let word = DotCommand.split(source)[0]
            return fail(Diagnostic(.invalidStatement, "\(word.text) works only in the interactive shell, not in a script", at: word.span,
                                   hints: ["run it at the iijq> prompt; `.help scripts` says what a script can do"]), in: source)
        }
        switch command {
        case .help(let topic): help(topic, source)
        case .mode(let format, let records):
            if let format {
                runner.session.format = format
                runner.session.layout.records = records
            } else {
                let wide = runner.session.format.isMachine && runner.session.layout.records == .wide
                say("mode: \(runner.session.format.rawValue)\(wide ? " wide" : "")")
            }
        case .maxRows(let n):
            if let n { runner.session.layout.maxRows = n == 0 ? nil : n } else {
                say("maxrows: " + (runner.session.layout.maxRows.map(String.init) ?? "0 (every row)"))
            }
        case .timer(let on):
            if let on { timer = on } else { say("timer: \(timer ? "on" : "off")") }
        case .pager(let on):
            if let on { pager = on } else { say("pager: \(pager ? "on" : "off") (\(visibleText(Pager.command)))") }
        case .notes(let mode):
            if let mode { runner.notesMode = mode } else { say("notes: \(runner.notesMode.rawValue)") }
        case .expanded(let word):
            let layout = runner.session.layout
            let now: Bool? = word.map { $0 == "on" ? true : $0 == "off" ? false : nil } ?? !(layout.expanded ?? false)
            runner.session.layout.expanded = now
            if word == nil { say("expanded: \(now.map { $0 ? "on" : "off" } ?? "auto")") }
        case .labels(let labels):
            if let labels { runner.session.labels = labels } else { say("labels: \(runner.session.labels.rawValue)") }
        case .scale(let word):
            if let word { runner.session.scale = DisplayUnit.scale(of: word) } else {
                say("scale: " + (runner.session.scale.map { Unit.money(scale: $0).description } ?? "auto (each metric at the coarsest scale its facts are printed in)"))
            }
        case .why:
            let notes = runner.lastNotes
            if notes.isEmpty { say("the last result has no notes") }
            let width = runner.outputFile == nil && Terminal.isTerminal(1) ? Terminal.columns(1) : nil
            runner.emit(Runner.noteLines(notes, mode: .on, width: width))
        case .read(let path): read(path, from: source)
        case .output(let path):
            closeOutput()
            guard let path else { return }
            if let problem = runner.openOutput(path) {
                fail(Diagnostic(.invalidArgument, problem, at: DotCommand.split(source).last?.span,
                                hints: [editor == nil ? "results go to standard output" : "results still go to the terminal"]), in: source)
            }
        case .transcript(let path):
            if let problem = runner.startTranscript(path) {
                fail(Diagnostic(.invalidArgument, problem, at: DotCommand.split(source).last?.span, hints: ["the session is not being recorded"]), in: source)
            } else if let path {
                say("recording the session to \(visibleText(path)) as Markdown; .transcript alone stops")
            }
        case .history(let last): runner.sink.out(Shell.numbered(editor?.entries ?? [], last: last))
        case .facts(let path):
            if let problem = Shell.unreadableFile(path) {
                return fail(Diagnostic(.invalidArgument, "cannot load '\(path)': \(problem)", at: DotCommand.split(source).last?.span,
                                       hints: ["`.facts` takes a .facts file you can read; Tab completes file names"]), in: source)
            }
            loadFacts(path)
        case .tour(let step): tour(step, source)
        case .clear: editor?.clearScreen()
        case .quit: quit = true
        }
    }

    /// Why `path` cannot be read as a file (it is missing, unreadable or a directory), or nil.
    static func unreadableFile(_ path: String) -> String? {
        guard !path.isEmpty else { return "the file name is empty" }
        var st = stat()
        guard stat(path, &st) == 0 else { return FileIO.lastError() }
        if (st.st_mode & S_IFMT) == S_IFDIR { return "it is a directory" }
        return access(path, R_OK) == 0 ? nil : FileIO.lastError()
    }

    /// A short confirmation or status line: to the terminal in the interactive shell, to standard
    /// error elsewhere, so that a script's standard output holds only results.
    func say(_ text: String) {
        if editor != nil { runner.sink.out(text + "\n") } else { runner.sink.error(text + "\n") }
    }

    /// History entries as `.history` lists them: numbered, the last `last` of them (all if nil),
    /// the lines after the first of a multi-line entry indented under it.
    static func numbered(_ entries: [String], last: Int?) -> String {
        let shown = last.map { entries.suffix($0) } ?? entries[...]
        var out = ""
        for (i, entry) in zip(shown.indices, shown) {
            let number = String(i + 1)
            let lines = entry.split(separator: "\n", omittingEmptySubsequences: false)
            out += String(repeating: " ", count: max(0, 5 - number.count)) + number + "  " + lines[0] + "\n"
            for more in lines.dropFirst() { out += "       " + more + "\n" }
        }
        return out
    }

    mutating func help(_ topic: String?, _ source: Source) {
        guard let topic else { return runner.sink.out(Fit.prose(Help.index, width: runner.session.layout.width) + "\n") }
        guard let found = Help.topic(topic) else {
            let names = Help.names
            return fail(Diagnostic(.invalidArgument, "no help topic '\(topic)'", at: DotCommand.split(source).last?.span,
                                   hints: Suggest.hint(for: topic, in: names) + ["topics are: " + names.joined(separator: ", ")]), in: source)
        }
        // On a terminal the text is fitted to its width, examples run again at that width.
        let width = runner.session.layout.width
        var session = Session(base: runner.session.base)
        session.layout.width = width.map { $0 - 2 }
        let text = Help.fitted(found.text, width: width) { query in
            var printed = ""
            var examples = Runner(session: session)
            examples.sink = Runner.Sink(out: { printed += $0 }, error: { printed += $0 })
            examples.run(Source(name: "", text: query))
            session = examples.session
            return Fit.lines(printed, width: width.map { $0 - 2 })
        }
        runner.sink.out(text + "\n")
    }
}
