import ArgumentParser
import IIJQ
import Shell

#if canImport(Glibc)
import Glibc
#endif

/// Query IIJ's published business metrics: one-shot, from scripts, or in an interactive shell.
@main
struct IIJQCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "iijq",
        abstract: "Query IIJ's published business metrics: exact, cited, checked.",
        discussion: """
            With no query and no script, iijq opens the interactive shell when standard input is \
            a terminal, and otherwise reads statements from standard input, one per line, with no \
            prompts. In the shell, .help lists the help topics; 'iijq --help-topic list' prints \
            the same list here.

            Examples:
              iijq -c 'revenue @ 1Q24 by segment'
              iijq -c 'yoy(revenue) @ 1Q24' --format json
              iijq -c 'revenue @ 1Q23..1Q24 by segment' --format csv > revenue.csv
              iijq --bail report.iq
              printf 'revenue @ 1Q24\\n' | iijq
              iijq --catalog text

            Files:
              ~/.config/iijq/init.iq       run before the shell's first prompt,
                                           unless --init names another file;
                                           $XDG_CONFIG_HOME/iijq/init.iq if set
              ~/.local/state/iijq/history  the shell's history, mode 0600;
                                           $XDG_STATE_HOME/iijq/history if set
              ~/.editrc                    libedit settings: 'bind -v' for vi keys

            Environment:
              IIJQ_HISTORY       the history file; set but empty, none is kept
              IIJQ_HISTORY_SIZE  history entries to keep (default 10000; 0: no file)
              XDG_STATE_HOME     the history is $XDG_STATE_HOME/iijq/history
              XDG_CONFIG_HOME    the init file is $XDG_CONFIG_HOME/iijq/init.iq
              EDITRC             libedit settings file instead of ~/.editrc
              NO_COLOR           set and not empty: no colour, even on a terminal

            Exit status:
              0      every statement succeeded; the shell left by .quit or Ctrl-D
              1      a statement failed, or a script or facts file was unreadable
              2      a usage error: unknown option, bad value, no such help topic
              128+N  the shell was ended by signal N (SIGTERM or SIGHUP)
            """,
        version: version
    )

    @Option(name: .customShort("c"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Run a query (repeatable).", valueName: "query"))
    var command: [String] = []

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @Option(
        help: ArgumentHelp("Load more facts from a .facts file beside the embedded ones (repeatable).", valueName: "file"),
        completion: .file(extensions: ["facts"]))
    var facts: [String] = []

    @Option(
        help: ArgumentHelp("Record the statements and their results as Markdown, every figure with a footnote naming its slide.", valueName: "file"),
        completion: .file(extensions: ["md"]))
    var transcript: String?

    @Option(help: ArgumentHelp(
        "Write every fact (embedded and --facts) to standard output (or --output) and exit: csv, one row per fact, or sql, which creates and fills an indexed SQLite table.",
        valueName: "format"))
    var export: FactExport.Format?

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp(
            "Write results to FILE instead of standard output, whole or not at all: through a temporary file renamed into place, left as it was if --bail stops the run.",
            valueName: "file"),
        completion: .file())
    var output: String?

    @Option(help: ArgumentHelp("Print the catalogue of metrics, dimensions and documents (text or markdown) and exit.", valueName: "format"))
    var catalog: Catalog.Format?

    @Option(
        name: .customLong("help-topic"),
        help: ArgumentHelp("Print a help topic (as .help TOPIC does in the shell) and exit; 'list' names them.", valueName: "topic"),
        completion: .list(["list"] + Help.names))
    var helpTopic: String?

    @Option(help: ArgumentHelp("How csv, tsv and json lay a result out: long, one record per cell, or wide, the pivot as the table shows it (a record per row, a field per period).", valueName: "layout"))
    var layout: RecordLayout = .long

    @Option(help: ArgumentHelp("Name metrics, dimensions and members in tables and charts in English (en) or in Japanese where the fact base declares it (ja).", valueName: "language"))
    var labels: Labels = .en

    @Flag(help: "Stop at the first statement that fails.")
    var bail = false

    @Option(name: .customLong("max-rows"), help: ArgumentHelp("Show at most N rows of a table and say how many more there are.", valueName: "N"))
    var maxRows: Int?

    @Option(help: ArgumentHelp("Show money at one scale (bn, 億円, mn, thousand, yen) instead of each metric's own; auto: each metric's.", valueName: "scale"))
    var scale: String?

    @Flag(help: "Show negative numbers in tables as (1,234) instead of -1,234.")
    var parentheses = false

    @Flag(name: .customShort("q"), help: "Do not print the shell's banner.")
    var quiet = false

    @Option(
        name: .customLong("init"),
        help: ArgumentHelp("Run FILE before the shell's first prompt (default: ~/.config/iijq/init.iq, if present).", valueName: "file"),
        completion: .file(extensions: ["iq"]))
    var initScript: String?

    @Argument(help: ArgumentHelp("Script files to run, in order.", valueName: "file"), completion: .file(extensions: ["iq"]))
    var scripts: [String] = []

    /// Parses the command line and runs; usage errors exit with status 2, failed statements with 1.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                FileIO.out(zshCompletionFixed(fullMessage(for: error)) + "\n")
                Glibc.exit(0)
            }
            FileIO.error("iijq: \(visibleLines(message(for: error)))\nusage: iijq [-c QUERY]... [--format FORMAT] [--facts FILE]... [--bail] [FILE]...\nSee 'iijq --help'.\n")
            Glibc.exit(2)
        }
    }

    /// A message of one or more lines with what came from the command line made visible
    /// (`visibleText`): a `--format` or `--help-topic` value may hold ESC.
    static func visibleLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(visibleText).joined(separator: "\n")
    }

    /// argument-parser 1.8 gives a root command a `help` subcommand in its completion scripts even
    /// when it has no subcommands. In the zsh script that subcommand's rest-argument spec sits
    /// beside the one for the script files, and `_arguments` then fails on every Tab with "doubled
    /// rest argument definition"; so the zsh script (`#compdef`) is printed without the two specs.
    static func zshCompletionFixed(_ text: String) -> String {
        guard text.hasPrefix("#compdef ") else { return text }
        let injected: Set<Substring> = ["'(-): :->command'", "'(-)*:: :->arg'"]
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !injected.contains($0.drop(while: { $0 == " " })) }
            .joined(separator: "\n")
    }

    mutating func run() throws {
        var runner = Runner(format: format, bail: bail)
        if let maxRows {
            guard maxRows >= 0 else { throw ValidationError("--max-rows takes a count of rows, 0 for all") }
            runner.session.layout.maxRows = maxRows == 0 ? nil : maxRows
        }
        runner.session.layout.parentheses = parentheses
        runner.session.labels = labels
        runner.session.layout.records = layout
        if let scale {
            guard scale == "auto" || DisplayUnit.scale(of: scale) != nil else {
                throw ValidationError("--scale takes bn, 億円, mn, thousand, yen or auto, not '\(visibleText(scale))'")
            }
            runner.session.scale = DisplayUnit.scale(of: scale)
        }
        if let helpTopic {
            guard helpTopic != "list" else { return FileIO.out(Help.index) }
            guard let topic = Help.topic(helpTopic) else {
                let names = Help.names
                throw ValidationError("no help topic '\(helpTopic)'\(Suggest.hint(for: helpTopic, in: names).map { "; \($0)" }.joined()); topics: \(names.joined(separator: ", "))")
            }
            return FileIO.out(topic.text + "\n")
        }
        runner.loadFacts(extra: facts)
        if let output, let problem = runner.openOutput(output) {
            FileIO.error("iijq: \(visibleText(problem))\nhelp: -o takes the path of a file in a directory you can write; nothing was run\n")
            throw ExitCode(1)
        }
        if let problem = runner.startTranscript(transcript) {
            FileIO.error("iijq: \(visibleText(problem))\nhelp: --transcript takes the path of a file in a directory you can write; nothing was run\n")
            throw ExitCode(1)
        }
        let status = answer(&runner)
        if let problem = runner.closeOutput(keep: !runner.stopped) {
            FileIO.error("iijq: \(visibleText(problem))\n")
            throw ExitCode(1)
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Prints the catalogue or the export, opens the shell, or runs the queries, the scripts or
    /// standard input; returns the exit status.
    func answer(_ runner: inout Runner) -> Int32 {
        if let catalog {
            let listing = Catalog(base: runner.session.base)
            runner.emit(catalog == .markdown ? listing.markdown() : listing.metrics())
        } else if let export {
            switch export {
            case .csv: runner.emit(FactExport.csv(runner.session.base))
            case .sql: runner.emit(FactExport.sql(runner.session.base))
            }
        } else if command.isEmpty, scripts.isEmpty, isatty(0) == 1 {
            if maxRows == nil { runner.session.layout.maxRows = Shell.defaultMaxRows }
            guard var shell = Shell(terminal: runner) else {
                FileIO.error("iijq: cannot start the line editor on this terminal\n")
                return 1
            }
            return shell.run(banner: quiet ? nil : Self.version, initScript: initScript)
        } else {
            var shell = Shell(runner: runner)
            run(&shell)
            runner = shell.runner
        }
        return runner.failed ? 1 : 0
    }

    /// Runs the `-c` queries, else the scripts, else standard input: lines of statements and
    /// dot-commands, one language for all three.
    func run(_ shell: inout Shell) {
        if !command.isEmpty {
            for (i, query) in command.enumerated() where !shell.isStopped {
                shell.run(text: query, name: command.count > 1 ? "-c#\(i + 1)" : "")
            }
        } else if !scripts.isEmpty {
            for path in scripts where !shell.isStopped {
                shell.runScript(path)
            }
        } else {
            shell.runStandardInput()
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension Labels: ExpressibleByArgument {}
extension RecordLayout: ExpressibleByArgument {}
extension FactExport.Format: ExpressibleByArgument {}
extension Catalog.Format: ExpressibleByArgument {}
