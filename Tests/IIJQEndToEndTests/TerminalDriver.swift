import Foundation
import PseudoTerminal

/// Drives the real `iijq` in a pseudo-terminal: sends keystrokes, reads what it draws.
///
/// Each run gets its own `HOME`, `XDG_STATE_HOME`, `XDG_CONFIG_HOME` and `XDG_CACHE_HOME` in a temporary directory,
/// so history and the start-up script never touch the user's.
final class TerminalDriver {
    let fd: Int32
    let pid: pid_t
    let home: URL
    /// Everything the shell wrote, escape sequences included.
    private(set) var raw: [UInt8] = []
    /// How many prompts had appeared when the last keys were sent.
    private var promptsAcknowledged = 0

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let keys = (up: "\u{1B}[A", left: "\u{1B}[D", end: "\u{05}", tab: "\t", ctrlC: "\u{03}", ctrlD: "\u{04}", ctrlR: "\u{12}", ctrlU: "\u{15}",
                       ctrlLeft: "\u{1B}[1;5D")

    /// `wrapper` is a command that runs iijq (its path and `arguments` follow), such as a shell
    /// that sets a file-size limit first.
    init(arguments: [String] = ["-q"], home: URL? = nil, environment extra: [String: String] = [:], columns: UInt16 = 100,
         wrapper: [String] = []) throws {
        self.home = try home ?? Binary.temporaryDirectory()
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = self.home.path
        env["XDG_STATE_HOME"] = self.home.appendingPathComponent("state").path
        env["XDG_CONFIG_HOME"] = self.home.appendingPathComponent("config").path
        env["XDG_CACHE_HOME"] = self.home.appendingPathComponent("cache").path
        env["LANG"] = "C.UTF-8"
        env["TERM"] = "xterm"
        env["EDITRC"] = self.home.appendingPathComponent("editrc").path
        // Tall results go through the pager; `cat` shows them at once (PagerTests sets others).
        env["PAGER"] = "cat"
        env.removeValue(forKey: "IIJQ_HISTORY")
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in extra { env[k] = v }
        let path = wrapper.first ?? Binary.url.path
        let argv = (wrapper + [Binary.url.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0)=\($1)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        fd = iijq_pty_spawn(path, argv, envp, 24, columns, &child)
        guard fd >= 0 else { throw Failure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))") }
        pid = child
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(fd)
    }

    /// What the shell drew, with escape sequences and carriage returns removed.
    var screen: String { TerminalDriver.plain(String(decoding: raw, as: UTF8.self)) }

