#if canImport(Glibc)
import Glibc
#endif

import IIJQ

/// Where the shell keeps its history and finds its start-up script, following the XDG base directories.
enum Paths {
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let s = String(cString: value)
        return s.isEmpty ? nil : s
    }

    static var home: String? { environment("HOME") }

    /// `$IIJQ_HISTORY`, else `$XDG_STATE_HOME/iijq/history`, else `~/.local/state/iijq/history`.
    /// Nil when `IIJQ_HISTORY` is set but empty (history is then kept for the session only).
    static var history: String? {
        if let value = getenv("IIJQ_HISTORY") {
            let s = String(cString: value)
            return s.isEmpty ? nil : s
        }
        if let state = environment("XDG_STATE_HOME") { return state + "/iijq/history" }
        return home.map { $0 + "/.local/state/iijq/history" }
    }

    /// Where the tour remembers the next lesson: `$XDG_STATE_HOME/iijq/tour`, else `~/.local/state/iijq/tour`.
    static var tourProgress: String? {
        if let state = environment("XDG_STATE_HOME") { return state + "/iijq/tour" }
        return home.map { $0 + "/.local/state/iijq/tour" }
    }

    /// How many history entries are kept: `$IIJQ_HISTORY_SIZE` when it is a whole number from 1,
    /// else 10,000; 0 means the history file is neither read nor written (the session keeps its
    /// own). Any other value is warned about and the default used — it never trims the file.
    static var historySize: (entries: Int, keepFile: Bool, warning: String?) {
        guard let text = environment("IIJQ_HISTORY_SIZE") else { return (10_000, true, nil) }
        let digits = text.trimmingPrefix("+")
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard let n = Int(digits) else { return (Int(Int32.max), true, nil) }
            return n == 0 ? (10_000, false, nil) : (min(n, Int(Int32.max)), true, nil)
        }
        let shown = visibleText(text)
        return (10_000, true, "warning: IIJQ_HISTORY_SIZE=\(shown) is not a number of entries (a whole number; 0 keeps no history file); keeping 10,000")
    }

    /// `$XDG_CONFIG_HOME/iijq/init.iq`, else `~/.config/iijq/init.iq`.
    static var initScript: String? {
        if let config = environment("XDG_CONFIG_HOME") { return config + "/iijq/init.iq" }
        return home.map { $0 + "/.config/iijq/init.iq" }
    }

    /// Whether colour is allowed on `fd`: it is a terminal and `NO_COLOR` is unset or empty.
    static func colorAllowed(on fd: Int32) -> Bool {
        isatty(fd) == 1 && environment("NO_COLOR") == nil
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}
