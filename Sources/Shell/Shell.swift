import IIJQ
import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// Runs lines of the language wherever they come from: the interactive prompt, a script
/// (`iijq FILE`, `.read`, init.iq), standard input or `-c` (see `run(lines:name:)`).
///
/// Lines that start with `.` are dot-commands (see `DotCommand`); everything else is the query
/// language, gathered into whole statements by `StatementReader`. The interactive shell reads
/// with line editing and keeps the history; without a terminal there is no line editor, and the
/// commands that need one (`DotCommand.needsTerminal`) are errors.
public struct Shell {
    public internal(set) var runner: Runner
    /// The line editor of the interactive shell; nil for scripts, standard input and `-c`.
    let editor: LineEditor?
    var historyFile: HistoryFile?
    var reader = StatementReader()
    var timer = false
    /// Scripts being run by `.read` (canonical paths), to stop a script that reads itself.
    var reading: [String] = []
    /// Whether each statement is shown before its result: in the shell, for a script `.read` runs.
    var echo = false
    /// Whether results taller than the terminal go through a pager (`.pager on|off`).
    var pager = true
    var quit = false
    /// The tour lesson in progress (an index into `Tour.lessons`), while `.tour` is on.
    var lesson: Int?

    /// Rows a table shows in the shell unless `--max-rows` or `.maxrows` says otherwise.
    public static let defaultMaxRows = 100

    static let prompt = "iijq> "
    static let continuationPrompt = "  ...> "

    /// Runs scripts, standard input or `-c` queries: no line editor, no history, no prompt.
    public init(runner: Runner) {
        self.runner = runner
        editor = nil
    }

    /// Opens the interactive shell on the terminal; nil when libedit cannot start.
    public init?(terminal runner: Runner) {
        let size = Paths.historySize
        guard let editor = LineEditor(program: "iijq", historySize: size.entries) else { return nil }
        self.runner = runner
        self.editor = editor
        self.runner.colorErrors = Paths.colorAllowed(on: 2)
        // At the prompt each note is one line, cut to the terminal's width; `.why` shows them whole.
        self.runner.notesMode = .short
        self.runner.session.isCancelled = { Terminal.interrupted }
        if let warning = size.warning { FileIO.error(visibleText(warning) + "\n") }
        if let path = Paths.history, size.keepFile {
            var file = HistoryFile(path: path, capacity: size.entries)
            for entry in file.load() { editor.remember(entry) }
            if let reason = file.disabled { FileIO.error(visibleText(file.warning(reason)) + "\n") }
            historyFile = file
        }
    }

    /// Runs the shell until `.quit`, Ctrl-D, SIGTERM or SIGHUP; returns the exit status.
    /// `banner` is the version to announce, or nil for none (`-q`).
    public mutating func run(banner version: String?, initScript: String?) -> Int32 {
        if let version {
            FileIO.out("iijq \(version) · \(factsLine) · .help for help, Ctrl-D to leave\n")
        }
        if let path = initScript ?? Paths.initScript.flatMap({ Paths.exists($0) ? $0 : nil }) {
            read(path, from: nil)
        }
        guard let editor else { return 0 }
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

    /// What the banner says of the facts: the embedded ones as IIJ's published results, and those
    /// of `--facts` files apart, as the user's.
    var factsLine: String {
        let files = runner.factFiles
        let user = Runner.factCount(from: files, in: runner.session.base)
        let embedded = "\(Dec(runner.session.base.facts.count - user).formatted()) facts from IIJ's published results"
        guard !files.isEmpty else { return embedded }
        let from = files.count == 1 ? visibleText(files[0]) : "\(files.count) files"
        return embedded + " + \(Shell.facts(user)) of yours from \(from)"
    }

    /// Handles one line typed at the prompt: a dot-command, or part of a statement.
    mutating func enter(_ line: String) {
        // `help`, `exit`, `\q`, `\d` … as other shells mean them.
        let typed = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        if !reader.isContinuing, let meant = DotCommand.peerLine(typed) {
            remember(line)
            say("(\(typed) is \(meant) in iijq)")
            return DotCommand.isCommandLine(meant) ? command(Source(name: "", text: meant)) : statement(Source(name: "", text: meant))
        }
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
        editor?.remember(entry)
        if let warning = historyFile?.append(entry) { FileIO.error(visibleText(warning) + "\n") }
    }

    /// Runs one statement (or several on one line), timing it if `.timer on`. In the interactive
    /// shell each is shown on its own, in colour and fitted to the terminal when results go there;
    /// elsewhere results follow one another as `Runner` prints them.
    mutating func statement(_ source: Source) {
        if editor != nil {
            runner.session.color = runner.outputFile == nil && Paths.colorAllowed(on: 1)
            runner.session.layout.width = runner.outputFile == nil && Terminal.isTerminal(1) ? Terminal.columns(1) : nil
            runner.printedResult = false
        }
        if echo, !runner.session.format.isMachine {
            // Line by line, each through the sanitiser (which shows a line break as a symbol).
            let lines = source.text.split(separator: "\n").map { visibleText($0) }
            runner.emit("\(visibleText(source.name)):\(source.firstLine)> " + lines.joined(separator: "\n    ") + "\n")
        }
        // Results for the terminal are gathered and paged when taller than it (`.pager on`).
        let paging = editor != nil && pager && runner.outputFile == nil && Terminal.isTerminal(1)
        var gathered = ""
        let out = runner.sink.out
        if paging { runner.sink.out = { gathered += $0 } }
        let clock = ContinuousClock()
        let start = clock.now
        let statements = runner.run(source)
        if paging {
            runner.sink.out = out
            Pager.show(gathered)
        }
        // In the shell a file that cannot be written (a full disk, /dev/full) is said at once and
        // results go back to the terminal; a script or -o says it when the run ends.
        if editor != nil, runner.outputFile?.writeFailure != nil {
            closeOutput()
            runner.fail()
        }
        // A line with no statement (a comment) took no time worth showing.
        if timer, statements > 0 { say("time: \(Shell.milliseconds(clock.now - start)) ms") }
    }

    static func milliseconds(_ d: Duration) -> String {
        let micro = d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
        return Dec(Int128(micro), scale: 3).formatted(places: 3)
    }

    /// Reports an error that belongs to no statement (a dot-command's); the run has failed, and
    /// `--bail` stops it.
    mutating func fail(_ d: Diagnostic, in source: Source = Source(name: "", text: "")) {
        runner.fail()
        runner.report(d, in: source)
    }

    /// Sends results back to the terminal, moving a finished `.output` file into place.
    mutating func closeOutput() {
        if let problem = runner.closeOutput() { runner.sink.error("iijq: \(visibleText(problem))\n") }
    }
}
