#if canImport(Glibc)
import Glibc
#endif

/// Reads a file or standard input one line at a time, so a script of any length runs in
/// memory bounded by its longest statement rather than its size.
final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private let owned: Bool
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    /// Opens `path`; nil (with `errno` set) when it cannot be read or is a directory.
    init?(path: String) {
        guard let file = fopen(path, "rb") else { return nil }
        var st = stat()
        if fstat(fileno(file), &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            fclose(file)
            errno = EISDIR
            return nil
        }
        self.file = file
        owned = true
    }

    /// Reads standard input.
    init() {
        file = fdopen(0, "rb")
        owned = true
    }

    deinit {
        free(buffer)
        if owned { fclose(file) }
    }

    /// The next line without its line break (`\n` or `\r\n`; invalid UTF-8 becomes U+FFFD), and
    /// whether it had one (the last line of a file may not); nil at the end.
    func next() -> (text: String, broken: Bool)? {
        let n = getline(&buffer, &capacity, file)
        guard n >= 0, let buffer else { return nil }
        var length = n
        let broken = length > 0 && buffer[length - 1] == 0x0A
        if broken { length -= 1 }
        if length > 0, buffer[length - 1] == 0x0D { length -= 1 }  // a script saved with CRLF line ends
        let text = buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        return (text, broken)
    }
}
