import IIJQ
import LineEditor

/// Scripts, standard input and `-c`: one runner for lines of statements and dot-commands,
/// wherever they come from.
extension Shell {
    /// Whether the run is over: `.quit`, or (outside the interactive shell) `--bail` after a failure.
    public var isStopped: Bool { quit || (editor == nil && runner.stopped) }

    /// Runs lines of statements and dot-commands, one language whether they come from a script,
    /// standard input, `-c`, `.read` or init.iq: a line that starts with `.` between statements
    /// is a dot-command; other lines gather into statements. Errors read NAME:LINE:COL.
    ///
    /// `next` gives each line and whether a line break ended it. A statement that a line break
    /// ends is parsed with that line break, so it reads as it would in the whole text (`revenue @`
    /// then a new line is "expected a period, but found the end of the line").
    mutating func run(lines next: () -> (text: String, broken: Bool)?, name: String) {
        var reader = StatementReader()
        var number = 0
        while !isStopped, let (line, broken) = next() {
            number += 1
            if Terminal.interrupted {
                return runner.sink.error("iijq: interrupted: stopped reading \(visibleText(name)) at line \(number)\n")
            }
            if !reader.isContinuing, DotCommand.isCommandLine(line) {
                reader.skipLine()
                command(Source(name: name, text: line, firstLine: number))
            } else if let (text, first) = reader.add(line) {
                statement(Source(name: name, text: broken ? text + "\n" : text, firstLine: first))
            }
        }
        if !isStopped, let (text, first) = reader.flush() { statement(Source(name: name, text: text, firstLine: first)) }
    }

    /// Runs the text of one `-c` option, line by line; `name` is what its errors are prefixed with.
    public mutating func run(text: String, name: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var i = 0
        run(lines: {
            defer { i += 1 }
            return i < lines.count ? (String(lines[i]), i < lines.count - 1) : nil
        }, name: name)
    }

    /// Reads statements from standard input line by line, running each as soon as it is complete.
    public mutating func runStandardInput() {
        let input = LineReader()
        run(lines: input.next, name: "<stdin>")
        stopped(input, name: "<stdin>")
    }

    /// Runs a script named on the command line, as it is read; when it cannot be read, says so
    /// and the run has failed (`--bail` stops it).
    public mutating func runScript(_ path: String) {
        guard let script = LineReader(path: path) else {
            runner.sink.error("iijq: cannot read '\(visibleText(path))': \(FileIO.lastError())\n")
            return runner.fail()
        }
        run(script, path: path)
    }

    /// Runs a script from within a run: `.read FILE`, or init.iq when `origin` is nil. `origin`
    /// is the `.read` command that asked for it, where errors about the file point.
    mutating func read(_ path: String, from origin: Source?) {
        let origin = origin ?? Source(name: "", text: "")
        let span = origin.text.isEmpty ? nil : DotCommand.split(origin).last?.span
        guard !reading.contains(canonicalPath(path)) else {
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
        // In the shell a script read with `.read` shows each statement before its result.
        let echoing = echo
        echo = editor != nil && !origin.text.isEmpty
        defer { echo = echoing }
        run(script, path: path)
    }

    /// Runs the lines of a script file, which `.read` may not read again while it runs.
    mutating func run(_ script: LineReader, path: String) {
        reading.append(canonicalPath(path))
        defer { reading.removeLast() }
        run(lines: script.next, name: path)
        stopped(script, name: path)
    }

    /// Reports why `reader` stopped before the end of its input (a read error, a line longer
    /// than a statement may be, Ctrl-C): a failure, not the end.
    mutating func stopped(_ reader: LineReader, name: String) {
        guard let problem = reader.problem, !isStopped else { return }
        fail(Diagnostic(.limit, problem, hints: ["give iijq a text file of statements, one or more a line"]),
             in: Source(name: name, text: ""))
    }
}
