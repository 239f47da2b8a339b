import IIJQ
import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// Runs sources through a session and prints what they produce: results to standard output,
/// errors (`FILE:LINE:COL: error: …`) to standard error, through `sink`.
public struct Runner {
    /// Where a run's text goes: the standard streams, or in the tests a capture of what a run
    /// would print, laid out exactly as it would be.
    public struct Sink {
        /// Standard output: results (when no `.output` file is open), help and status lines.
        public var out: (String) -> Void
        /// Standard error: errors, warnings, and notes in the machine formats.
        public var error: (String) -> Void
        /// Told of each error before it is printed, with its reason, place and hints.
        public var failure: (Diagnostic) -> Void

        public init(out: @escaping (String) -> Void, error: @escaping (String) -> Void, failure: @escaping (Diagnostic) -> Void = { _ in }) {
            self.out = out
            self.error = error
            self.failure = failure
        }

        /// The process's standard output and standard error.
        public static var standard: Sink { Sink(out: FileIO.out, error: FileIO.error) }
    }

    public var session: Session
    public var sink = Sink.standard
    /// `--bail`: stop at the first statement that fails.
    let bail: Bool
    /// Whether any statement (or dot-command) failed.
    public var failed = false
    /// Set when `--bail` stopped the run.
    public var stopped = false
    var printedResult = false
    var colorErrors = false
    /// The `--facts` and `.facts` files loaded beside the embedded facts.
    var factFiles: [String] = []
    /// Where results go instead of standard output (the shell's `.output FILE`).
    var outputFile: OutputFile?
    /// The Markdown file the statements and their results are recorded to (`.transcript FILE`).
    var transcript: Transcript?
    /// How notes under a result are shown (`.notes`); the shell sets `.short`.
    var notesMode = NotesMode.on
    /// The notes of the last result, whole, for `.why`.
    var lastNotes: [String] = []
    /// The stocks whose reading note the shell has shown this session: it is not repeated.
    var explainedStocks: Set<String> = []

    /// A run on the embedded facts (loaded by `loadFacts`) in `format`.
    public init(format: OutputFormat, bail: Bool) {
        var session = Session(base: FactBase())
        session.format = format
        self.init(session: session, bail: bail)
    }

    /// A run in `session`, keeping its facts, definitions and format.
    public init(session: Session, bail: Bool = false) {
        self.session = session
        self.bail = bail
    }

    /// Loads the embedded facts and the `paths` fact files beside those already loaded, reporting
    /// problems (which make the exit status 1). Returns false, keeping the facts as they were,
    /// when a file cannot be read or has problems.
    @discardableResult
    public mutating func loadFacts(extra paths: [String]) -> Bool {
        loadFacts(extra: paths, watch: nil) == .loaded
    }

    /// `loadFacts(extra:)`, waiting as `watch` says when there is one. A file loaded before is
    /// read again and its facts replace the ones it gave (its declarations are not "declared
    /// twice"). A file that is not loaded, for whatever reason, leaves the facts as they were.
    public mutating func loadFacts(extra paths: [String], watch: LoadWatch?) -> FactLoadResult {
        let again = Set(paths.map(canonicalPath))
        let kept = factFiles.filter { !again.contains(canonicalPath($0)) }
        guard let outcome = watch.map({ FactLoad.run(kept + paths, watch: $0) }) ?? FactLoad.run(kept + paths) else { return .cancelled }
        for (path, message) in outcome.unreadable {
            sink.error("iijq: cannot read facts file '\(visibleText(path))': \(message)\n")
            failed = true
        }
        let complete = outcome.unreadable.isEmpty
        // At start-up the embedded facts load even beside a broken file; later, a broken file changes nothing.
        guard complete || session.base.facts.isEmpty else { return .failed }
        for p in outcome.problems {
            sink.failure(p.diagnostic)
            sink.error(p.render())
        }
        if let unreported = outcome.unreported { sink.error("iijq: fact files: \(unreported)\n") }
        for problem in outcome.unchecked { sink.error("iijq: fact files: \(visibleText(problem))\n") }
        let problems = outcome.problems.map { _ in "" } + outcome.unchecked
        if !problems.isEmpty { failed = true }
        if problems.isEmpty || session.base.facts.isEmpty {
            session.base = outcome.base
            let unreadable = Set(outcome.unreadable.map(\.path))
            factFiles = (kept + paths).filter { !unreadable.contains($0) }
        }
        return complete && problems.isEmpty ? .loaded : .failed
    }

    /// Marks the run failed by something other than a statement (a dot-command, a script that
    /// cannot be read); `--bail` stops it.
    mutating func fail() {
        failed = true
        if bail { stopped = true }
    }

    /// Runs every statement of `source`, recording them to the transcript if one is kept;
    /// returns how many statements (and parse errors) there were.
    @discardableResult
    public mutating func run(_ source: Source) -> Int {
        session.keepsAnswers = transcript != nil
        var shown: [Session.Outcome] = []
        for outcome in session.run(source, bail: bail) {
            show(outcome, in: source)
            shown.append(outcome)
            if case .failure = outcome, bail { stopped = true; break }
        }
        transcript?.record(source, outcomes: shown, answers: session.answers)
        session.answers = []
        if let problem = transcript?.failure {
            transcript = nil
            failed = true
            sink.error("iijq: \(problem); the transcript is closed\n")
        }
        return shown.count
    }

    mutating func show(_ outcome: Session.Outcome, in source: Source) {
        switch outcome {
        case .output(let text, let notes):
            let machine = session.format.isMachine
            // Results in a Markdown file stand apart, or a table runs into the next one.
            if printedResult || (session.format == .markdown && outputFile?.hasText == true), !machine { emit("\n") }
            emit(text)
            printedResult = true
            lastNotes = notes
            if machine {
                for n in notes { sink.error("note: \(n)\n") }
            } else {
                let shown = notesMode == .short ? onceEach(notes) : notes
                emit(Runner.noteLines(shown, mode: notesMode, width: outputFile == nil ? session.layout.width : nil, marked: text.contains(Runner.gapMark)))
            }
        case .defined:
            break
        case .failure(let d):
            failed = true
            report(d, in: source)
        }
    }

    /// Prints an error, rendered against the source it points into.
    func report(_ d: Diagnostic, in source: Source) {
        sink.failure(d)
        sink.error(d.render(in: source, color: colorErrors))
    }

    /// Writes result text to the output file, if one is open, or to standard output.
    public func emit(_ text: String) {
        if let outputFile { outputFile.write(text) } else { sink.out(text) }
    }

    /// Sends results to the file at `path` from now on, through a temporary file beside it;
    /// returns what is wrong when it cannot be written.
    public mutating func openOutput(_ path: String) -> String? {
        do { outputFile = try OutputFile(path: path) } catch { return error.message }
        return nil
    }

    /// Ends the output file: moves it into place when `keep`, or abandons it, leaving whatever
    /// was there before. Returns what went wrong, if anything.
    public mutating func closeOutput(keep: Bool = true) -> String? {
        guard let file = outputFile else { return nil }
        outputFile = nil
        guard keep else { file.discard(); return nil }
        do { try file.commit() } catch { return error.message }
        return nil
    }
}
