import IIJQ
import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// `.tour`: the guided tour in the shell. A lesson explains, runs its example and asks for a
/// variant; each statement typed while the tour is on is judged by its result (`Tour.check`).
extension Shell {
    mutating func tour(_ step: DotCommand.TourStep, _ source: Source) {
        switch step {
        case .resume:
            let saved = Shell.savedLesson()
            if saved > Tour.lessons.count { say("You finished the tour before; here it is again from the start.") }
            start(saved > Tour.lessons.count ? 0 : saved - 1)
        case .lesson(let n): start(n - 1)
        case .next:
            guard let current = lesson else { return notTouring(source) }
            advance(from: current)
        case .hint:
            guard let current = lesson else { return notTouring(source) }
            say("hint: " + Tour.lessons[current].hint)
        case .off:
            guard let current = lesson else { return notTouring(source) }
            lesson = nil
            say("Tour paused at lesson \(current + 1). `.tour` carries on from there, `.tour N` goes to lesson N.")
        }
    }

    mutating func notTouring(_ source: Source) {
        fail(Diagnostic(.invalidArgument, "the tour is not on", at: DotCommand.split(source).last?.span,
                        hints: ["`.tour` starts it, or carries on where you left off"]), in: source)
    }

    mutating func start(_ index: Int) {
        lesson = index
        Shell.saveLesson(index + 1)
        let l = Tour.lessons[index]
        var out = "\nLesson \(l.number) of \(Tour.lessons.count) · \(l.title)\n\n" + l.text + "\n  iijq> \(l.example)\n"
        out += Shell.indented(example(l.example)) + "\n"
        out += "Your turn: \(l.task)\n"
        if index == 0 { out += "(Type a query. `.tour hint` gives a hint, `.tour next` skips, `.tour off` pauses; `.tour N` goes to lesson N.)\n" }
        FileIO.out(out)
    }

    /// What the example prints, run in the learner's session (so their definitions count).
    func example(_ query: String) -> String {
        var session = runner.session
        session.color = false
        let source = Source(name: "", text: query)
        var out = ""
        for outcome in session.run(source) {
            switch outcome {
            case .output(let text, let notes): out += text + notes.map { "note: \($0)\n" }.joined()
            case .defined: break
            case .failure(let d): out += d.render(in: source)
            }
        }
        return out
    }

    static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }

    /// Judges a statement the learner ran during a lesson.
    mutating func judge(_ text: String) {
        guard let current = lesson else { return }
        switch Tour.check(text, for: Tour.lessons[current], in: runner.session) {
        case .notAnAnswer: return
        case .correct:
            say("✓ Right.")
            advance(from: current)
        case .wrong(let reason):
            say("✗ Not quite: \(reason).\nhint: \(Tour.lessons[current].hint)")
        }
    }

    mutating func advance(from current: Int) {
        guard current + 1 < Tour.lessons.count else {
            lesson = nil
            Shell.saveLesson(Tour.lessons.count + 1)
            return say("""

                That was the last lesson: facts, dimensions, periods, breakdowns, growth, ratios, targets
                and sources. `metrics` lists everything the fact base holds, `.help` lists the topics, and
                Examples/ holds scripts to start from.
                """)
        }
        start(current + 1)
    }

    /// The lesson to carry on with (1-based); past the last when the tour was finished.
    static func savedLesson() -> Int {
        guard let path = Paths.tourProgress, let text = try? FileIO.read(path, limit: 64).get(),
              let n = Int(text.filter { $0.isNumber }), n >= 1 else { return 1 }
        return n
    }

    static func saveLesson(_ n: Int) {
        guard let path = Paths.tourProgress else { return }
        guard makeDirectory(of: path), let file = try? AtomicFile(target: path, newFileMode: 0o600) else { return }
        file.write("\(n)\n")
        try? file.commit()
    }
}
