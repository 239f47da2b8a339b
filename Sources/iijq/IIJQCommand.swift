import ArgumentParser
import IIJQ

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
            With no query and no script, iijq opens the interactive shell when standard input is a
            terminal, and otherwise reads statements from standard input.

            Examples:
              iijq -c 'revenue @ 1Q24 by segment'
              iijq -c 'yoy(revenue) @ 1Q24' --format json
              iijq report.iq
              printf 'revenue @ 1Q24\\n' | iijq
            """,
        version: version
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run a query (repeatable).", valueName: "query"))
    var command: [String] = []

    @Option(help: "Output format: table, csv, tsv, json or markdown.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Load more facts from a .facts file beside the embedded ones (repeatable).", valueName: "file"))
    var facts: [String] = []

    @Option(help: ArgumentHelp("Write every fact (embedded and --facts) to standard output and exit.", valueName: "csv"))
    var export: FactExport.Format?

    @Flag(help: "Stop at the first statement that fails.")
    var bail = false

    @Flag(name: .customShort("q"), help: "Do not print the shell's banner.")
    var quiet = false

    @Argument(help: ArgumentHelp("Script files to run, in order.", valueName: "file"))
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
                FileIO.out(fullMessage(for: error) + "\n")
                Glibc.exit(0)
            }
            FileIO.error("iijq: \(message(for: error))\nusage: iijq [-c QUERY]... [--format FORMAT] [--facts FILE]... [--bail] [FILE]...\nSee 'iijq --help'.\n")
            Glibc.exit(2)
        }
    }

    mutating func run() throws {
        var runner = Runner(format: format, bail: bail)
        runner.loadFacts(extra: facts)
        if let export {
            switch export {
            case .csv: FileIO.out(FactExport.csv(runner.session.base))
            }
            if runner.failed { throw ExitCode(1) }
            return
        }
        if !command.isEmpty {
            for (i, query) in command.enumerated() {
                runner.run(Source(name: command.count > 1 ? "-c#\(i + 1)" : "", text: query))
                if runner.stopped { break }
            }
        } else if !scripts.isEmpty {
            for path in scripts {
                guard let text = FileIO.read(path) else {
                    FileIO.error("iijq: cannot read '\(path)': \(FileIO.lastError())\n")
                    runner.failed = true
                    if bail { break } else { continue }
                }
                runner.run(Source(name: path, text: text))
                if runner.stopped { break }
            }
        } else if isatty(0) == 1 {
            var shell = Shell(runner: runner, quiet: quiet)
            shell.run()
            return
        } else {
            runner.runStandardInput()
        }
        if runner.failed { throw ExitCode(1) }
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension FactExport.Format: ExpressibleByArgument {}
