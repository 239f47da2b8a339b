import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// Reading files and writing to the standard streams without Foundation.
public enum FileIO {
    /// The whole file as UTF-8 text (invalid bytes become U+FFFD), or nil if it cannot be read.
    public static func read(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var st = stat()
        if fstat(fileno(file), &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            errno = EISDIR
            return nil
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        if ferror(file) != 0 { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func lastError() -> String { lastErrorMessage() }

    public static func out(_ text: String) { Terminal.write(1, text) }

    public static func error(_ text: String) { Terminal.write(2, text) }
}
