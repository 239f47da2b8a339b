import IIJQ
import LibeditShim

#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell: a libedit prompt that runs each complete statement.
struct Shell {
    var runner: Runner
    let quiet: Bool

    /// The prompt strings, kept alive for libedit's callback.
    nonisolated(unsafe) static var prompt = strdup("iijq> ")
    static let mainPrompt = "iijq> "
    static let continuationPrompt = "  ...> "

    mutating func run() {
        setlocale(LC_ALL, "")
        guard let el = iijq_el_init("iijq"), let history = iijq_history_init() else {
            runner.runStandardInput()
            return
        }
        defer {
            iijq_history_end(history)
            iijq_el_end(el)
        }
        iijq_el_set_editor(el, "emacs")
        iijq_el_set_int(el, EL_SIGNAL, 1)
        iijq_history_set_size(history, 10_000)
        iijq_history_set_unique(history, 1)
        iijq_el_set_history(el, history)
        iijq_el_set_prompt(el) { _ in Shell.prompt }
        iijq_el_source(el, nil)
        runner.colorErrors = getenv("NO_COLOR") == nil && isatty(2) == 1
        if !quiet {
            FileIO.out("iijq \(IIJQCommand.version) — \(runner.session.base.facts.count) facts from IIJ's published results. Type a query, or Ctrl-D to leave.\n")
        }
        var reader = StatementReader()
        while true {
            setPrompt(reader.isContinuing ? Shell.continuationPrompt : Shell.mainPrompt)
            var count: Int32 = 0
            guard let raw = el_gets(el, &count) else {
                if errno == EINTR { reader = StatementReader(); FileIO.out("\n"); continue }
                FileIO.out("\n")
                break
            }
            var line = String(cString: raw)
            if line.hasSuffix("\n") { line.removeLast() }
            if !reader.isContinuing, [".quit", ".exit"].contains(line.trimmingCharacters()) { break }
            if let (text, _) = reader.add(line) {
                if !text.trimmingCharacters().isEmpty { iijq_history_enter(history, text) }
                runner.printedResult = false
                runner.run(Source(name: "", text: text))
            }
        }
    }

    func setPrompt(_ text: String) {
        free(Shell.prompt)
        Shell.prompt = strdup(text)
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
