import IIJQ
import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell: reads statements with line editing, runs them, and keeps the history.
///
/// Lines that start with `.` are dot-commands (see `DotCommand`); everything else is the query
/// language, gathered into whole statements by `StatementReader`.
public struct Shell {
    var runner: Runner
    let editor: LineEditor
    var historyFile: HistoryFile?
    var reader = StatementReader()
    var timer = false
    /// Scripts being run by `.read` (canonical paths), to stop a script that reads itself.
    var reading: [String] = []
    var quit = false
    /// The tour lesson in progress (an index into `Tour.lessons`), while `.tour` is on.
    var lesson: Int?

    /// Rows a table shows in the shell unless `--max-rows` or `.maxrows` says otherwise.
    public static let defaultMaxRows = 100

    static let prompt = "iijq> "
    static let continuationPrompt = "  ...> "

    /// Opens the shell on the terminal; nil when libedit cannot start.
    public init?(runner: Runner) {
        guard let editor = LineEditor(program: "iijq", historySize: Paths.historySize) else { return nil }
        self.runner = runner
        self.editor = editor
        self.runner.colorErrors = Paths.colorAllowed(on: 2)
        self.runner.session.isCancelled = { Terminal.interrupted }
        if let path = Paths.history {
            var file = HistoryFile(path: path, capacity: Paths.historySize)
            for entry in file.load() { editor.remember(entry) }
            if let reason = file.disabled { FileIO.error(file.warning(reason) + "\n") }
            historyFile = file
        }
    }

    /// Runs the shell until `.quit`, Ctrl-D, SIGTERM or SIGHUP; returns the exit status.
    /// `banner` is the version to announce, or nil for none (`-q`).
    public mutating func run(banner version: String?, initScript: String?) -> Int32 {
        if let version {
            let count = Dec(runner.session.base.facts.count).formatted()
            FileIO.out("iijq \(version) · \(count) facts from IIJ's published results · .help for help, Ctrl-D to leave\n")
        }
        if let path = initScript ?? Paths.initScript.flatMap({ Paths.exists($0) ? $0 : nil }) {
            runScript(path)
        }
        var status: Int32 = 0
        while !quit {
            editor.completer = { [runner, reader] before in Shell.complete(before, pending: reader, session: runner.session) }
            let prompt = lesson.map { "[\($0 + 1)/\(Tour.lessons.count)] " + Shell.prompt } ?? Shell.prompt
            switch editor.read(prompt: reader.isContinuing ? Shell.continuationPrompt : prompt) {
            case .line(let line):
                enter(line)
            case .interrupted:
                FileIO.out("^C\n")
                reader = StatementReader()
            case .endOfInput:
                FileIO.out("\n")
                quit = true
            case .terminated(let signal):
                status = 128 + signal
                quit = true
            }
        }
        closeOutput()
        return status
    }

    /// Handles one line typed at the prompt: a dot-command, or part of a statement.
    mutating func enter(_ line: String) {
        if !reader.isContinuing, DotCommand.isCommandLine(line) {
            remember(line)
            command(Source(name: "", text: line))
            return
        }
        guard let (text, _) = reader.add(line) else { return }
        guard text.contains(where: { !$0.isWhitespace }) else { return }
        remember(text)
        statement(Source(name: "", text: text))
        if lesson != nil { judge(text) }
    }

    /// Adds an entry to the history in memory and on disk; warns once if the file cannot be written.
    mutating func remember(_ entry: String) {
        editor.remember(entry)
        if let warning = historyFile?.append(entry) { FileIO.error(warning + "\n") }
    }

    /// Runs one statement (or several on one line), timing it if `.timer on`.
    mutating func statement(_ source: Source) {
        runner.session.color = runner.outputFile == nil && Paths.colorAllowed(on: 1)
        runner.session.layout.width = runner.outputFile == nil && Terminal.isTerminal(1) ? Terminal.columns(1) : nil
        runner.printedResult = false
        let clock = ContinuousClock()
        let start = clock.now
        runner.run(source)
        if timer { FileIO.out("time: \(Shell.milliseconds(clock.now - start)) ms\n") }
    }

    static func milliseconds(_ d: Duration) -> String {
        let micro = d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
        return Dec(Int128(micro), scale: 3).formatted(places: 3)
    }

    /// Runs a script inside the shell: its statements and dot-commands, errors as `FILE:LINE:COL`.
    /// `origin` is the `.read` command that asked for it, where errors about the file point.
    mutating func runScript(_ path: String, from origin: Source? = nil) {
        let origin = origin ?? Source(name: "", text: "")
        let span = origin.text.isEmpty ? nil : DotCommand.split(origin).last?.span
        let canonical = canonicalPath(path)
        guard !reading.contains(canonical) else {
            return fail(Diagnostic(.invalidArgument, "'\(path)' is already being read: a script cannot .read itself", at: span,
                                   hints: ["remove the .read of '\(path)' from the scripts it runs"]), in: origin)
        }
        guard reading.count < 16 else {
            return fail(Diagnostic(.limit, ".read nests more than 16 scripts deep", at: span), in: origin)
        }
        guard let script = LineReader(path: path) else {
            return fail(Diagnostic(.invalidArgument, "cannot read '\(path)': \(FileIO.lastError())", at: span,
                                   hints: ["check the path; Tab completes file names after .read"]), in: origin)
        }
        reading.append(canonical)
        defer { reading.removeLast() }
        var lines = StatementReader()
        var number = 0
        while let line = script.next() {
            number += 1
            if quit { return }
            if Terminal.interrupted {
                return FileIO.error("iijq: interrupted: stopped reading \(path) at line \(number)\n")
            }
            if !lines.isContinuing, DotCommand.isCommandLine(line) {
                lines.skipLine()
                command(Source(name: path, text: line, firstLine: number))
            } else if let (statement, first) = lines.add(line) {
                self.statement(Source(name: path, text: statement, firstLine: first))
            }
        }
        if let (statement, first) = lines.flush() { self.statement(Source(name: path, text: statement, firstLine: first)) }
    }

    /// Reports an error that belongs to no query source.
    func fail(_ d: Diagnostic, in source: Source = Source(name: "", text: "")) {
        FileIO.error(d.render(in: source, color: runner.colorErrors))
    }

    /// Sends results back to the terminal, moving a finished `.output` file into place.
    mutating func closeOutput() {
        if let problem = runner.closeOutput() { FileIO.error("iijq: \(problem)\n") }
    }
}
