import LibeditShim
import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// Results taller than the terminal, shown through a pager (`$PAGER`, else `less -FRSX`), as
/// psql does; `.pager on|off`. Only in the shell, only when results go to the terminal.
enum Pager {
    /// The command that pages: `$PAGER` when set and not empty, else `less -FRSX` (quits at once
    /// when the text fits, keeps colours, chops long lines, leaves the screen as it was).
    static var command: String {
        if let value = getenv("PAGER").map({ String(cString: $0) }), !value.allSatisfy(\.isWhitespace) { return value }
        return "less -FRSX"
    }

    /// Writes `text` to the terminal, through the pager when it has more lines than the terminal
    /// has rows (less the prompt's); straight to the terminal when the pager cannot start or is
    /// not found.
    static func show(_ text: String) {
        let lines = text.utf8.count(where: { $0 == 0x0A })
        var input: Int32 = -1
        guard lines >= Terminal.rows(1) - 1 else { return FileIO.out(text) }
        let pid = iijq_spawn_pager(command, &input)
        guard pid > 0 else { return FileIO.out(text) }
        // A pager quit before the end closes the pipe: the write fails, it must not kill the shell.
        let previous = signal(SIGPIPE, SIG_IGN)
        Terminal.write(input, text)
        close(input)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        signal(SIGPIPE, previous)
        // The shell could not find the pager (exit status 127): the text is shown as it is.
        if status & 0x7f == 0, (status >> 8) & 0xff == 127 { FileIO.out(text) }
        // Ctrl-C in the pager is the pager's; it does not cancel what comes next.
        iijq_signals_clear_interrupt()
    }
}
