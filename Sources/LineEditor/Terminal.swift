import LibeditShim

#if canImport(Glibc)
import Glibc
#endif

/// The terminal around the editor: its width and raw writes to its descriptors.
public enum Terminal {
    /// Columns of the terminal on `fd`, or 80 when it is not a terminal or does not say.
    public static func columns(_ fd: Int32) -> Int {
        let n = Int(iijq_terminal_columns(fd))
        return n > 0 ? n : 80
    }

    /// Rows of the terminal on `fd`, or 24 when it is not a terminal or does not say.
    public static func rows(_ fd: Int32) -> Int {
        let n = Int(iijq_terminal_rows(fd))
        return n > 0 ? n : 24
    }

    /// Whether `fd` is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Whether SIGINT arrived since the editor last read a line; polled to cancel work.
    public static var interrupted: Bool { iijq_signals_interrupted() != 0 }

    /// Writes all of `text` to the descriptor `fd` (a terminal or any file), retrying short and
    /// interrupted writes; false (with `errno` set) if a write failed.
    @discardableResult
    public static func write(_ fd: Int32, _ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue } else { return false } }
                offset += n
            }
            return true
        }
    }
}
