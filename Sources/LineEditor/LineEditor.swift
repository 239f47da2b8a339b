import LibeditShim

#if canImport(Glibc)
import Glibc
#endif

/// A line editor over libedit: prompts, in-memory history, `~/.editrc` key bindings and Tab completion.
///
/// It knows nothing of what is typed: completion asks `completer` for candidates. Create it only
/// when standard input is a terminal; on a pipe libedit reads one byte per system call.
public final class LineEditor {
    /// What one call to `read(prompt:)` produced.
    public enum Input: Equatable, Sendable {
        /// A line, without its newline. A recalled multi-line history entry comes back whole.
        case line(String)
        /// Ctrl-C: the line being typed was discarded.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case endOfInput
        /// SIGTERM or SIGHUP arrived.
        case terminated(Int32)
    }

    /// Candidates for the word before the cursor.
    public struct Completion: Sendable {
        /// How many Unicode scalars before the cursor a candidate replaces (the word typed so far).
        public var replacing: Int
        public var candidates: [String]

        public init(replacing: Int, candidates: [String]) {
            self.replacing = replacing
            self.candidates = candidates
        }
    }

    /// Given the text before the cursor, returns what may complete it.
    public typealias Completer = (_ textBeforeCursor: String) -> Completion

    public var completer: Completer?
    let editor: OpaquePointer
    let history: OpaquePointer
    var prompt: UnsafeMutablePointer<CChar>
    /// The line's earlier states, for C-_.
    var undoHistory = UndoHistory()

    /// Opens the editor on the standard streams; nil if libedit cannot start (no terminal).
    public init?(program: String, historySize: Int) {
        LineEditor.useUTF8Locale()
        guard let editor = iijq_el_init(program) else { return nil }
        guard let history = iijq_history_init() else {
            iijq_el_end(editor)
            return nil
        }
        self.editor = editor
        self.history = history
        prompt = strdup("")
        iijq_history_set_size(history, Int32(clamping: historySize))
        iijq_history_set_unique(history, 1)
        iijq_el_set_editor(editor, "emacs")
        iijq_el_set_int(editor, EL_SIGNAL, 1)
        iijq_el_set_history(editor, history)
        iijq_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        iijq_el_set_prompt(editor) { el in
            guard let el, let data = iijq_el_get_clientdata(el) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().prompt
        }
        iijq_el_add_function(editor, "iijq-complete", "Complete the word before the cursor") { el, _ in
            guard let el, let data = iijq_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().complete()
        }
        redrawRatherThanShift()
        installUndo()
        bindCommonKeys()
        iijq_el_bind(editor, "^I", "iijq-complete")
        iijq_el_source(editor, nil)
        // ~/.editrc may have switched to vi mode, which resets the key maps; in emacs mode its
        // own bindings stay, made after ours.
        if mode == "vi" { bindCommonKeys() }
        iijq_el_bind(editor, "^I", "iijq-complete")
        iijq_signals_install()
    }

    deinit {
        iijq_el_end(editor)
        iijq_history_end(history)
        free(prompt)
    }

    /// Stops libedit inserting and deleting characters with the terminal's own commands.
    ///
    /// With them, a character inserted or deleted before a wide (Japanese) character left the
    /// cursor drawn one column right of where input lands (`a 顧客 abc`, Alt-B, Alt-B, Ctrl-W);
    /// without them libedit redraws the rest of the line, and places the cursor right.
    func redrawRatherThanShift() {
        for capability in ["dc", "DC", "ic", "IC", "im", "ei"] { iijq_el_settc(editor, capability, "") }
    }

    /// libedit drops every non-ASCII key unless the locale's character set is UTF-8.
    static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    /// Shows `prompt` and reads one line with editing.
    public func read(prompt text: String) -> Input {
        free(prompt)
        prompt = strdup(text)
        iijq_signals_clear_interrupt()
        undoHistory.reset()
        if let signal = LineEditor.termination { return .terminated(signal) }
        var count: Int32 = 0
        errno = 0
        let raw = el_gets(editor, &count)
        let failure = errno
        if let signal = LineEditor.termination { return .terminated(signal) }
        guard let raw else {
            if failure == EINTR || iijq_signals_interrupted() != 0 {
                iijq_signals_clear_interrupt()
                return .interrupted
            }
            return .endOfInput
        }
        var line = String(decoding: UnsafeRawBufferPointer(start: raw, count: Int(count)), as: UTF8.self)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// SIGTERM or SIGHUP, once either has arrived.
    static var termination: Int32? {
        let signal = iijq_signals_termination()
        return signal == 0 ? nil : signal
    }

    /// Adds an entry to the in-memory history (a repeat of the newest entry is dropped).
    public func remember(_ entry: String) {
        iijq_history_enter(history, entry)
    }

    /// The in-memory history, oldest first.
    public var entries: [String] { LineEditor.entries(of: history) }

    /// The entries of a libedit history, oldest first.
    static func entries(of history: OpaquePointer) -> [String] {
        var out: [String] = []
        var next = iijq_history_next_oldest(history, 1)
        while let s = next {
            out.append(String(cString: s))
            next = iijq_history_next_oldest(history, 0)
        }
        return out
    }

    /// Clears the screen and puts the cursor at the top.
    public func clearScreen() {
        Terminal.write(1, "\u{1B}[H\u{1B}[2J")
    }

    /// Tab: inserts the only candidate or the candidates' longer common prefix, or lists them.
    func complete() -> UInt8 {
        guard let completer, let info = el_line(editor) else { return UInt8(CC_ERROR) }
        let before = String(decoding: UnsafeRawBufferPointer(start: info.pointee.buffer, count: info.pointee.cursor - info.pointee.buffer), as: UTF8.self)
        let completion = completer(before)
        let typed = String(String.UnicodeScalarView(before.unicodeScalars.suffix(completion.replacing)))
        guard !completion.candidates.isEmpty else { return UInt8(CC_ERROR) }
        let prefix = completion.candidates.count == 1 ? completion.candidates[0] : Columns.commonPrefix(completion.candidates)
        if prefix != typed, prefix.unicodeScalars.count >= typed.unicodeScalars.count {
            el_deletestr(editor, Int32(completion.replacing))
            el_insertstr(editor, prefix)
            return UInt8(CC_REFRESH)
        }
        guard completion.candidates.count > 1 else { return UInt8(CC_REFRESH) }
        let listing = Columns.layout(completion.candidates, width: Terminal.columns(1))
        if listing.utf8.count(where: { $0 == 0x0A }) >= Terminal.rows(1) - 1, !confirm("Display all \(completion.candidates.count) possibilities? (y or n) ") {
            return UInt8(CC_REDISPLAY)
        }
        Terminal.write(1, "\n" + listing)
        return UInt8(CC_REDISPLAY)
    }

    /// Asks `question` below the line and reads one key: y, Y or Space is yes, any other key (or
    /// Ctrl-C) no. A list taller than the screen is asked for first, as readline does.
    func confirm(_ question: String) -> Bool {
        Terminal.write(1, "\n" + question)
        var key: CChar = 0
        let read = el_getc(editor, &key)
        if read != 1 { iijq_signals_clear_interrupt() }
        let yes = read == 1 && (key == 0x79 || key == 0x59 || key == 0x20)
        Terminal.write(1, yes ? "y" : "n")
        if !yes { Terminal.write(1, "\n") }
        return yes
    }
}
