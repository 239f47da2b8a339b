import IIJQ
import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// Reads a file or standard input one line at a time, so a script of any length runs in
/// memory bounded by its longest statement rather than its size.
///
/// Reading is bounded and checked: a line longer than a statement may be (`Limits.statementBytes`)
/// with no line break (`/dev/zero`) stops the reading, as does a read error (`/proc/self/mem`)
/// or Ctrl-C; `problem` then says why, and the caller reports it as a failure — neither is
/// taken for the end of the input.
final class LineReader {
    private let fd: Int32
    private let owned: Bool
    /// Bytes read and not yet returned start at `start`.
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Lines returned so far.
    private(set) var lineNumber = 0
    /// Why reading stopped before the end of the input, or nil.
    private(set) var problem: String?

    /// Opens `path`; nil (with `errno` set) when it cannot be read or is a directory.
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            errno = EISDIR
            return nil
        }
        self.fd = fd
        owned = true
    }

    /// Reads standard input.
    init() {
        fd = 0
        owned = false
    }

    deinit {
        if owned { close(fd) }
    }

    /// The next line without its line break (`\n` or `\r\n`; invalid UTF-8 becomes U+FFFD), and
    /// whether it had one (the last line of a file may not); nil at the end or when reading
    /// stopped (`problem` says why).
    func next() -> (text: String, broken: Bool)? {
        guard problem == nil else { return nil }
        var searched = start
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                return line(upTo: newline, broken: true)
            }
            searched = buffer.count
            if buffer.count - start > Limits.statementBytes {
                problem = "line \(lineNumber + 1) has more than the \(Dec(Limits.statementBytes).formatted()) bytes a statement may hold and no line break yet; stopped reading"
                return nil
            }
            if atEnd { return start < buffer.count ? line(upTo: buffer.count, broken: false) : nil }
            let scanned = buffer.count - start  // fill moves the unreturned bytes to the front
            guard fill() else { return nil }
            searched = start + scanned
        }
    }

    /// Returns the bytes from `start` to `end` as a line and moves past its line break.
    private func line(upTo end: Int, broken: Bool) -> (text: String, broken: Bool) {
        var length = end
        if length > start, buffer[length - 1] == 0x0D { length -= 1 }  // a script saved with CRLF line ends
        let text = String(decoding: buffer[start..<length], as: UTF8.self)
        start = broken ? end + 1 : end
        lineNumber += 1
        return (text, broken)
    }

    /// Reads more bytes, dropping those already returned; false (with `problem` set) on a read
    /// error or Ctrl-C.
    private func fill() -> Bool {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n > 0 {
                buffer += chunk[..<n]
                return true
            }
            if n == 0 {
                atEnd = true
                return true
            }
            if errno == EINTR, !Terminal.interrupted { continue }
            problem = errno == EINTR ? "interrupted: stopped reading at line \(lineNumber + 1)"
                : "cannot read line \(lineNumber + 1): \(lastErrorMessage())"
            return false
        }
    }
}