    static func plain(_ s: String) -> String {
        var out = "", scalars = s.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            if c == "\u{1B}" {
                guard let n = scalars.next() else { break }
                if n == "[" { while let t = scalars.next(), !("@"..."~").contains(t) {} }
            } else if c != "\r" && c != "\u{07}" {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Reads until `done` holds for the screen, or fails after `timeout` seconds.
    @discardableResult
    func wait(for what: String, timeout: Double = 20, until done: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let text = screen
            if done(text) { return text }
            guard Date() < deadline else { throw Failure(description: "timed out waiting for \(what); the screen shows:\n\(text)") }
            guard read(timeoutMilliseconds: 100) else {
                let text = screen
                if done(text) { return text }
                throw Failure(description: "the shell closed the terminal while waiting for \(what); the screen shows:\n\(text)")
            }
        }
    }

    /// Waits until `text` appears after everything seen when the call started.
    @discardableResult
    func wait(for text: String, timeout: Double = 20) throws -> String {
        let start = screen.count
        return try wait(for: "'\(text)'", timeout: timeout) { $0.dropFirst(start).contains(text) }
    }

    /// Waits for a fresh prompt with the editor reading keys: the prompt ends the screen and the
    /// terminal is in raw mode. Keys sent earlier reach the terminal in cooked mode, where Ctrl-R,
    /// Ctrl-D and the like mean something else or are lost.
    func waitForPrompt(_ prompt: String = "iijq> ") throws {
        let want = promptsAcknowledged + 1
        try wait(for: "prompt \(want)") { screen in
            TerminalDriver.count(prompt, in: screen) >= want && screen.hasSuffix(prompt) && isRaw
        }
        promptsAcknowledged = TerminalDriver.count(prompt, in: screen)
    }

    /// Whether the terminal is in raw (non-canonical) mode, as libedit sets it while reading.
    var isRaw: Bool {
        var modes = termios()
        return tcgetattr(fd, &modes) == 0 && modes.c_lflag & UInt32(ICANON) == 0
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Sends keystrokes as they are.
    func send(_ keys: String) {
        var bytes = Array(keys.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    /// Waits for the prompt, types a line and Enter.
    func enter(_ line: String) throws {
        try waitForPrompt()
        send(line + "\r")
    }

    /// Resizes the terminal to `columns` (24 rows), as a user dragging the window does.
    func resize(columns: UInt16) throws {
        guard iijq_pty_resize(fd, 24, columns) == 0 else { throw Failure(description: "cannot resize: \(String(cString: strerror(errno)))") }
    }

    /// Types `.quit` at the next prompt and returns the shell's exit status.
    func quit() throws -> Int32 {
        try enter(".quit")
        return try exitStatus()
    }

    /// Reads until the shell has written nothing for `quiet` milliseconds.
    func drain(quiet: Int32 = 300) {
        var count = -1
        while count != raw.count, read(timeoutMilliseconds: quiet) { count = raw.count }
    }

    /// The last line as a terminal shows it, and the cursor's column on it: carriage returns,
    /// backspaces, wide characters and the cursor-moving, inserting, deleting and erasing CSI
    /// sequences libedit writes are applied, others ignored.
    var lastLine: (text: String, cursor: Int) {
        var line = TerminalLine()
        var scalars = String(decoding: raw, as: UTF8.self).unicodeScalars.makeIterator()
        while let c = scalars.next() {
            if c == "\u{1B}" {
                guard let n = scalars.next() else { break }
                guard n == "[" else { continue }
                var parameters = ""
                while let t = scalars.next() {
                    if ("@"..."~").contains(t) { line.apply(csi: t, parameters); break }
                    parameters.unicodeScalars.append(t)
                }
            } else {
                line.put(c)
            }
        }
        return (line.cells.joined().replacingOccurrences(of: "\u{0}", with: ""), line.cursor)
    }

    /// Reads what is available within the timeout; false once the terminal is closed.
    private func read(timeoutMilliseconds: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, timeoutMilliseconds) > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = Glibc.read(fd, &buffer, buffer.count)
        guard n > 0 else { return false }
        raw += buffer[..<n]
        return true
    }

    /// Waits for the shell to exit, draining its output; returns its exit status (or 128 + signal).
    func exitStatus(timeout: Double = 20) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            _ = read(timeoutMilliseconds: 50)
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal
            }
        }
        throw Failure(description: "the shell did not exit; the screen shows:\n\(screen)")
    }

    /// The history file's entries (libedit's format, decoded), or nil if there is none.
    var historyEntries: [String]? {
        let url = home.appendingPathComponent("state/iijq/history")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").dropFirst().map { TerminalDriver.unvis(String($0)) }
    }

    /// Decodes libedit's `strvis` octal escapes (`\040` for a space, `\012` for a newline).
    static func unvis(_ s: String) -> String {
        var out: [UInt8] = [], bytes = Array(s.utf8), i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\"), i + 3 < bytes.count, let v = UInt8(String(decoding: bytes[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                out.append(v)
                i += 4
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One line of a terminal, enough to follow where libedit draws the cursor.
struct TerminalLine {
    /// One string a column; the column a wide character's right half covers holds "\u{0}".
    var cells: [String] = []
    var cursor = 0

    mutating func put(_ c: Unicode.Scalar) {
        switch c {
        case "\n": self = TerminalLine()
        case "\r": cursor = 0
        case "\u{08}": cursor = max(0, cursor - 1)
        case _ where c.value < 0x20 || c.value == 0x7F: break
        default:
            let wide = (0x1100...0x115F).contains(c.value) || (0x2E80...0xA4CF).contains(c.value)
                || (0xAC00...0xD7A3).contains(c.value) || (0xF900...0xFAFF).contains(c.value) || (0xFF00...0xFF60).contains(c.value)
            write(String(c), at: cursor)
            if wide { write("\u{0}", at: cursor + 1) }
            cursor += wide ? 2 : 1
        }
    }

    mutating func write(_ s: String, at column: Int) {
        while cells.count <= column { cells.append(" ") }
        cells[column] = s
    }

    /// Applies `ESC [ parameters final`.
    mutating func apply(csi final: Unicode.Scalar, _ parameters: String) {
        let n = Int(parameters) ?? 1
        switch final {
        case "G": cursor = max(0, n - 1)
        case "C": cursor += n
        case "D": cursor = max(0, cursor - n)
        case "K": if cursor < cells.count { cells.removeSubrange(cursor...) }
        case "P": if cursor < cells.count { cells.removeSubrange(cursor..<min(cells.count, cursor + n)) }
        case "@": if cursor < cells.count { cells.insert(contentsOf: Array(repeating: " ", count: n), at: cursor) }
        default: break
        }
    }
}
