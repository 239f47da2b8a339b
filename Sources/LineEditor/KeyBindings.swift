import LibeditShim

/// The escape sequences common terminals send for keys libedit leaves unbound, and what they do.
///
/// libedit binds only the plain arrows and the `Home`/`End`/`Delete` of the terminal's terminfo
/// entry; anything else is read as Escape followed by text, so Ctrl-Left typed `;5D` into the line.
/// These are the sequences of xterm (and xterm-256color, VTE, iTerm2, Windows Terminal), screen and
/// tmux (tmux-256color, and tmux sending xterm keys), rxvt and PuTTY. A sequence is harmless when it
/// does nothing; none types text.
public enum KeyBindings {
    /// A key sequence (in `bind` notation: `\e` is Escape) and the libedit function it runs.
    public struct Binding: Sendable, Equatable {
        public var keys: String
        public var function: String
    }

    /// libedit's function that does nothing, for keys such as PageUp that mean nothing on one line.
    static let ignore = "ed-ignore"

    static let wordBack = ["\\e[1;5D", "\\e[1;3D", "\\e[5D", "\\eOd", "\\e\\e[D", "\\e\\eOD"]
    static let wordForward = ["\\e[1;5C", "\\e[1;3C", "\\e[5C", "\\eOc", "\\e\\e[C", "\\e\\eOC"]
    static let home = ["\\e[1~", "\\e[7~", "\\e[H", "\\e[1;5H", "\\eOH"]
    static let end = ["\\e[4~", "\\e[8~", "\\e[F", "\\e[1;5F", "\\eOF"]
    /// Ctrl-Delete and Alt-Delete (xterm, rxvt).
    static let deleteWord = ["\\e[3;5~", "\\e[3;3~", "\\e[3\\^"]
    static let delete = ["\\e[3~"]
    /// Shift-Left/Right (xterm, rxvt) move by a character, as in most editors.
    static let charBack = ["\\e[1;2D", "\\e[d"]
    static let charForward = ["\\e[1;2C", "\\e[c"]
    /// Insert, PageUp/Down (with or without Ctrl), Ctrl- and Alt-Up/Down, F1–F12.
    static let harmless = ["\\e[2~", "\\e[5~", "\\e[6~", "\\e[5;5~", "\\e[6;5~", "\\e[5\\^", "\\e[6\\^",
                           "\\e[1;5A", "\\e[1;5B", "\\e[1;3A", "\\e[1;3B", "\\eOa", "\\eOb",
                           "\\eOP", "\\eOQ", "\\eOR", "\\eOS", "\\e[11~", "\\e[12~", "\\e[13~", "\\e[14~",
                           "\\e[15~", "\\e[17~", "\\e[18~", "\\e[19~", "\\e[20~", "\\e[21~", "\\e[23~", "\\e[24~"]

    /// The bindings of emacs mode: the sequences above, Alt-D, Alt-Backspace and C-_ (undo).
    public static var emacs: [Binding] {
        common + bind(["\\ed", "\\eD"], "em-delete-next-word") + bind(["\\e^?", "\\e^H"], "ed-delete-prev-word")
            + bind(["^_"], LineEditor.undoFunction)
    }

    /// The bindings of vi mode's command map (`bind -a`). In insert mode Escape switches to the
    /// command map at once (libedit has no timeout that could tell it from a key's sequence), and
    /// the rest of the sequence arrives there: so each `\e[` sequence is bound both whole and
    /// without its Escape, and the key works from either mode, ending in command mode, instead of
    /// running the sequence's letters as vi commands (Ctrl-Left ended in `D`, delete to the end).
    public static var viCommand: [Binding] {
        common + common.filter { $0.keys.hasPrefix("\\e[") }.map { Binding(keys: String($0.keys.dropFirst(2)), function: $0.function) }
            + viControls
    }

    /// Ctrl-L and Ctrl-R in both of vi mode's maps, as in emacs mode (libedit's vi insert map types
    /// them as `^L` and `^R`).
    public static let viControls = bind(["^L"], "ed-clear-screen") + bind(["^R"], "em-inc-search-prev")

    static var common: [Binding] {
        bind(wordBack, "ed-prev-word") + bind(wordForward, "em-next-word") + bind(home, "ed-move-to-beg")
            + bind(end, "ed-move-to-end") + bind(deleteWord, "em-delete-next-word") + bind(delete, "ed-delete-next-char")
            + bind(charBack, "ed-prev-char") + bind(charForward, "ed-next-char") + bind(harmless, ignore)
    }

    static func bind(_ keys: [String], _ function: String) -> [Binding] {
        keys.map { Binding(keys: $0, function: function) }
    }
}

extension LineEditor {
    /// Binds the keys of `KeyBindings` for the editor's current mode. Returns the bindings libedit
    /// refused (an unknown function), which should be none.
    @discardableResult
    func bindCommonKeys() -> [KeyBindings.Binding] {
        guard mode == "vi" else {
            return KeyBindings.emacs.filter { iijq_el_bind(editor, $0.keys, $0.function) != 0 }
        }
        return (KeyBindings.viControls + KeyBindings.bind(["^_"], LineEditor.undoFunction)).filter { iijq_el_bind(editor, $0.keys, $0.function) != 0 }
            + KeyBindings.viCommand.filter { iijq_el_bind_alternate(editor, $0.keys, $0.function) != 0 }
    }

    /// The editor's mode, "emacs" or "vi" (`bind -v` in `~/.editrc` switches to vi).
    var mode: String {
        iijq_el_get_editor(editor).map { String(cString: $0) } ?? "emacs"
    }
}
