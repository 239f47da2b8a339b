import IIJQ
import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// The Markdown file a session is recorded to (`.transcript FILE.md`, `--transcript FILE.md`):
/// written as it goes, each statement as it is answered, so what was said survives the session.
final class Transcript {
    let path: String
    private let fd: Int32
    private var writer = TranscriptWriter()
    /// Why writing stopped, once it has (said once).
    private(set) var failure: String?

    /// Creates (or empties) the file at `path`; throws what is wrong when it cannot be written.
    init(path: String) throws(OutputFileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFileError(message: "cannot write the transcript '\(visibleText(path))': \(lastErrorMessage())") }
        self.path = path
        self.fd = fd
        write(TranscriptWriter.heading)
    }

    deinit { close(fd) }

    /// Records the statements of `source` and what they gave.
    func record(_ source: Source, outcomes: [Session.Outcome], answers: [Answer]) {
        let errors = outcomes.compactMap { outcome -> String? in
            if case .failure(let d) = outcome { return d.render(in: source, color: false) }
            return nil
        }
        write(writer.entry(source: source.text, outcomes: outcomes, answers: answers, errors: errors))
    }

    private func write(_ text: String) {
        guard failure == nil else { return }
        if !Terminal.write(fd, text) { failure = "cannot write the transcript '\(visibleText(path))': \(lastErrorMessage())" }
    }
}

extension Runner {
    /// Records the session from now on to the Markdown file at `path` (a transcript being kept is
    /// closed first); returns what is wrong when it cannot be written. Nil `path` just closes it.
    public mutating func startTranscript(_ path: String?) -> String? {
        transcript = nil
        guard let path else { return nil }
        if path.hasPrefix("|") { return "a transcript is a file, not a command: '\(visibleText(path))'" }
        do { transcript = try Transcript(path: path) } catch { return error.message }
        return nil
    }
}
