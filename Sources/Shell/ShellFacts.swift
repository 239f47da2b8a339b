import IIJQ
import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// `.facts FILE` in the shell: a load you can watch, stop and redo.
extension Shell {
    /// Loads `path` beside the facts in use, or again in place of what it gave before. In the
    /// interactive shell a load that takes more than half a second says so on the terminal, with
    /// the file's size and the seconds gone, and Ctrl-C stops it, leaving the facts as they were.
    mutating func loadFacts(_ path: String) {
        let previous = runner.factFiles.filter { canonicalPath($0) == canonicalPath(path) }
        let before = Runner.factCount(from: previous, in: runner.session.base)
        let shown = visibleText(path)
        let watch = editor == nil ? nil : Shell.progress(for: shown, bytes: Shell.fileSize(path))
        switch runner.loadFacts(extra: [path], watch: watch) {
        case .loaded:
            let now = Runner.factCount(from: [path], in: runner.session.base)
            let total = Dec(runner.session.base.facts.count).formatted()
            if previous.isEmpty {
                say("loaded \(shown): \(Shell.facts(now)) added, \(total) in all")
            } else {
                say("loaded \(shown) again: its \(Shell.facts(before)) replaced by \(Shell.facts(now)), \(total) in all")
            }
        case .failed:
            say("\(shown) was not loaded; the facts are as they were")
        case .cancelled:
            runner.fail()
            say("loading \(shown) cancelled by Ctrl-C; the facts are as they were")
        }
    }

    /// "1 fact", "2,001 facts".
    static func facts(_ n: Int) -> String {
        "\(Dec(n).formatted()) \(n == 1 ? "fact" : "facts")"
    }

    /// The size of the file at `path` in bytes, or 0.
    static func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// The watch of a load in the shell: after half a second, one line on standard error (when it
    /// is a terminal), rewritten each second and cleared at the end; Ctrl-C stops the waiting.
    static func progress(for name: String, bytes: Int) -> Runner.LoadWatch {
        let terminal = Terminal.isTerminal(2)
        let size = Dec(Int128(bytes / 100_000), scale: 1).formatted(places: 1)
        var shownSeconds = -1
        return Runner.LoadWatch(waiting: { elapsed in
            let seconds = Int(elapsed.components.seconds)
            guard terminal, elapsed >= .milliseconds(500), seconds != shownSeconds else { return }
            shownSeconds = seconds
            Terminal.write(2, "\r\u{1B}[Kloading \(name) (\(size) MB)… \(seconds) s · Ctrl-C cancels")
        }, cancelled: {
            Terminal.interrupted
        }, finished: {
            if terminal, shownSeconds >= 0 { Terminal.write(2, "\r\u{1B}[K") }
        })
    }
}
