import IIJQ

#if canImport(Glibc)
import Glibc
#endif

/// Runs sources through a session and prints what they produce: results to standard output,
/// errors (`FILE:LINE:COL: error: …`) to standard error.
struct Runner {
    var session: Session
    let bail: Bool
    /// Whether any statement failed.
    var failed = false
    /// Set when `--bail` stopped the run.
    var stopped = false
    var printedResult = false
    var colorErrors = false

    init(format: OutputFormat, bail: Bool) {
        session = Session(base: FactBase())
        session.format = format
        self.bail = bail
    }

    /// Loads the embedded facts and any `--facts` files, reporting problems (which make the exit status 1).
    mutating func loadFacts(extra paths: [String]) {
        var extra: [(name: String, text: String)] = []
        for path in paths {
            guard let text = FileIO.read(path) else {
                FileIO.error("iijq: cannot read facts file '\(path)': \(FileIO.lastError())\n")
                failed = true
                continue
            }
            extra.append((path, text))
        }
        let (base, problems, suppressed) = FactBase.load(extra: extra)
        for p in problems { FileIO.error(p.render()) }
        if suppressed > 0 { FileIO.error("iijq: \(suppressed) more problems in the fact files not shown\n") }
        if !problems.isEmpty { failed = true }
        session.base = base
    }

    /// Runs every statement of `source`.
    mutating func run(_ source: Source) {
        for outcome in session.run(source, bail: bail) {
            show(outcome, in: source)
            if case .failure = outcome, bail { stopped = true; return }
        }
    }

    mutating func show(_ outcome: Session.Outcome, in source: Source) {
        switch outcome {
        case .output(let text, let notes):
            let machine = session.format != .table && session.format != .markdown
            if printedResult, !machine { FileIO.out("\n") }
            FileIO.out(text)
            printedResult = true
            for n in notes {
                if machine { FileIO.error("note: \(n)\n") } else { FileIO.out("note: \(n)\n") }
            }
        case .defined:
            break
        case .failure(let d):
            failed = true
            FileIO.error(d.render(in: source, color: colorErrors))
        }
    }

    /// Reads statements from standard input line by line, running each as soon as it is complete.
    mutating func runStandardInput() {
        var reader = StatementReader()
        while let line = readLine(strippingNewline: true) {
            if let (text, first) = reader.add(line) {
                run(Source(name: "<stdin>", text: text, firstLine: first))
                if stopped { return }
            }
        }
        if let (text, first) = reader.flush() { run(Source(name: "<stdin>", text: text, firstLine: first)) }
    }
}
